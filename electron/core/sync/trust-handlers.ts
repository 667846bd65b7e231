import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { AmparoError } from '../../../shared/errors';
import type { HandlerGroup, ServiceContext } from '../kernel/context';
import { createCard, parseCard, serializeCard } from './card';
import { formatFingerprint } from './fingerprint';
import { dismissInboxNotice, forgetInboxPaths, listInboxNotices } from './inbox-store';
import { listContactsWithActivity } from './contacts';
import { RELAY_ONLY_KEY } from './import';
import { encodePublicKey } from './minisign';
import { readSetting, writeSetting } from '../records/settings';
import { resemblingOffices } from './office-name';
import {
  addContact,
  deleteRedactionProfile,
  getInboxFolder,
  listContacts,
  listRedactionProfiles,
  loadIdentity,
  ourFingerprint,
  revokeContact,
  setInboxFolder,
  setRedactionProfile,
  verifyContact,
} from './store';

// Trust channels: our identity and card, contacts (add, verify, revoke), redaction profiles and the inbox
// folder. Bundle export/import live in bundle-handlers.ts.

/** The card's default file name names no office, so a file listing or a USB stick reveals nothing. */
export const CARD_FILE_NAME = 'contact.amparo-card';

export interface SyncTrustHooks {
  /** Called after the inbox folder changed, to restart the watcher. */
  inboxChanged(): void;
  /** Called after a contact was added or verified: inbox files refused for their sender are tried again. */
  contactsChanged(): void;
}

function checkFolder(folder: string): void {
  if (!isAbsolute(folder))
    throw new AmparoError('INVALID_INPUT', 'The inbox folder must be an absolute path.', [
      { path: 'folder', message: 'Not an absolute path' },
    ]);
  const info = statSync(folder, { throwIfNoEntry: false });
  if (!info?.isDirectory()) throw new AmparoError('NOT_FOUND', 'The inbox folder does not exist.');
}

export function syncTrustHandlers(ctx: ServiceContext, hooks: SyncTrustHooks): HandlerGroup {
  const db = () => ctx.session().db;
  const now = () => ctx.clock.now();
  const fingerprintOf = () => {
    const fp = ourFingerprint(db());
    if (!fp) throw new AmparoError('VAULT_CORRUPT', 'The vault has no sync identity.');
    return fp;
  };

  return {
    'sync:identity': () => {
      const { office } = ctx.session();
      const id = loadIdentity(db());
      const fingerprint = fingerprintOf();
      return {
        officeName: office.name,
        officeId: office.id,
        fingerprint,
        fingerprintGroups: formatFingerprint(fingerprint).split(' '),
        ageRecipient: id.age.recipient,
        minisignPublicKey: encodePublicKey(id.signing.keyId, id.signing.publicKey),
      };
    },
    'card:export': () => {
      const { office } = ctx.session();
      const card = createCard(loadIdentity(db()), { name: office.name, officeId: office.id }, now());
      return { card: serializeCard(card), fileName: CARD_FILE_NAME };
    },
    'contact:add': ({ card }) => {
      const verified = parseCard(card);
      const { office } = ctx.session();
      const own = { fingerprint: ourFingerprint(db()), officeId: office.id };
      // Looked up before adding, so the new contact is compared with the offices already known only.
      const known = [{ officeName: office.name, fingerprint: null }, ...listContacts(db())];
      const resembles = resemblingOffices(verified.card.officeName, known);
      const contact = addContact(db(), verified, card, own, now());
      hooks.contactsChanged();
      return { ...contact, resembles };
    },
    'contact:list': () => listContactsWithActivity(db(), now()),
    'contact:verify': ({ fingerprint }) => {
      const contact = verifyContact(db(), fingerprint, now());
      hooks.contactsChanged();
      return contact;
    },
    'contact:revoke': ({ fingerprint, reason }) => revokeContact(db(), fingerprint, reason, now()),
    'redaction:list': () => listRedactionProfiles(db()),
    'redaction:set': (input) => {
      setRedactionProfile(db(), input);
      return listRedactionProfiles(db());
    },
    'redaction:delete': ({ name }) => {
      deleteRedactionProfile(db(), name);
      return listRedactionProfiles(db());
    },
    'inbox:get': () => ({ folder: getInboxFolder(db()) }),
    'inbox:set': ({ folder }) => {
      const value = folder === null || folder.trim() === '' ? null : folder;
      if (value !== null) checkFolder(value);
      setInboxFolder(db(), value);
      // With the inbox off nothing is "still in the folder", so no notice stays up.
      if (value === null) forgetInboxPaths(db());
      hooks.inboxChanged();
      return { folder: value };
    },
    'relay:get': () => ({ relayOnly: readSetting(db(), RELAY_ONLY_KEY) === 'true' }),
    'relay:set': ({ relayOnly }) => {
      writeSetting(db(), RELAY_ONLY_KEY, relayOnly ? 'true' : 'false');
      return { relayOnly };
    },
    'inbox:notices': () => listInboxNotices(db()),
    'inbox:dismiss': ({ id }) => {
      dismissInboxNotice(db(), id, now());
      return listInboxNotices(db());
    },
  };
}
