import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { EVENT_KINDS, KINDS } from '../model';
import { CONTACT_STATES, FINGERPRINT, SHA256_HEX } from '../sync';

// The sync channels of the IPC contract. Trust (identity, cards, contacts, redaction profiles, inbox) and
// bundles (export, preview, import, history, conflicts) are separate groups so each can be registered in
// shared/ipc.ts as soon as its handlers exist. Bundle bytes cross IPC as base64: the renderer never touches
// the filesystem, it hands files it was given (picker, drag-and-drop) and receives files to save.

export const ContactState = z.enum(CONTACT_STATES);
export const Contact = z.object({
  fingerprint: FINGERPRINT,
  officeId: z.string(),
  officeName: z.string(),
  state: ContactState,
  addedAt: z.string(),
  verifiedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
});
export type Contact = z.infer<typeof Contact>;

/** After this many days without a bundle, an office is shown as silent: it holds back context pruning. */
export const SILENT_AFTER_DAYS = 14;

/** A contact as the Offices screen lists it: when its last bundle was imported, and for how long it was silent. */
export const ListedContact = Contact.extend({
  /** When the newest bundle from this office was imported here, or null if none was. */
  lastBundleAt: z.string().nullable(),
  /** Whole days since that bundle (since the contact was added, if none came); null for a revoked one. */
  silentDays: z.number().int().nonnegative().nullable(),
});
export type ListedContact = z.infer<typeof ListedContact>;

/**
 * An office whose name looks the same as a newly added contact's (same Unicode confusable skeleton):
 * another contact, or this office itself (`fingerprint` null).
 */
export const Resemblance = z.object({
  officeName: z.string(),
  fingerprint: FINGERPRINT.nullable(),
  own: z.boolean(),
});
export type Resemblance = z.infer<typeof Resemblance>;
export const AddedContact = Contact.extend({ resembles: z.array(Resemblance) });
export type AddedContact = z.infer<typeof AddedContact>;

/**
 * A bundle file in the inbox folder that was refused and is still there. `sender` is known only when the
 * bundle's signature names a contact (an unverified one); the name in an unknown sender's bundle is not
 * shown, since nothing vouches for it.
 */
export const InboxNotice = z.object({
  id: SHA256_HEX,
  /** Path relative to the inbox folder. */
  file: z.string(),
  code: z.enum(ERROR_CODES),
  refusedAt: z.string(),
  sender: z.object({ officeName: z.string(), fingerprint: FINGERPRINT, state: ContactState }).nullable(),
});
export type InboxNotice = z.infer<typeof InboxNotice>;

const Base64 = z
  .string()
  .max(1_500_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'Not base64' });
const CardText = z.string().min(1).max(20_000);

/** Per kind, a list of field names: what a profile sends, or (older callers) what it leaves out. */
export const RedactionFields = z.partialRecord(z.enum(KINDS), z.array(z.string().max(60)).max(60));
export type RedactionFields = z.infer<typeof RedactionFields>;
const ProfileName = z.string().trim().min(1).max(60);

/**
 * What a bundle made with this profile carries. A profile sends only what it lists ("send only these
 * fields"), so a field Amparo gains later is not sent until someone ticks it; only Full sends everything.
 * A field left out is absent from the bundle, not blank.
 */
export const RedactionProfile = z.object({
  name: ProfileName,
  builtIn: z.boolean(),
  /** Every field of every kind, fields added by later versions included (Full). */
  everything: z.boolean(),
  /** Per kind, the fields sent; a kind absent here is not sent at all. Never lists a person's contacts. */
  send: RedactionFields,
  /** The kinds of case events sent, or null for every kind. */
  eventKinds: z.array(z.enum(EVENT_KINDS)).nullable(),
  /** Whether a person's family contacts (`contacts`) are sent. */
  includeFamilyContacts: z.boolean(),
  /** What can be changed: nothing (Full, Dispatch), only the family-contacts option (Legal), or all of it. */
  editable: z.enum(['none', 'familyContacts', 'all']),
  /** Per kind, the fields left out: every field `send` does not list, as older callers read profiles. */
  fields: RedactionFields,
});
export type RedactionProfile = z.infer<typeof RedactionProfile>;

/**
 * Saves a profile. `send` lists the fields to send per kind (a kind left out is not sent); omitted
 * options keep the profile's current values (a new profile needs `send`). The older form, `fields`,
 * lists the fields to leave out per kind and sends every other field of every kind.
 */
export const RedactionSetInput = z.union([
  z
    .object({
      name: ProfileName,
      send: RedactionFields.optional(),
      eventKinds: z.array(z.enum(EVENT_KINDS)).max(EVENT_KINDS.length).nullable().optional(),
      includeFamilyContacts: z.boolean().optional(),
    })
    .strict(),
  z.object({ name: ProfileName, fields: RedactionFields }).strict(),
]);
export type RedactionSetInput = z.infer<typeof RedactionSetInput>;

