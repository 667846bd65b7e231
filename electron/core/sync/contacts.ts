// Other offices this vault exchanges bundles with. A contact starts unverified (its card parsed and
// self-signed) and becomes verified only when a person compares the fingerprint out of band.
import { AmparoError } from '../../../shared/errors';
import type { Contact, ListedContact } from '../../../shared/channels/sync';
import { stmt } from '../records/statements';
import type { Database } from '../kernel/context';
import type { KnownContact } from './bundle';
import type { VerifiedCard } from './card';
import { decodePublicKey } from './minisign';

interface ContactRow {
  fingerprint: string;
  office_id: string;
  office_name: string;
  key_id: string;
  minisign_public: string;
  age_recipient: string;
  state: Contact['state'];
  added_at: string;
  verified_at: string | null;
  revoked_at: string | null;
  revoked_reason: string | null;
}

/** What bundle export and import need to know about a contact, beyond its display fields. */
export interface ContactKeys extends KnownContact {
  officeId: string;
  officeName: string;
  ageRecipient: string;
}

const COLUMNS = `fingerprint, office_id, office_name, key_id, minisign_public, age_recipient, state, added_at,
  verified_at, revoked_at, revoked_reason`;

const toContact = (r: ContactRow): Contact => ({
  fingerprint: r.fingerprint,
  officeId: r.office_id,
  officeName: r.office_name,
  state: r.state,
  addedAt: r.added_at,
  verifiedAt: r.verified_at,
  revokedAt: r.revoked_at,
  revokedReason: r.revoked_reason,
});

function toKeys(r: ContactRow): ContactKeys {
  const key = decodePublicKey(r.minisign_public);
  if (!key) throw new AmparoError('VAULT_CORRUPT', 'A stored contact has a malformed signing key.');
  return {
    state: r.state,
    keyId: key.keyId,
    publicKey: key.publicKey,
    fingerprint: r.fingerprint,
    officeId: r.office_id,
    officeName: r.office_name,
    ageRecipient: r.age_recipient,
  };
}

function rowByFingerprint(db: Database, fingerprint: string): ContactRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM contacts WHERE fingerprint = ?`).get(fingerprint) as
    ContactRow | undefined;
}

export function listContacts(db: Database): Contact[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM contacts ORDER BY office_name COLLATE NOCASE, fingerprint`)
    .all() as ContactRow[];
  return rows.map(toContact);
}

const DAY_MS = 86_400_000;

/**
 * Contacts with when their newest bundle was imported and how many whole days they have been silent since
 * (since being added, if nothing came yet): a silent office holds back pruning, so the screen names it.
 */
export function listContactsWithActivity(db: Database, now: Date): ListedContact[] {
  const last = new Map(
    (
      db
        .prepare(
          'SELECT sender_fingerprint, max(imported_at) AS at FROM bundles_in GROUP BY sender_fingerprint',
        )
        .all() as { sender_fingerprint: string; at: string }[]
    ).map((r) => [r.sender_fingerprint, r.at]),
  );
  return listContacts(db).map((contact) => {
    const lastBundleAt = last.get(contact.fingerprint) ?? null;
    const since = Date.parse(lastBundleAt ?? contact.addedAt);
    const silentDays =
      contact.state === 'revoked' ? null : Math.max(0, Math.floor((now.getTime() - since) / DAY_MS));
    return { ...contact, lastBundleAt, silentDays };
  });
}

export function getContact(db: Database, fingerprint: string): Contact {
  const r = rowByFingerprint(db, fingerprint);
  if (!r) throw new AmparoError('NOT_FOUND', 'No contact has this fingerprint.');
  return toContact(r);
}

/** Keys of a contact by fingerprint (bundle export), or undefined. */
export function contactKeys(db: Database, fingerprint: string): ContactKeys | undefined {
  const r = rowByFingerprint(db, fingerprint);
  return r ? toKeys(r) : undefined;
}

/** The lookup openBundle needs: a sender by minisign key id (16 lower-case hex). */
export function contactByKeyId(db: Database, keyIdHex: string): ContactKeys | undefined {
  const r = stmt(db, `SELECT ${COLUMNS} FROM contacts WHERE key_id = ?`).get(keyIdHex) as
    ContactRow | undefined;
  return r ? toKeys(r) : undefined;
}

export function addContact(
  db: Database,
  verified: VerifiedCard,
  cardText: string,
  own: { fingerprint: string | null; officeId: string },
  now: Date,
): Contact {
  const { card, fingerprint } = verified;
  const keyIdHex = Buffer.from(verified.keyId).toString('hex');
  if (fingerprint === own.fingerprint || card.officeId === own.officeId)
    throw new AmparoError('CONFLICT', 'This is your own office card.');
  return db.transaction(() => {
    const existing = db
      .prepare('SELECT 1 FROM contacts WHERE fingerprint = ? OR key_id = ? OR office_id = ?')
      .get(fingerprint, keyIdHex, card.officeId);
    if (existing) throw new AmparoError('CONFLICT', 'This office is already a contact.');
    db.prepare(
      `INSERT INTO contacts (fingerprint, office_id, office_name, key_id, minisign_public, age_recipient, card,
         state, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'unverified', ?)`,
    ).run(
      fingerprint,
      card.officeId,
      card.officeName,
      keyIdHex,
      card.minisignPublicKey,
      card.ageRecipient,
      cardText,
      now.toISOString(),
    );
    return getContact(db, fingerprint);
  })();
}

/** Marks a contact verified after the fingerprints were compared. Verifying twice keeps the first time. */
export function verifyContact(db: Database, fingerprint: string, now: Date): Contact {
  const current = getContact(db, fingerprint);
  if (current.state === 'revoked')
    throw new AmparoError('CONFLICT', 'A revoked contact cannot be verified again; add a new card.');
  if (current.state === 'verified') return current;
  db.prepare("UPDATE contacts SET state = 'verified', verified_at = ? WHERE fingerprint = ?").run(
    now.toISOString(),
    fingerprint,
  );
  return getContact(db, fingerprint);
}

/** Revocation is final: bundles from this office are refused and none are sent to it. */
export function revokeContact(db: Database, fingerprint: string, reason: string, now: Date): Contact {
  const current = getContact(db, fingerprint);
  if (current.state === 'revoked') throw new AmparoError('CONFLICT', 'This contact is already revoked.');
  db.prepare(
    "UPDATE contacts SET state = 'revoked', revoked_at = ?, revoked_reason = ? WHERE fingerprint = ?",
  ).run(now.toISOString(), reason, fingerprint);
  return getContact(db, fingerprint);
}
