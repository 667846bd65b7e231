// Bundle round trip and every refusal of the import order. Each refusal must be a typed AmparoError.
import { Decrypter, Encrypter } from 'age-encryption';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, openBundle, sealBundle, encodeChanges } from '../../electron/core/sync/bundle';
import { ageDecryptionKey } from '../../electron/core/sync/identity';
import { sign } from '../../electron/core/sync/minisign';
import { readTar, writeTar } from '../../electron/core/sync/tarball';
import { AmparoError } from '../../shared/errors';
import { BUNDLE_FORMAT_VERSION } from '../../shared/sync';
import {
  asContact,
  bundleInput,
  makeOffice,
  openOptions,
  personChanges,
  recordId,
  stamp,
  type TestOffice,
} from '../fixtures/sync/offices';
import { sealEditedManifest } from '../fixtures/sync/seal';

const now = new Date('2026-11-24T10:00:00Z');
let sj: TestOffice, oak: TestOffice, partner: TestOffice, stranger: TestOffice;

beforeAll(async () => {
  const offices = await Promise.all(['San José', 'Oakland', 'Partner', 'Stranger'].map(makeOffice));
  [sj, oak, partner, stranger] = offices as [TestOffice, TestOffice, TestOffice, TestOffice];
});

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AmparoError) return err.code;
    throw err;
  }
  return 'ACCEPTED';
}

const TAR_NAMES = { 'manifest.json': 1 << 20, 'manifest.json.minisig': 4096, 'changes.jsonl.gz': 1 << 30 };

async function decryptFor(o: TestOffice, bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const d = new Decrypter();
  d.addIdentity(o.identity.age.identity);
  return readTar(await d.decrypt(bytes), TAR_NAMES);
}

async function encryptTo(o: TestOffice, tar: Uint8Array): Promise<Uint8Array> {
  const e = new Encrypter();
  e.addRecipient(o.identity.age.recipient);
  return e.encrypt(tar);
}

