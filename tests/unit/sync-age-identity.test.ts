// The office's age identity: opens exactly what age-encryption's own identity opens, refuses what it refuses,
// and finds its stanza in a few tries when the stanzas are in the order bundles put them in.
import { sha256 } from '@noble/hashes/sha2.js';
import { bech32 } from '@scure/base';
import { Decrypter, Encrypter, Stanza, identityToRecipient } from 'age-encryption';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  expectedIndex,
  officeAgeIdentity,
  orderRecipients,
  outwardOrder,
  recipientKey,
} from '../../electron/core/sync/age-identity';
import type { OfficeIdentity } from '../../electron/core/sync/identity';

interface Key {
  identity: string;
  recipient: string;
}

/** Keys from fixed scalars, so the order and the counts below are the same on every run. */
async function fixedKeys(count: number): Promise<Key[]> {
  const keys: Key[] = [];
  for (let i = 0; i < count; i++) {
    const scalar = sha256(new TextEncoder().encode(`amparo test office ${i}`));
    const identity = bech32.encodeFromBytes('AGE-SECRET-KEY-', scalar).toUpperCase();
    keys.push({ identity, recipient: await identityToRecipient(identity) });
  }
  return keys;
}

const asOffice = (k: Key) => ({ age: k }) as unknown as OfficeIdentity;

async function encrypt(recipients: readonly string[], plaintext: Uint8Array): Promise<Uint8Array> {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e.encrypt(plaintext);
}

async function openWith(k: Key, file: Uint8Array): Promise<Uint8Array> {
  const d = new Decrypter();
  d.addIdentity(await officeAgeIdentity(asOffice(k)));
  return d.decrypt(file);
}

const plaintext = new TextEncoder().encode('changes for the coalition');
let keys: Key[];
beforeAll(async () => {
  keys = await fixedKeys(49);
});
afterEach(() => vi.restoreAllMocks());

describe('outwardOrder', () => {
  it('is every index once, starting at the guess and never further from it than the one before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }).chain((n) => fc.tuple(fc.constant(n), fc.nat(n - 1))),
        ([count, start]) => {
          const order = outwardOrder(count, start);
          expect([...order].sort((a, b) => a - b)).toEqual([...Array(count).keys()]);
          expect(order[0]).toBe(start);
          const distance = order.map((i) => Math.abs(i - start));
          for (let i = 1; i < distance.length; i++)
            expect(distance[i]).toBeGreaterThanOrEqual(distance[i - 1]!);
        },
      ),
    );
  });

  it('is empty for no stanzas', () => {
    expect(outwardOrder(0, 0)).toEqual([]);
  });
});

describe('the stanza order', () => {
  it('sorts recipients by their public keys and is the same whatever order they come in', () => {
    const ordered = orderRecipients(keys.map((k) => k.recipient));
    const reversed = orderRecipients(keys.map((k) => k.recipient).reverse());
    expect(reversed).toEqual(ordered);
    const firstBytes = ordered.map((r) => recipientKey(r)[0]!);
    expect(firstBytes).toEqual([...firstBytes].sort((a, b) => a - b));
  });

  it('guesses a key by its quantile among all keys', () => {
    expect(expectedIndex(new Uint8Array(32), 49)).toBe(0);
    expect(expectedIndex(new Uint8Array(32).fill(0xff), 49)).toBe(48);
    expect(expectedIndex(Uint8Array.of(0x80, ...new Uint8Array(31)), 10)).toBe(5);
  });

  it('refuses a recipient that is not an age X25519 key', () => {
    expect(() => orderRecipients(['age1pq1qqqq'])).toThrow();
  });
});

