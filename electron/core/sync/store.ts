// The sync store API: everything bundle export/import and the trust handlers read or write about offices,
// keys, redaction and the inbox. SQL lives in the small modules re-exported here.
import type { Database } from '../kernel/context';

export { loadIdentity, ourFingerprint, saveIdentity } from './identity-store';
export {
  addContact,
  contactByKeyId,
  contactKeys,
  getContact,
  listContacts,
  revokeContact,
  verifyContact,
  type ContactKeys,
} from './contacts';
export {
  deleteRedactionProfile,
  listRedactionProfiles,
  redactionProfile,
  setRedactionProfile,
  DISPATCH_PROFILE,
  FULL_PROFILE,
} from './redaction';
export { getKnowledge, mergeKnowledge, noteKnowledge } from './knowledge';

const INBOX_KEY = 'sync.inbox';

/** The watched inbox folder, or null when the inbox is off. */
export function getInboxFolder(db: Database): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(INBOX_KEY) as
    { value: string } | undefined;
  return row?.value ?? null;
}

export function setInboxFolder(db: Database, folder: string | null): void {
  if (folder === null) db.prepare('DELETE FROM settings WHERE key = ?').run(INBOX_KEY);
  else
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(INBOX_KEY, folder);
}
