// An office's keys: minisign-compatible Ed25519 for signing and an X25519 age identity for decryption.
// Secrets are handed to the vault for storage; the export helpers are for disaster recovery only.
import { bech32 } from '@scure/base';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { computeFingerprint } from './fingerprint';
import { generateSigningKey, publicKeyFile, type SigningKey } from './minisign';

export interface OfficeIdentity {
  signing: SigningKey;
  age: { identity: string; recipient: string };
}

export async function generateOfficeIdentity(): Promise<OfficeIdentity> {
  const identity = await generateX25519Identity();
  return { signing: generateSigningKey(), age: { identity, recipient: await identityToRecipient(identity) } };
}

export function identityFingerprint(id: OfficeIdentity): string {
  return computeFingerprint(id.signing.keyId, id.signing.publicKey, id.age.recipient);
}

/** RFC 8410's PKCS #8 wrapping of a raw X25519 private key: the form WebCrypto imports such a key in. */
const X25519_PKCS8_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);

/**
 * The office's age identity as a non-extractable WebCrypto key, imported once per bundle: the private key of
 * `OfficeAgeIdentity` (age-identity.ts), and a key age-encryption's Decrypter also takes as is. Given the
 * `AGE-SECRET-KEY-1…` string instead, that library imports the private key again for every stanza it tries.
 */
export async function ageDecryptionKey(id: OfficeIdentity): Promise<CryptoKey> {
  const { prefix, bytes } = bech32.decodeToBytes(id.age.identity);
  if (prefix.toUpperCase() !== 'AGE-SECRET-KEY-' || bytes.length !== 32)
    throw new Error('Not an age X25519 identity.');
  const pkcs8 = new Uint8Array(X25519_PKCS8_PREFIX.length + bytes.length);
  pkcs8.set(X25519_PKCS8_PREFIX);
  pkcs8.set(bytes, X25519_PKCS8_PREFIX.length);
  try {
    return await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'X25519' }, false, ['deriveBits']);
  } finally {
    pkcs8.fill(0);
    bytes.fill(0);
  }
}

/** An age identity file (as `age-keygen` writes it) that stock `age -d -i FILE` accepts. */
export function exportAgeKey(id: OfficeIdentity, now: Date): string {
  return (
    `# created: ${now.toISOString()}\n` +
    `# Amparo office key. Anyone holding this file can read bundles sent to this office. Keep it offline.\n` +
    `# public key: ${id.age.recipient}\n${id.age.identity}\n`
  );
}

/** minisign's own public key file format, for `minisign -V -p FILE`. */
export function exportMinisignPub(id: OfficeIdentity): string {
  return publicKeyFile(id.signing.keyId, id.signing.publicKey);
}
