// Bundles from a red team: each attack found against the bundle reader is a case here, and each must end in
// a typed refusal (BUNDLE_TOO_LARGE for a limit, BUNDLE_CORRUPT naming the line for bad content,
// BUNDLE_TAMPERED for a spoofed sender), never INTERNAL and never a crash. Peak memory of the large ones is
// measured in a child process by sync-bundle-memory.test.ts.
import { Decrypter, Encrypter, Stanza, type Recipient } from 'age-encryption';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBundle,
  buildManifest,
  openBundle,
  sealBundle,
  type OpenBundleOptions,
  type StreamSource,
} from '../../electron/core/sync/bundle';
import { scanJson } from '../../electron/core/sync/change-lines';
import { DEFAULT_LIMITS } from '../../electron/core/sync/limits';
import { sign } from '../../electron/core/sync/minisign';
import { readTar, writeTar } from '../../electron/core/sync/tarball';
import { AmparoError } from '../../shared/errors';
import type { ChangeLine } from '../../shared/sync';
import { gzipRepeat, nested, paddedLine, rawLine } from '../fixtures/fuzz/bombs';
import {
  asContact,
  bundleInput,
  makeOffice,
  openOptions,
  recordId,
  stamp,
  type TestOffice,
} from '../fixtures/sync/offices';
import { sealEditedManifest, sealRawManifest } from '../fixtures/sync/seal';

const now = new Date('2026-11-24T10:00:00Z');
let sj: TestOffice, oak: TestOffice, stranger: TestOffice;
let opts: OpenBundleOptions;
let clock: string;

beforeAll(async () => {
  [sj, oak, stranger] = (await Promise.all(['San José', 'Oakland', 'Stranger'].map(makeOffice))) as [
    TestOffice,
    TestOffice,
    TestOffice,
  ];
  opts = openOptions(oak, [asContact(sj)], now);
  clock = stamp(now.getTime(), sj.officeId);
});

interface Refusal {
  code: string;
  message: string;
  line: string | undefined;
}

async function refusal(p: Promise<unknown>): Promise<Refusal> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof AmparoError)) throw err;
    return {
      code: err.code,
      message: err.message,
      line: err.issues?.find((i) => i.path === 'line')?.message,
    };
  }
  return { code: 'ACCEPTED', message: '', line: undefined };
}

/** San José signs `text` (the change lines) as its payload, claiming `count` changes. */
const signedPayload = (text: string | Uint8Array, count: number) =>
  sealBundle(bundleInput(sj, [oak], [], now), new Uint8Array(gzipSync(text)), count);
const signedGzip = (gz: Uint8Array, count: number) => sealBundle(bundleInput(sj, [oak], [], now), gz, count);
const open = (bytes: Uint8Array, extra: Partial<OpenBundleOptions> = {}) =>
  refusal(openBundle(bytes, { ...opts, ...extra }));

const person = (id = recordId(1)): ChangeLine => ({
  entity: 'person',
  id,
  fields: { givenName: { value: 'Ana', clock }, familyName: { value: 'Pérez', clock } },
});
const lines = (changes: (ChangeLine | string)[]) =>
  changes.map((c) => `${typeof c === 'string' ? c : JSON.stringify(c)}\n`).join('');

