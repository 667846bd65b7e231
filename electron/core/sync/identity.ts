// An office's keys: minisign-compatible Ed25519 for signing and an X25519 age identity for decryption.
// Secrets are handed to the vault for storage; the export helpers are for disaster recovery only.
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
