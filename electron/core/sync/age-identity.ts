// This office's age X25519 identity, trying the stanza most likely to be its own first.
//
// age's X25519 stanzas name no one, so a recipient tries them in turn until one opens, and a bundle for a
// coalition of 50 offices carries 49 of them. Bundles list their stanzas in the order of their recipients'
// public keys (`orderRecipients`), which are uniformly random, so an office's place in that order is close to
// where its own key falls among all possible keys: it starts there and works outwards. Every stanza is still
// tried if need be, so the order only changes how soon the right one is found, never which one opens.
//
// The steps for one stanza are age's X25519 recipient type as age-encryption runs them (its identity class
// is not exported): WebCrypto X25519, HKDF-SHA-256 from @noble/hashes, ChaCha20-Poly1305 from @noble/ciphers.
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64nopad, bech32 } from '@scure/base';
import type { Identity, Stanza } from 'age-encryption';
import { ageDecryptionKey, type OfficeIdentity } from './identity';

const STANZA_TYPE = 'X25519';
const LABEL = new TextEncoder().encode('age-encryption.org/v1/X25519');
const KEY_BYTES = 32;
const WRAPPED_KEY_BYTES = 32;

/** An `age1…` recipient's 32-byte X25519 public key. */
export function recipientKey(recipient: string): Uint8Array {
  const { prefix, bytes } = bech32.decodeToBytes(recipient);
  if (prefix !== 'age' || bytes.length !== KEY_BYTES) throw new Error('Not an age X25519 recipient.');
  return bytes;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Recipients in the order of their public keys, byte by byte: the order a bundle's stanzas are in. */
export function orderRecipients(recipients: readonly string[]): string[] {
  return recipients
    .map((r) => ({ r, key: recipientKey(r) }))
    .sort((a, b) => compareBytes(a.key, b.key))
    .map(({ r }) => r);
}

/** Where a key is expected among `count` random keys in that order: its own quantile among all keys. */
export function expectedIndex(publicKey: Uint8Array, count: number): number {
  const quantile = new DataView(publicKey.buffer, publicKey.byteOffset, 4).getUint32(0) / 2 ** 32;
  return Math.min(count - 1, Math.floor(quantile * count));
}

/** 0…count−1 from `start` outwards: start, start+1, start−1, start+2, … */
export function outwardOrder(count: number, start: number): number[] {
  const order: number[] = [];
  if (start < 0 || start >= count) return order;
  for (let step = 0; order.length < count; step++) {
    const i = start + (step % 2 === 1 ? (step + 1) / 2 : -(step / 2));
    if (i >= 0 && i < count) order.push(i);
  }
  return order;
}

interface X25519Stanza {
  share: Uint8Array<ArrayBuffer>;
  body: Uint8Array;
}

/** Unpadded base64, strictly, as age writes it. */
function decodeShare(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    return new Uint8Array(base64nopad.decode(text)); // WebCrypto takes no shared buffer
  } catch {
    return null;
  }
}

/**
 * Every X25519 stanza, each checked before any is tried: one argument, a 32-byte share, a 32-byte body. age
 * checks only the stanzas it meets before the one that opens; searching from the middle, a malformed stanza
 * anywhere makes the file damaged, so that where the search starts doesn't decide it.
 */
function x25519Stanzas(stanzas: readonly Stanza[]): X25519Stanza[] {
  const found: X25519Stanza[] = [];
  for (const s of stanzas) {
    if (s.args[0] !== STANZA_TYPE) continue;
    const share = s.args.length === 2 ? decodeShare(s.args[1]!) : null;
    if (share?.length !== KEY_BYTES || s.body.length !== WRAPPED_KEY_BYTES)
      throw new Error('invalid X25519 stanza');
    found.push({ share, body: s.body });
  }
  return found;
}

export class OfficeAgeIdentity implements Identity {
  constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: Uint8Array,
  ) {}

  async unwrapFileKey(stanzas: Stanza[]): Promise<Uint8Array | null> {
    const ours = x25519Stanzas(stanzas);
    if (ours.length === 0) return null;
    for (const i of outwardOrder(ours.length, expectedIndex(this.publicKey, ours.length))) {
      const fileKey = await this.open(ours[i]!);
      if (fileKey) return fileKey;
    }
    return null;
  }

  private async open({ share, body }: X25519Stanza): Promise<Uint8Array | null> {
    const peer = await crypto.subtle.importKey('raw', share, { name: 'X25519' }, false, []);
    // A low-order share (an all-zero secret) makes WebCrypto throw: age requires the import to abort. Only
    // trying finds one, so it aborts when the search meets it.
    const secret = new Uint8Array(
      await crypto.subtle.deriveBits({ name: 'X25519', public: peer }, this.privateKey, 256),
    );
    const salt = new Uint8Array(KEY_BYTES * 2);
    salt.set(share);
    salt.set(this.publicKey, KEY_BYTES);
    const wrapKey = hkdf(sha256, secret, salt, LABEL, KEY_BYTES);
    secret.fill(0);
    try {
      return chacha20poly1305(wrapKey, new Uint8Array(12)).decrypt(body);
    } catch {
      return null; // another office's stanza
    } finally {
      wrapKey.fill(0);
    }
  }
}

/** The identity a bundle is opened with. */
export async function officeAgeIdentity(id: OfficeIdentity): Promise<OfficeAgeIdentity> {
  return new OfficeAgeIdentity(await ageDecryptionKey(id), recipientKey(id.age.recipient));
}
