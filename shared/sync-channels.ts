import { z } from 'zod';
import { KINDS } from './model';
import { FINGERPRINT } from './sync';

// The sync channels of the IPC contract. Trust (identity, cards, contacts, redaction profiles, inbox) and
// bundles (export, preview, import, history, conflicts) are separate groups so each can be registered in
// shared/ipc.ts as soon as its handlers exist. Bundle bytes cross IPC as base64: the renderer never touches
// the filesystem, it hands files it was given (picker, drag-and-drop) and receives files to save.

export const ContactState = z.enum(['unverified', 'verified', 'revoked']);
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

const Base64 = z
  .string()
  .max(1_500_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'Not base64' });
const CardText = z.string().min(1).max(20_000);

/** Per kind, the fields a profile removes from bundles (a removed field is absent, not blank). */
export const RedactionFields = z.partialRecord(z.enum(KINDS), z.array(z.string().max(60)).max(60));
export const RedactionProfile = z.object({
  name: z.string().trim().min(1).max(60),
  builtIn: z.boolean(),
  fields: RedactionFields,
});
export type RedactionProfile = z.infer<typeof RedactionProfile>;

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
  'contact:add': { input: z.object({ card: CardText }).strict(), output: Contact },
  'contact:list': { input: z.undefined(), output: z.array(Contact) },
  'contact:verify': { input: z.object({ fingerprint: FINGERPRINT }).strict(), output: Contact },
  'contact:revoke': {
    input: z.object({ fingerprint: FINGERPRINT, reason: z.string().trim().min(1).max(500) }).strict(),
    output: Contact,
  },
  'redaction:list': { input: z.undefined(), output: z.array(RedactionProfile) },
  'redaction:set': {
    input: z.object({ name: z.string().trim().min(1).max(60), fields: RedactionFields }).strict(),
    output: z.array(RedactionProfile),
  },
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
} as const;

export const BundleSummary = z.object({
  bundleId: z.string(),
  sender: z.object({ officeName: z.string(), fingerprint: FINGERPRINT }),
  createdAt: z.string(),
  new: z.number().int(),
  updated: z.number().int(),
  conflicts: z.number().int(),
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
  'bundle:import': { input: z.object({ bytes: Base64 }).strict(), output: BundleSummary },
  'bundle:history': {
    input: z.undefined(),
    output: z.array(
      z.object({
        bundleId: z.string(),
        senderName: z.string(),
        senderFingerprint: FINGERPRINT,
        importedAt: z.string(),
        new: z.number(),
        updated: z.number(),
        conflicts: z.number(),
        source: z.enum(['manual', 'inbox']),
      }),
    ),
  },
  'conflict:list': { input: z.undefined(), output: z.array(Conflict) },
  'conflict:resolve': {
    input: z.object({ id: z.string().max(64), keep: z.enum(['local', 'incoming']) }).strict(),
    output: z.object({ id: z.string(), resolved: z.literal(true) }),
  },
} as const;
