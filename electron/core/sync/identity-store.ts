// The office's own sync identity, stored only inside the encrypted vault database (one row).
import { AmparoError } from '../../../shared/errors';
import { stmt } from '../records/statements';
import type { Database } from '../kernel/context';
import { identityFingerprint, type OfficeIdentity } from './identity';

interface IdentityRow {
  key_id: string;
  signing_secret: string;
  signing_public: string;
  age_identity: string;
  age_recipient: string;
  fingerprint: string;
}

export function saveIdentity(db: Database, id: OfficeIdentity, now: Date): string {
  const fingerprint = identityFingerprint(id);
  db.prepare(
    `INSERT INTO sync_identity (id, key_id, signing_secret, signing_public, age_identity, age_recipient,
       fingerprint, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    Buffer.from(id.signing.keyId).toString('hex'),
    Buffer.from(id.signing.secretKey).toString('base64'),
    Buffer.from(id.signing.publicKey).toString('base64'),
    id.age.identity,
    id.age.recipient,
    fingerprint,
    now.toISOString(),
  );
  return fingerprint;
}

function row(db: Database): IdentityRow | undefined {
  return stmt(
    db,
    `SELECT key_id, signing_secret, signing_public, age_identity, age_recipient, fingerprint
     FROM sync_identity WHERE id = 1`,
  ).get() as IdentityRow | undefined;
}

/** The office keys, for signing and opening bundles. */
export function loadIdentity(db: Database): OfficeIdentity {
  const r = row(db);
  if (!r) throw new AmparoError('VAULT_CORRUPT', 'The vault has no sync identity.');
  return {
    signing: {
      keyId: new Uint8Array(Buffer.from(r.key_id, 'hex')),
      secretKey: new Uint8Array(Buffer.from(r.signing_secret, 'base64')),
      publicKey: new Uint8Array(Buffer.from(r.signing_public, 'base64')),
    },
    age: { identity: r.age_identity, recipient: r.age_recipient },
  };
}

/** Our 60-digit fingerprint, or null for a vault without an identity. */
export function ourFingerprint(db: Database): string | null {
  const r = stmt(db, 'SELECT fingerprint FROM sync_identity WHERE id = 1').get() as
    { fingerprint: string } | undefined;
  return r?.fingerprint ?? null;
}
