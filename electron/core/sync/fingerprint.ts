// Safety-number style fingerprint of an office: 60 digits in 12 groups of 5, to compare by phone or in person.
// Iterated SHA-512 (as Signal does) over the minisign public key and the age recipient, so a match on the
// digits means both keys match.
import { createHash } from 'node:crypto';
import { encodePublicKey } from './minisign';

const ITERATIONS = 5200;
const VERSION = Buffer.from([0, 1]);

export function computeFingerprint(keyId: Uint8Array, publicKey: Uint8Array, ageRecipient: string): string {
  const input = Buffer.concat([
    Buffer.from(encodePublicKey(keyId, publicKey)),
    Buffer.from('\n'),
    Buffer.from(ageRecipient),
  ]);
  let hash = createHash('sha512').update(VERSION).update(input).digest();
  for (let i = 0; i < ITERATIONS; i++) hash = createHash('sha512').update(hash).update(input).digest();
  let digits = '';
  for (let g = 0; g < 12; g++) {
    const n = hash.readUIntBE(g * 5, 5) % 100000;
    digits += n.toString().padStart(5, '0');
  }
  return digits;
}

/** "12345 67890 …" for reading aloud; accepts digits with any spacing. */
export function formatFingerprint(fingerprint: string): string {
  const digits = fingerprint.replace(/\D/g, '');
  return (digits.match(/.{1,5}/g) ?? []).join(' ');
}

/** Normalizes user input ("12345 67890 …") to the canonical 60 digits, or null. */
export function normalizeFingerprint(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^[0-9]{60}$/.test(digits) ? digits : null;
}