describe('floods and bombs', () => {
  it('a newline flood is refused at its first line, whatever count it declares', async () => {
    const flood = await gzipRepeat('\n', 20_000_000, true);
    expect(await open(await signedGzip(flood, 1))).toMatchObject({ code: 'BUNDLE_CORRUPT', line: '1' });
    expect(await open(await signedGzip(flood, 150_000_000))).toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
  });

  it('a `{}` flood is refused at its first line; lines past the declared count are refused', async () => {
    const flood = await gzipRepeat('{}\n', 3 * 2_000_000);
    expect(await open(await signedGzip(flood, 2_000_000))).toMatchObject({
      code: 'BUNDLE_CORRUPT',
      line: '1',
    });
    expect(await open(await signedGzip(flood, 133_000_000))).toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
    // Valid lines, one more than declared: counted as they stream.
    const three = lines([person(recordId(1)), person(recordId(2)), person(recordId(3))]);
    expect(await open(await signedPayload(three, 2))).toMatchObject({ code: 'BUNDLE_CORRUPT', line: '3' });
    expect(await open(await signedPayload(three, 4))).toMatchObject({ code: 'BUNDLE_CORRUPT' });
    expect(await open(await signedPayload(three, 3))).toMatchObject({ code: 'ACCEPTED' });
  });

  it('a gzip bomb of zeros stops at the line limit, with BUNDLE_TOO_LARGE', async () => {
    const bomb = await gzipRepeat('\0', 256 << 20, true);
    expect(bomb.length).toBeLessThan(300_000);
    const result = await open(await signedGzip(bomb, 1));
    expect(result).toMatchObject({ code: 'BUNDLE_TOO_LARGE', line: '1' });
    expect(result.message).toMatch(/longer than the limit/);
  });

  it('a bomb of valid lines stops at the expansion cap as it streams', async () => {
    const line = paddedLine(person(), DEFAULT_LIMITS.maxLineBytes);
    const bomb = await gzipRepeat(line, 64 * line.length, true);
    const capped = { limits: { maxUncompressedBytes: 16 << 20 } };
    const result = await open(await signedGzip(bomb, 64), capped);
    expect(result).toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
    expect(result.message).toMatch(/expands beyond/);
    // The same padded lines within the cap are valid JSON lines and open.
    const small = await gzipRepeat(line, 4 * line.length, true);
    expect(await open(await signedGzip(small, 4), capped)).toMatchObject({ code: 'ACCEPTED' });
  });

  it('a line one byte over the limit is refused, one at the limit is not', async () => {
    const limits = { maxLineBytes: 4096 };
    const at = paddedLine(person(), 4097); // 4096 bytes and the newline
    expect(await open(await signedPayload(at, 1), { limits })).toMatchObject({ code: 'ACCEPTED' });
    const over = paddedLine(person(), 4098);
    expect(await open(await signedPayload(over, 1), { limits })).toMatchObject({
      code: 'BUNDLE_TOO_LARGE',
      line: '1',
    });
  });
});