export const syncTrustChannels = {
  'sync:identity': {
    input: z.undefined(),
    output: z.object({
      officeName: z.string(),
      officeId: z.string(),
      fingerprint: FINGERPRINT,
      /** 12 groups of 5 digits, for reading aloud. */
      fingerprintGroups: z.array(z.string()),
      ageRecipient: z.string(),
      minisignPublicKey: z.string(),
    }),
  },
  /** The contact card file contents and a default file name that names no office. */
  'card:export': { input: z.undefined(), output: z.object({ card: z.string(), fileName: z.string() }) },
  'contact:add': { input: z.object({ card: CardText }).strict(), output: AddedContact },
  'contact:list': { input: z.undefined(), output: z.array(ListedContact) },
  'contact:verify': { input: z.object({ fingerprint: FINGERPRINT }).strict(), output: Contact },
  'contact:revoke': {
    input: z.object({ fingerprint: FINGERPRINT, reason: z.string().trim().min(1).max(500) }).strict(),
    output: Contact,
  },
  'redaction:list': { input: z.undefined(), output: z.array(RedactionProfile) },
  'redaction:set': { input: RedactionSetInput, output: z.array(RedactionProfile) },
  'redaction:delete': {
    input: z.object({ name: z.string().trim().min(1).max(60) }).strict(),
    output: z.array(RedactionProfile),
  },
  /** The watched inbox folder (a Syncthing share, a USB stick), or null when off. */
  'inbox:get': { input: z.undefined(), output: z.object({ folder: z.string().nullable() }) },
  'inbox:set': {
    input: z.object({ folder: z.string().max(4096).nullable() }).strict(),
    output: z.object({ folder: z.string().nullable() }),
  },
  /** Whether this office only relays (a hub): it then keeps no conflicts, the offices working the cases do. */
  'relay:get': { input: z.undefined(), output: z.object({ relayOnly: z.boolean() }) },
  'relay:set': {
    input: z.object({ relayOnly: z.boolean() }).strict(),
    output: z.object({ relayOnly: z.boolean() }),
  },
  /** Refused inbox files still in the folder, newest first, unless dismissed. */
  'inbox:notices': { input: z.undefined(), output: z.array(InboxNotice) },
  /** Hides a notice; the file stays refused (and in the history) and is not read again. */
  'inbox:dismiss': { input: z.object({ id: SHA256_HEX }).strict(), output: z.array(InboxNotice) },
} as const;

export const BundleSummary = z.object({
  bundleId: z.string(),
  sender: z.object({ officeName: z.string(), fingerprint: FINGERPRINT, state: ContactState }),
  createdAt: z.string(),
  new: z.number().int(),
  updated: z.number().int(),
  /** Records this bundle deletes here (into Recently deleted). */
  deleted: z.number().int(),
  conflicts: z.number().int(),
  /** Records that outlive a delete in this bundle: deleted there, changed or held here. */
  deleteConflicts: z.number().int(),
  /** Each record this bundle deletes, by name, with what a person takes along. */
  deletes: z.array(
    z.object({
      kind: z.enum(KINDS),
      id: z.string(),
      label: z.string(),
      takes: z
        .object({
          events: z.number().int(),
          assignments: z.number().int(),
          deadlines: z.number().int(),
          nextHearing: z.string().nullable(),
        })
        .optional(),
    }),
  ),
  /** Lines that brought nothing this office did not already hold. */
  unchanged: z.number().int().optional(),
  alreadyImported: z.boolean(),
});
export type BundleSummary = z.infer<typeof BundleSummary>;

export const Conflict = z.object({
  id: z.string(),
  kind: z.enum(KINDS),
  recordId: z.string(),
  field: z.string(),
  localValue: z.unknown(),
  incomingValue: z.unknown(),
  incomingOffice: z.string(),
  bundleId: z.string(),
  createdAt: z.string(),
  /** The value currently in the record (the winner of last-writer-wins). */
  current: z.enum(['local', 'incoming']),
});
export type Conflict = z.infer<typeof Conflict>;

export const ExportScope = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('since-last') }).strict(),
  z.object({ scope: z.literal('all') }).strict(),
  z
    .object({
      scope: z.literal('people'),
      personIds: z
        .array(z.string().regex(/^[0-9a-f]{32}$/))
        .min(1)
        .max(10_000),
    })
    .strict(),
]);

const ImportedEntry = z.object({
  outcome: z.literal('imported'),
  bundleId: z.string(),
  senderName: z.string(),
  senderFingerprint: FINGERPRINT,
  importedAt: z.string(),
  new: z.number(),
  updated: z.number(),
  conflicts: z.number(),
  source: z.enum(['manual', 'inbox']),
});
const RefusedEntry = z.object({
  outcome: z.literal('refused'),
  /** Not known for a file that was refused before its manifest could be trusted. */
  bundleId: z.null(),
  id: SHA256_HEX,
  file: z.string(),
  code: z.enum(ERROR_CODES),
  refusedAt: z.string(),
  senderName: z.string().nullable(),
  senderFingerprint: FINGERPRINT.nullable(),
  source: z.literal('inbox'),
});

export const syncBundleChannels = {
  'bundle:export': {
    input: z
      .object({
        to: z.array(FINGERPRINT).min(1).max(64),
        scope: ExportScope,
        redaction: z.string().trim().min(1).max(60),
        /** Required when any recipient is unverified. */
        confirmUnverified: z.boolean().optional(),
      })
      .strict(),
    output: z.object({
      bundleId: z.string(),
      bytes: Base64,
      fileName: z.string(),
      changeCount: z.number().int(),
    }),
  },
  'bundle:preview': { input: z.object({ bytes: Base64 }).strict(), output: BundleSummary },
  'bundle:import': {
    input: z
      .object({
        bytes: Base64,
        /** Required when the sender is unverified, like confirmUnverified on export. */
        confirmUnverified: z.boolean().optional(),
      })
      .strict(),
    output: BundleSummary,
  },
  /** Imported bundles, and inbox files that were refused (with the reason), newest first. */
  'bundle:history': {
    input: z.undefined(),
    output: z.array(z.discriminatedUnion('outcome', [ImportedEntry, RefusedEntry])),
  },
  'conflict:list': { input: z.undefined(), output: z.array(Conflict) },
  'conflict:resolve': {
    input: z.object({ id: z.string().max(64), keep: z.enum(['local', 'incoming']) }).strict(),
    output: z.object({ id: z.string(), resolved: z.literal(true) }),
  },
} as const;