describe('bundle', () => {
  it('round-trips to several recipients', async () => {
    const changes = personChanges(sj.officeId, now.getTime());
    changes.push({
      entity: 'person',
      id: recordId(99),
      fields: {},
      deleted: stamp(now.getTime(), sj.officeId),
    });
    const bytes = await buildBundle(bundleInput(sj, [oak, partner], changes, now));
    expect(Buffer.from(bytes.subarray(0, 21)).toString()).toBe('age-encryption.org/v1');
    for (const me of [oak, partner]) {
      const opened = await openBundle(bytes, openOptions(me, [asContact(sj, 'unverified')], now));
      expect(opened.changes).toEqual(changes);
      expect(opened.manifest.recipients).toEqual([oak.fingerprint, partner.fingerprint]);
      expect(opened.manifest.payload.changeCount).toBe(4);
      expect(opened.manifest.sender.fingerprint).toBe(sj.fingerprint);
    }
  });

  it('decrypts with the office key imported once as a non-extractable WebCrypto key', async () => {
    const key = await ageDecryptionKey(partner.identity);
    expect(key).toMatchObject({ type: 'private', extractable: false, algorithm: { name: 'X25519' } });
    // A file for three offices, ours last: the key finds its stanza as the identity string does.
    const e = new Encrypter();
    for (const o of [sj, oak, partner]) e.addRecipient(o.identity.age.recipient);
    const file = await e.encrypt('para la oficina');
    const withKey = new Decrypter();
    withKey.addIdentity(key);
    expect(await withKey.decrypt(file, 'text')).toBe('para la oficina');
    const notOurs = new Decrypter();
    notOurs.addIdentity(await ageDecryptionKey(stranger.identity));
    await expect(notOurs.decrypt(file)).rejects.toThrow(/no identity matched/);
    const recipientAsKey = {
      ...partner.identity,
      age: { ...partner.identity.age, identity: partner.identity.age.recipient },
    };
    await expect(ageDecryptionKey(recipientAsKey)).rejects.toThrow('Not an age X25519 identity.');
  });

  it('refuses a wrong recipient, an unknown sender and a revoked sender', async () => {
    const bytes = await buildBundle(bundleInput(sj, [oak], personChanges(sj.officeId, now.getTime()), now));
    expect(await refusal(openBundle(bytes, openOptions(partner, [asContact(sj)], now)))).toBe(
      'BUNDLE_NOT_FOR_US',
    );
    expect(await refusal(openBundle(bytes, openOptions(oak, [asContact(partner)], now)))).toBe(
      'BUNDLE_UNKNOWN_SENDER',
    );
    expect(await refusal(openBundle(bytes, openOptions(oak, [asContact(sj, 'revoked')], now)))).toBe(
      'BUNDLE_REVOKED_SENDER',
    );
  });

  it('turns a byte flip at any offset or a truncation into a typed refusal', async () => {
    const bytes = await buildBundle(bundleInput(sj, [oak], personChanges(sj.officeId, now.getTime()), now));
    const opts = openOptions(oak, [asContact(sj)], now);
    const headerEnd = Buffer.from(bytes).indexOf('\n---') + 4;
    const offsets = new Set([0, 5, 22, 30, 40, 60, 80, headerEnd - 10, headerEnd + 10, headerEnd + 40]);
    for (let o = headerEnd + 60; o < bytes.length; o += Math.max(1, Math.floor(bytes.length / 40)))
      offsets.add(o);
    offsets.add(bytes.length - 1);
    for (const offset of offsets) {
      const bad = new Uint8Array(bytes);
      bad[offset]! ^= 0x01;
      const code = await refusal(openBundle(bad, opts));
      expect(code, `offset ${offset}`).toMatch(/^BUNDLE_/);
    }
    for (const len of [0, 10, headerEnd, headerEnd + 20, bytes.length - 1]) {
      expect(await refusal(openBundle(bytes.subarray(0, len), opts)), `length ${len}`).toMatch(/^BUNDLE_/);
    }
  });

  it('refuses a re-addressed bundle: Oakland re-encrypts it to a third office', async () => {
    const bytes = await buildBundle(bundleInput(sj, [oak], personChanges(sj.officeId, now.getTime()), now));
    const d = new Decrypter();
    d.addIdentity(oak.identity.age.identity);
    const readdressed = await encryptTo(partner, await d.decrypt(bytes));
    expect(await refusal(openBundle(readdressed, openOptions(partner, [asContact(sj)], now)))).toBe(
      'BUNDLE_NOT_FOR_US',
    );
  });

  it('refuses changes stamped more than 24 h ahead, naming the sender clock', async () => {
    const ahead = now.getTime() + 25 * 3600 * 1000;
    const bytes = await buildBundle(bundleInput(sj, [oak], personChanges(sj.officeId, ahead), now));
    const err = await openBundle(bytes, openOptions(oak, [asContact(sj)], now)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BUNDLE_FUTURE_CLOCK' });
    expect((err as Error).message).toContain(new Date(ahead).toISOString());
    expect(err).toMatchObject({ issues: [{ path: 'senderClock', message: new Date(ahead).toISOString() }] });
    const fine = await buildBundle(
      bundleInput(sj, [oak], personChanges(sj.officeId, now.getTime() + 23 * 3600e3), now),
    );
    await expect(openBundle(fine, openOptions(oak, [asContact(sj)], now))).resolves.toBeTruthy();
  });

  it('refuses a tombstone whose delete is stamped more than 24 h ahead', async () => {
    const ahead = now.getTime() + 25 * 3600 * 1000;
    const tombstone = {
      entity: 'person' as const,
      id: recordId(99),
      fields: {},
      deletion: { deleted: true, clock: stamp(ahead, sj.officeId) },
    };
    const changes = [...personChanges(sj.officeId, now.getTime(), 1), tombstone];
    const bytes = await buildBundle(bundleInput(sj, [oak], changes, now));
    expect(await refusal(openBundle(bytes, openOptions(oak, [asContact(sj)], now)))).toBe(
      'BUNDLE_FUTURE_CLOCK',
    );
  });

  it('refuses a gzip bomb and oversized entries as BUNDLE_TOO_LARGE', async () => {
    const line = `${JSON.stringify(personChanges(sj.officeId, now.getTime(), 1)[0])}\n`;
    const bomb = new Uint8Array(gzipSync(Buffer.from(line.repeat(200_000))));
    const bytes = await sealBundle(bundleInput(sj, [oak], [], now), bomb, 200_000);
    const opts = { ...openOptions(oak, [asContact(sj)], now), limits: { maxUncompressedBytes: 1 << 20 } };
    expect(await refusal(openBundle(bytes, opts))).toBe('BUNDLE_TOO_LARGE');
    const small = { ...openOptions(oak, [asContact(sj)], now), limits: { maxPayloadBytes: 100 } };
    expect(await refusal(openBundle(bytes, small))).toBe('BUNDLE_TOO_LARGE');
    const tiny = { ...openOptions(oak, [asContact(sj)], now), limits: { maxBundleBytes: 100 } };
    expect(await refusal(openBundle(bytes, tiny))).toBe('BUNDLE_TOO_LARGE');
  });

  it('refuses swapped, renamed, duplicated or extra tar entries as BUNDLE_CORRUPT', async () => {
    const bytes = await buildBundle(bundleInput(sj, [oak], personChanges(sj.officeId, now.getTime()), now));
    const files = await decryptFor(oak, bytes);
    const m = files.get('manifest.json')!;
    const s = files.get('manifest.json.minisig')!;
    const p = files.get('changes.jsonl.gz')!;
    const layouts = [
      [
        { name: 'manifest.json', data: m },
        { name: 'changes.jsonl.gz', data: p },
      ],
      [
        { name: 'manifest.json', data: m },
        { name: 'manifest.json.minisig', data: s },
        { name: 'changes.jsonl', data: p },
      ],
      [
        { name: 'manifest.json', data: m },
        { name: 'manifest.json', data: m },
        { name: 'changes.jsonl.gz', data: p },
      ],
      [
        { name: 'manifest.json', data: m },
        { name: 'manifest.json.minisig', data: s },
        { name: 'changes.jsonl.gz', data: p },
        { name: 'extra', data: p },
      ],
    ];
    for (const layout of layouts) {
      const b = await encryptTo(oak, writeTar(layout, 0));
      expect(await refusal(openBundle(b, openOptions(oak, [asContact(sj)], now)))).toBe('BUNDLE_CORRUPT');
    }
    // Contents swapped under the right names: the "manifest" is the payload, so the signature fails.
    const swapped = await encryptTo(
      oak,
      writeTar(
        [
          { name: 'manifest.json', data: p },
          { name: 'manifest.json.minisig', data: s },
          { name: 'changes.jsonl.gz', data: m },
        ],
        0,
      ),
    );
    expect(await refusal(openBundle(swapped, openOptions(oak, [asContact(sj)], now)))).toBe(
      'BUNDLE_TAMPERED',
    );
  });

  it('refuses a forged manifest or a replaced payload as BUNDLE_TAMPERED', async () => {
    const bytes = await buildBundle(bundleInput(sj, [oak], personChanges(sj.officeId, now.getTime()), now));
    const files = await decryptFor(oak, bytes);
    const s = files.get('manifest.json.minisig')!;
    const forged = JSON.parse(Buffer.from(files.get('manifest.json')!).toString());
    forged.recipients.push(partner.fingerprint);
    const forgedTar = (manifest: Uint8Array, sig: Uint8Array, payload: Uint8Array) =>
      writeTar(
        [
          { name: 'manifest.json', data: manifest },
          { name: 'manifest.json.minisig', data: sig },
          { name: 'changes.jsonl.gz', data: payload },
        ],
        0,
      );
    const b1 = await encryptTo(
      oak,
      forgedTar(Buffer.from(JSON.stringify(forged)), s, files.get('changes.jsonl.gz')!),
    );
    expect(await refusal(openBundle(b1, openOptions(oak, [asContact(sj)], now)))).toBe('BUNDLE_TAMPERED');
    // A stranger signs a manifest claiming to be San José, with San José's key id: signature fails.
    const strangerSig = sign(
      files.get('manifest.json')!,
      { ...stranger.identity.signing, keyId: sj.identity.signing.keyId },
      'x',
    );
    const b2 = await encryptTo(
      oak,
      forgedTar(files.get('manifest.json')!, Buffer.from(strangerSig), files.get('changes.jsonl.gz')!),
    );
    expect(await refusal(openBundle(b2, openOptions(oak, [asContact(sj)], now)))).toBe('BUNDLE_TAMPERED');
    // Payload replaced under an intact signature: hash mismatch.
    const other = encodeChanges(personChanges(sj.officeId, now.getTime(), 5));
    const b3 = await encryptTo(oak, forgedTar(files.get('manifest.json')!, s, other));
    expect(await refusal(openBundle(b3, openOptions(oak, [asContact(sj)], now)))).toBe('BUNDLE_TAMPERED');
    expect(createHash('sha256').update(other).digest('hex')).not.toBe(forged.payload.sha256);
  });

  it('refuses a newer format as BUNDLE_TOO_NEW and an invalid change as BUNDLE_CORRUPT', async () => {
    const input = bundleInput(sj, [oak], personChanges(sj.officeId, now.getTime()), now);
    const newer = await sealEditedManifest(input, encodeChanges(input.changes), 3, (m) => ({
      ...m,
      formatVersion: BUNDLE_FORMAT_VERSION + 1,
    }));
    expect(await refusal(openBundle(newer, openOptions(oak, [asContact(sj)], now)))).toBe('BUNDLE_TOO_NEW');
    const schema = { ...openOptions(oak, [asContact(sj)], now), limits: { maxSchemaVersion: 1 } };
    expect(await refusal(openBundle(await buildBundle(input), schema))).toBe('BUNDLE_TOO_NEW');
    const badLine = new Uint8Array(
      gzipSync(
        Buffer.from(
          `{"entity":"person","id":"${recordId(1)}","fields":{"givenName":{"value":"A","clock":"nope"}}}\n`,
        ),
      ),
    );
    const bad = await sealBundle(input, badLine, 1);
    expect(await refusal(openBundle(bad, openOptions(oak, [asContact(sj)], now)))).toBe('BUNDLE_CORRUPT');
    const notGzip = await sealBundle(input, Buffer.from('plain text'), 1);
    expect(await refusal(openBundle(notGzip, openOptions(oak, [asContact(sj)], now)))).toBe('BUNDLE_CORRUPT');
  });

  it('opens format-1 bundles (no causal contexts) and refuses an impossible causal context', async () => {
    const input = bundleInput(sj, [oak], personChanges(sj.officeId, now.getTime()), now);
    const v1 = await sealEditedManifest(input, encodeChanges(input.changes), 3, (m) => ({
      ...m,
      formatVersion: 1,
    }));
    expect((await openBundle(v1, openOptions(oak, [asContact(sj)], now))).manifest.formatVersion).toBe(1);
    const clock = stamp(now.getTime(), sj.officeId);
    const seen = (ctx: string[]) => [
      { entity: 'person', id: recordId(1), fields: { givenName: { value: 'N', clock, ctx } } },
    ];
    const ok = seen([stamp(now.getTime() - 1, oak.officeId)]);
    expect(
      (await openBundle(await buildBundle({ ...input, changes: ok }), openOptions(oak, [asContact(sj)], now)))
        .changes,
    ).toEqual(ok);
    // Newer than the field's own stamp, the field's own office, or two stamps of one office: never honest.
    for (const ctx of [
      [stamp(now.getTime() + 1, oak.officeId)],
      [stamp(now.getTime() - 1, sj.officeId)],
      [stamp(now.getTime() - 2, oak.officeId), stamp(now.getTime() - 1, oak.officeId)],
    ]) {
      const bad = await buildBundle({ ...input, changes: seen(ctx) });
      expect(await refusal(openBundle(bad, openOptions(oak, [asContact(sj)], now)))).toBe('BUNDLE_CORRUPT');
    }
  });
});