describe('opening', () => {
  it('opens a file for many recipients for each of them, as age-encryption does', async () => {
    const file = await encrypt(orderRecipients(keys.slice(0, 12).map((k) => k.recipient)), plaintext);
    for (const k of keys.slice(0, 12)) {
      expect(await openWith(k, file)).toEqual(plaintext);
      const stock = new Decrypter();
      stock.addIdentity(k.identity);
      expect(await stock.decrypt(file)).toEqual(plaintext);
    }
  });

  it('opens a file whose stanzas are in any order', async () => {
    const file = await encrypt(
      keys
        .slice(0, 9)
        .map((k) => k.recipient)
        .reverse(),
      plaintext,
    );
    for (const k of keys.slice(0, 9)) expect(await openWith(k, file)).toEqual(plaintext);
  });

  it('finds nothing for an office the file is not for', async () => {
    const file = await encrypt([keys[0]!.recipient, keys[1]!.recipient], plaintext);
    await expect(openWith(keys[2]!, file)).rejects.toThrow(/no identity matched/);
  });

  it('skips stanzas of other types', async () => {
    const e = new Encrypter();
    e.addRecipient({ wrapFileKey: () => [new Stanza(['other-type', 'x'], new Uint8Array(5))] });
    e.addRecipient(keys[3]!.recipient);
    expect(await openWith(keys[3]!, await e.encrypt(plaintext))).toEqual(plaintext);
  });

  it.each([
    ['two arguments', ['X25519', 'AAAA', 'extra'], 32],
    ['a short share', ['X25519', 'AAAA'], 32],
    ['a share in padded base64', ['X25519', `${Buffer.alloc(32, 9).toString('base64')}`], 32],
    ['a short body', ['X25519', Buffer.alloc(32, 9).toString('base64').replace(/=+$/, '')], 16],
  ])('refuses an X25519 stanza with %s, wherever it is', async (_name, args, bodyBytes) => {
    const e = new Encrypter();
    e.addRecipient(keys[4]!.recipient);
    e.addRecipient({ wrapFileKey: () => [new Stanza(args, new Uint8Array(bodyBytes))] });
    await expect(openWith(keys[4]!, await e.encrypt(plaintext))).rejects.toThrow(/invalid X25519 stanza/);
  });

  it('refuses a low-order share (an all-zero shared secret)', async () => {
    const e = new Encrypter();
    e.addRecipient({
      wrapFileKey: () => [
        new Stanza(['X25519', Buffer.alloc(32).toString('base64').replace(/=+$/, '')], new Uint8Array(32)),
      ],
    });
    const file = await e.encrypt(plaintext);
    // Refused outright (WebCrypto's OperationError), as age-encryption refuses it, not passed over.
    await expect(openWith(keys[5]!, file)).rejects.toThrow(
      expect.objectContaining({ name: 'OperationError' }),
    );
    const stock = new Decrypter();
    stock.addIdentity(keys[5]!.identity);
    await expect(stock.decrypt(file)).rejects.toThrow(expect.objectContaining({ name: 'OperationError' }));
  });

  it('does not open a stanza whose wrapped key was altered, as age-encryption does not', async () => {
    const file = Buffer.from(await encrypt([keys[6]!.recipient], plaintext));
    const lines = file.subarray(0, file.indexOf('\n---')).toString('latin1').split('\n');
    const body = file.indexOf(lines[2]!); // the stanza's body, the line after "-> X25519 share"
    file[body] = file[body] === 0x41 ? 0x42 : 0x41;
    await expect(openWith(keys[6]!, file)).rejects.toThrow(/no identity matched/);
    const stock = new Decrypter();
    stock.addIdentity(keys[6]!.identity);
    await expect(stock.decrypt(file)).rejects.toThrow(/no identity matched/);
  });
});

describe('tries', () => {
  async function triesToOpen(k: Key, file: Uint8Array): Promise<number> {
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    expect(await openWith(k, file)).toEqual(plaintext);
    const tries = derive.mock.calls.length;
    derive.mockRestore();
    return tries;
  }

  it('takes a few stanzas of a coalition bundle, not half of them', async () => {
    const file = await encrypt(orderRecipients(keys.map((k) => k.recipient)), plaintext);
    let total = 0;
    for (const k of keys) total += await triesToOpen(k, file);
    // 3.2 each with these keys. Unordered, the 49 offices would try 25 each on average.
    expect(total / keys.length).toBeLessThan(8);
  });
});