describe('nesting and key names', () => {
  it('refuses JSON nested 200,000 deep in a line or in the signed manifest as BUNDLE_TOO_LARGE', async () => {
    const deep = rawLine(recordId(1), clock, 'notes', nested(200_000));
    expect(await open(await signedPayload(`${deep}\n`, 1))).toMatchObject({
      code: 'BUNDLE_TOO_LARGE',
      line: '1',
    });
    // Signed by the real sender, so only the depth check stands between it and the parser.
    const input = bundleInput(sj, [oak], [person()], now);
    const payload = new Uint8Array(gzipSync(lines([person()])));
    const manifest = buildManifest(input, payload, 1);
    const text = JSON.stringify({ ...manifest, knowledge: 'DEEP' }).replace('"DEEP"', nested(200_000));
    const bytes = await sealRawManifest(input, text, payload, manifest.bundleId);
    expect(await open(bytes)).toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
  });

  it('measures depth exactly and ignores brackets inside strings', () => {
    expect(scanJson(nested(16), 16)).toBe('ok');
    expect(scanJson(nested(17), 16)).toBe('too-deep');
    expect(scanJson(`["${'['.repeat(100)}\\"${'{'.repeat(100)}"]`, 2)).toBe('ok');
  });

  it('refuses prototype keys anywhere in a line, escaped or not, naming the line', async () => {
    const id = recordId(1);
    const hostile = [
      rawLine(id, clock, '__proto__', '"x"'),
      rawLine(id, clock, 'constructor', '"x"'),
      rawLine(id, clock, 'prototype', '"x"'),
      rawLine(id, clock, '\\u005f_proto__', '"x"').replace('"\\\\u005f', '"\\u005f'),
      rawLine(id, clock, 'contacts', '[{"name":"A","__proto__":{"polluted":true}}]'),
      rawLine(id, clock, 'contacts', '[{"name":"A","constructor":{"prototype":1}}]'),
      rawLine(id, clock, 'givenName', '"Ana"', ',"__proto__":{"deleted":"x"}'),
    ];
    for (const line of hostile) {
      const result = await open(await signedPayload(lines([person(recordId(2)), line]), 2));
      expect(result, line).toMatchObject({ code: 'BUNDLE_CORRUPT', line: '2' });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses inherited names (toString, hasOwnProperty, valueOf) as fields the kind does not have', async () => {
    for (const field of ['toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      const result = await open(await signedPayload(`${rawLine(recordId(1), clock, field, '"x"')}\n`, 1));
      expect(result, field).toMatchObject({ code: 'BUNDLE_CORRUPT', line: '1' });
      expect(result.message).not.toContain(field);
    }
  });

  it('hands back lines whose fields have no prototype', async () => {
    const opened = await openBundle(await signedPayload(lines([person()]), 1), opts);
    const fields = opened.changes[0]!.fields;
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(fields['toString']).toBeUndefined();
    expect(opened.changes).toEqual([person()]);
  });
});

describe('a poisoned relay: deleted and purged records are validated too', () => {
  const tombstone = (fields: ChangeLine['fields']): ChangeLine => ({
    entity: 'person',
    id: recordId(7),
    fields,
    deleted: clock,
  });

  it('refuses a deleted record whose only field is `constructor`', async () => {
    const line = `{"entity":"person","id":"${recordId(7)}","fields":{"constructor":{"value":"x","clock":"${clock}"}},"deleted":"${clock}"}`;
    expect(await open(await signedPayload(`${line}\n`, 1))).toMatchObject({
      code: 'BUNDLE_CORRUPT',
      line: '1',
    });
  });

  it('refuses SQL-looking field names on live and deleted records, without echoing them', async () => {
    for (const field of ["givenName = 'x'; DROP TABLE people; --", 'id) VALUES (1); --', 'data']) {
      for (const deleted of [false, true]) {
        const change: ChangeLine = {
          entity: 'person',
          id: recordId(7),
          fields: { [field]: { value: 'x', clock } },
        };
        if (deleted) change.deleted = clock;
        const result = await open(await signedPayload(lines([change]), 1));
        expect(result, `${field} deleted=${deleted}`).toMatchObject({ code: 'BUNDLE_CORRUPT', line: '1' });
        expect(result.message).not.toContain(field);
      }
    }
  });

  it('refuses oversized values: past the line limit, past the field limit, past the schema', async () => {
    const huge = tombstone({ notes: { value: 'x'.repeat(30 << 20), clock } });
    expect(await open(await signedPayload(lines([huge]), 1))).toMatchObject({
      code: 'BUNDLE_TOO_LARGE',
      line: '1',
    });
    const big = tombstone({ notes: { value: 'x'.repeat(100_000), clock } });
    expect(await open(await signedPayload(lines([big]), 1))).toMatchObject({
      code: 'BUNDLE_TOO_LARGE',
      line: '1',
    });
    const long = tombstone({ notes: { value: 'x'.repeat(20_001), clock } });
    expect(await open(await signedPayload(lines([long]), 1))).toMatchObject({
      code: 'BUNDLE_CORRUPT',
      line: '1',
    });
    const wrongType = tombstone({ minorsAtHome: { value: 'many', clock } });
    expect(await open(await signedPayload(lines([wrongType]), 1))).toMatchObject({ code: 'BUNDLE_CORRUPT' });
    const unboundedRegex = tombstone({ languages: { value: [`es${'-aa'.repeat(30_000)}`], clock } });
    expect(await open(await signedPayload(lines([unboundedRegex]), 1))).toMatchObject({
      code: 'BUNDLE_TOO_LARGE',
    });
    // A deleted record with valid fields, and a cleared field, still travel.
    const fine = tombstone({ notes: { value: 'x'.repeat(20_000), clock }, phone: { value: null, clock } });
    expect(await open(await signedPayload(lines([fine]), 1))).toMatchObject({ code: 'ACCEPTED' });
  });

  it('refuses a purge marker carrying fields or a delete, and unknown kinds and bad ids', async () => {
    const purged = (extra: Partial<ChangeLine>): ChangeLine => ({
      entity: 'person',
      id: recordId(7),
      fields: {},
      purged: clock,
      ...extra,
    });
    for (const change of [
      purged({ fields: { givenName: { value: 'Ana', clock } } }),
      purged({ deleted: clock }),
      purged({ entity: 'users' }),
      purged({ id: 'not-an-id' }),
    ]) {
      expect(await open(await signedPayload(lines([change]), 1)), JSON.stringify(change)).toMatchObject({
        code: 'BUNDLE_CORRUPT',
        line: '1',
      });
    }
    expect(await open(await signedPayload(lines([purged({})]), 1))).toMatchObject({ code: 'ACCEPTED' });
  });

  it('limits tombstones and purge markers for ids this office never had', async () => {
    const max = DEFAULT_LIMITS.maxUnknownTombstones;
    const markers = (n: number) =>
      lines(
        Array.from({ length: n }, (_, i) => ({
          entity: 'event',
          id: recordId(i + 1),
          fields: {},
          purged: clock,
        })),
      );
    expect(await open(await signedPayload(markers(max), max))).toMatchObject({ code: 'ACCEPTED' });
    expect(await open(await signedPayload(markers(max + 1), max + 1))).toMatchObject({
      code: 'BUNDLE_TOO_LARGE',
      line: String(max + 1),
    });
    // Ids this office holds do not count.
    const known = { knownRecord: (_kind: string, id: string) => id !== recordId(1) };
    expect(await open(await signedPayload(markers(max + 1), max + 1), known)).toMatchObject({
      code: 'ACCEPTED',
    });
    // Deleted records count like purge markers; live ones never do.
    const deletes = lines(
      Array.from({ length: 4 }, (_, i) => ({ ...person(recordId(i + 1)), deleted: clock })),
    );
    const limits = { maxUnknownTombstones: 3 };
    expect(await open(await signedPayload(deletes, 4), { limits })).toMatchObject({
      code: 'BUNDLE_TOO_LARGE',
      line: '4',
    });
    const live = lines(Array.from({ length: 4 }, (_, i) => person(recordId(i + 1))));
    expect(await open(await signedPayload(live, 4), { limits })).toMatchObject({ code: 'ACCEPTED' });
  });
});

describe('a spoofed sender', () => {
  it('refuses a manifest whose sender name or office id is not the signing contact', async () => {
    const payload = new Uint8Array(gzipSync(lines([person()])));
    // Oakland is the recipient; San José signs, naming Stranger's office.
    const cases = [
      { officeId: stranger.officeId, name: stranger.name },
      { officeId: stranger.officeId, name: sj.name },
      { officeId: sj.officeId, name: 'Office A' },
    ];
    for (const claim of cases) {
      const bytes = await sealEditedManifest(bundleInput(sj, [oak], [], now), payload, 1, (m) => ({
        ...m,
        sender: { ...m.sender, ...claim },
      }));
      // Even a recipient that knows both offices blames no one but the signer.
      const both = openOptions(oak, [asContact(sj), asContact(stranger)], now);
      expect(await refusal(openBundle(bytes, both)), JSON.stringify(claim)).toMatchObject({
        code: 'BUNDLE_TAMPERED',
      });
    }
    const honest = await openBundle(await buildBundle(bundleInput(sj, [oak], [person()], now)), opts);
    expect(honest.sender).toMatchObject({ officeId: sj.officeId, officeName: sj.name });
  });
});

describe('the raw file', () => {
  it('refuses a file over the size limit before decrypting or even opening it', async () => {
    let opened = false;
    const huge: StreamSource = {
      size: 1 << 30,
      open: () => {
        opened = true;
        throw new Error('must not be read');
      },
    };
    expect(await refusal(openBundle(huge, opts))).toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
    expect(opened).toBe(false);
    const bytes = await buildBundle(bundleInput(sj, [oak], [person()], now));
    expect(await open(bytes, { limits: { maxBundleBytes: bytes.length - 1 } })).toMatchObject({
      code: 'BUNDLE_TOO_LARGE',
    });
  });

  it('refuses a stream that grows past its size limit while it is read', async () => {
    const bytes = await buildBundle(bundleInput(sj, [oak], [person()], now));
    const lying: StreamSource = {
      size: 100,
      open: () => new Blob([new Uint8Array(bytes), new Uint8Array(1 << 20)]).stream(),
    };
    expect(
      await refusal(openBundle(lying, { ...opts, limits: { maxBundleBytes: bytes.length + 1000 } })),
    ).toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
  });

  it('reads a small bundle once and a large one twice, with the same lines', async () => {
    const changes = Array.from({ length: 50 }, (_, i) => person(recordId(i + 1)));
    const bytes = await buildBundle(bundleInput(sj, [oak], changes, now));
    const counted = () => ({
      size: bytes.length,
      reads: 0,
      open() {
        this.reads++;
        return new Blob([new Uint8Array(bytes)]).stream();
      },
    });
    const once = counted();
    const small = await openBundle(once, opts);
    const twice = counted();
    const large = await openBundle(twice, { ...opts, limits: { maxSinglePassBytes: 1000 } });
    expect([once.reads, twice.reads]).toEqual([1, 2]);
    expect(large.changes).toEqual(small.changes);
    expect(small.changes).toEqual(changes);
    expect(Object.getPrototypeOf(large.changes[0]!.fields)).toBeNull();
  });

  it('refuses a file that changes between its two reads', async () => {
    const first = await buildBundle(bundleInput(sj, [oak], [person()], now));
    const second = await buildBundle(bundleInput(sj, [oak], [person(recordId(2))], now));
    let reads = 0;
    // Past the single-read size the lines are read again (0: always).
    const twoReads = { ...opts, limits: { maxSinglePassBytes: 0 } };
    const swapping: StreamSource = {
      size: first.length,
      open: () => new Blob([new Uint8Array(reads++ === 0 ? first : second)]).stream(),
    };
    expect(await refusal(openBundle(swapping, twoReads))).toMatchObject({ code: 'BUNDLE_TAMPERED' });
    expect(reads).toBe(2);
  });

  it('refuses a malformed X25519 stanza beside a good one, and a low-order share, as BUNDLE_TAMPERED', async () => {
    const d = new Decrypter();
    d.addIdentity(oak.identity.age.identity);
    const tar = await d.decrypt(await buildBundle(bundleInput(sj, [oak], [person()], now)));
    const seal = async (recipients: (string | Recipient)[]) => {
      const e = new Encrypter();
      for (const r of recipients) e.addRecipient(r);
      return e.encrypt(tar);
    };
    const stanza = (share: string): Recipient => ({
      wrapFileKey: () => [new Stanza(['X25519', share], new Uint8Array(32))],
    });
    // Checked before any stanza is tried, so wherever this office's search starts.
    expect(await open(await seal([oak.identity.age.recipient, stanza('AAAA')]))).toMatchObject({
      code: 'BUNDLE_TAMPERED',
    });
    // Only trying reveals an all-zero shared secret; it aborts the import, not passed over as another's.
    const lowOrder = Buffer.alloc(32).toString('base64').replace(/=+$/, '');
    expect(await open(await seal([stanza(lowOrder)]))).toMatchObject({ code: 'BUNDLE_TAMPERED' });
  });

  it('refuses an age header past its limit (a flood of recipient stanzas)', async () => {
    const stanza = `-> X25519 ${'A'.repeat(43)}\n${'A'.repeat(43)}\n`;
    const header = `age-encryption.org/v1\n${stanza.repeat(2000)}--- ${'C'.repeat(43)}\n`;
    const result = await open(Buffer.from(header + 'x'.repeat(100)));
    expect(result).toMatchObject({ code: 'BUNDLE_TOO_LARGE' });
    expect(await open(Buffer.from('not an age file at all\n'))).toMatchObject({ code: 'BUNDLE_TAMPERED' });
  });

  it('verifies the signer before reading the payload: a stranger with a huge payload never gets to it', async () => {
    const manifest = Buffer.from(JSON.stringify({ claimed: 'anything' }));
    const sig = Buffer.from(sign(manifest, stranger.identity.signing, 'x'));
    const entries = writeTar(
      [
        { name: 'manifest.json', data: manifest },
        { name: 'manifest.json.minisig', data: sig },
      ],
      0,
    ).subarray(0, -1024);
    // Then a payload header for 200 MB that are not there: reading them would fail as damage, not as a stranger.
    const head = Buffer.from(
      writeTar([{ name: 'changes.jsonl.gz', data: new Uint8Array(0) }], 0).subarray(0, 512),
    );
    head.write(`${(200_000_000).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    head.fill(0x20, 148, 156);
    const sum = head.reduce((a, b) => a + b, 0);
    head.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    const bytes = await encryptTo(oak, Buffer.concat([entries, head]));
    expect(await open(bytes)).toMatchObject({ code: 'BUNDLE_UNKNOWN_SENDER' });
    expect(await open(bytes, { contactByKeyId: () => asContact(sj) })).toMatchObject({
      code: 'BUNDLE_TAMPERED',
    });
  });

  it('refuses entries out of order: the payload may not come before the signed manifest', async () => {
    const bytes = await buildBundle(bundleInput(sj, [oak], [person()], now));
    const d = new Decrypter();
    d.addIdentity(oak.identity.age.identity);
    const files = readTar(await d.decrypt(bytes), {
      'manifest.json': 1 << 20,
      'manifest.json.minisig': 4096,
      'changes.jsonl.gz': 1 << 20,
    });
    const entry = (name: string) => ({ name, data: files.get(name)! });
    for (const order of [
      ['changes.jsonl.gz', 'manifest.json', 'manifest.json.minisig'],
      ['manifest.json', 'changes.jsonl.gz', 'manifest.json.minisig'],
      ['manifest.json.minisig', 'manifest.json', 'changes.jsonl.gz'],
    ]) {
      const reordered = await encryptTo(oak, writeTar(order.map(entry), 0));
      expect(await open(reordered), order.join(',')).toMatchObject({ code: 'BUNDLE_CORRUPT' });
    }
    const same = await encryptTo(
      oak,
      writeTar(['manifest.json', 'manifest.json.minisig', 'changes.jsonl.gz'].map(entry), 0),
    );
    expect(await open(same)).toMatchObject({ code: 'ACCEPTED' });
  });
});

async function encryptTo(o: TestOffice, plain: Uint8Array): Promise<Uint8Array> {
  const e = new Encrypter();
  e.addRecipient(o.identity.age.recipient);
  return e.encrypt(plain);
}
