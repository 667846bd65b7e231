// Wire formats of office-to-office sync: contact card, bundle manifest and change lines.
// Shared so the renderer can show previews; pure zod, no node imports.
import { z } from 'zod';

/** Field clock stamp: `<ms 12 hex>:<counter 4 hex>:<office 16 hex>` (made by electron/core/records/hlc.ts). */
export const STAMP_PATTERN = /^[0-9a-f]{12}:[0-9a-f]{4}:[0-9a-f]{16}$/;
export const HLC_STAMP = z.string().regex(STAMP_PATTERN);
export const OFFICE_ID = z.string().regex(/^[0-9a-f]{16}$/);
export const FINGERPRINT = z.string().regex(/^[0-9]{60}$/);
export const KEY_ID_HEX = z.string().regex(/^[0-9a-f]{16}$/);
export const SHA256_HEX = z.string().regex(/^[0-9a-f]{64}$/);

export const CARD_FORMAT = 'amparo-card/1';
export const BUNDLE_FORMAT = 'amparo-bundle';
/**
 * 2: change lines carry per-field causal contexts (`ctx`). 3: a record's deletion travels with its own
 * context (`deletion`), so an edit its office had not seen outlives it. 4: a line carries only the fields its
 * recipients lack, and the manifest says what the bundle was built against (`base`), which bundles the sender
 * has imported (`received`) and which stamps every office has seen (`stable`). 5: the manifest says when the
 * sender came to hold what it holds (`heldSince`). Older formats are still read.
 */
export const BUNDLE_FORMAT_VERSION = 5;
/** The first format whose knowledge is complete (every stamp up to it held) and whose contexts may be pruned. */
export const SCALE_FORMAT_VERSION = 4;
/** The first format whose lines carry contexts: in older ones a missing `ctx` means "unknown". */
export const CONTEXT_FORMAT_VERSION = 2;
export const PAYLOAD_NAME = 'changes.jsonl.gz';

export const contactCardSchema = z
  .object({
    format: z.literal(CARD_FORMAT),
    officeName: z.string().min(1).max(200),
    officeId: OFFICE_ID,
    ageRecipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/),
    minisignPublicKey: z.string().regex(/^[A-Za-z0-9+/]{56}$/),
    createdAt: z.string().datetime(),
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  })
  .strict();
export type ContactCard = z.infer<typeof contactCardSchema>;

/**
 * A field's causal context is valid when its stamps are strictly ascending, name distinct offices, none the
 * field stamp's own office, and are each older than the field stamp (a writer has seen only older stamps).
 */
export function validContext(clock: string, ctx: readonly string[]): boolean {
  const offices = new Set<string>([clock.slice(18)]);
  let previous = '';
  for (const stamp of ctx) {
    if (stamp <= previous || stamp >= clock || offices.has(stamp.slice(18))) return false;
    offices.add(stamp.slice(18));
    previous = stamp;
  }
  return true;
}

/**
 * One field of a change line: its value (`null` when cleared), its stamp, and its causal context `ctx`, the
 * other offices' highest stamps of this field that the value was written having seen (absent when none).
 */
export const fieldChangeSchema = z
  .object({ value: z.unknown(), clock: HLC_STAMP, ctx: z.array(HLC_STAMP).min(1).max(256).optional() })
  .strict()
  .refine((f) => f.ctx === undefined || validContext(f.clock, f.ctx), 'Invalid causal context');

/**
 * A record's deletion (or restore): its stamp, whether it deletes, and the other offices' highest stamps of
 * the record's fields that it was written having seen.
 */
export const deletionSchema = z
  .object({ deleted: z.boolean(), clock: HLC_STAMP, ctx: z.array(HLC_STAMP).min(1).max(256).optional() })
  .strict()
  .refine((d) => d.ctx === undefined || validContext(d.clock, d.ctx), 'Invalid causal context');

/**
 * One entity's changes. A redacted field is absent from `fields`, never blank. `deleted` is the deletion
 * stamp of format 2 and older bundles; newer ones send `deletion`.
 */
export const changeLineSchema = z
  .object({
    entity: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
    id: z.string().min(1).max(128),
    fields: z.record(z.string().min(1).max(128), fieldChangeSchema),
    deleted: HLC_STAMP.optional(),
    deletion: deletionSchema.optional(),
    purged: HLC_STAMP.optional(),
  })
  .strict();
export type ChangeLine = z.infer<typeof changeLineSchema>;

export const manifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.number().int().min(1).max(BUNDLE_FORMAT_VERSION),
    bundleId: z.string().regex(/^[0-9a-f]{32}$/),
    createdAt: z.string().datetime(),
    sender: z
      .object({
        officeId: OFFICE_ID,
        name: z.string().min(1).max(200),
        fingerprint: FINGERPRINT,
        keyId: KEY_ID_HEX,
      })
      .strict(),
    recipients: z.array(FINGERPRINT).min(1).max(64),
    sequence: z.number().int().nonnegative(),
    schemaVersion: z.number().int().positive(),
    /**
     * What the sender holds completely: for each office, every write up to this stamp (format 4 and later;
     * before, the highest stamp seen). The sender's own entry is the bundle's own stamp.
     */
    knowledge: z.record(OFFICE_ID, HLC_STAMP),
    /**
     * The bundle carries every field the sender holds above this vector (under a profile that removes
     * nothing): a recipient that holds `base` holds `knowledge` once imported. Absent: no such promise.
     */
    base: z.record(OFFICE_ID, HLC_STAMP).optional(),
    /** Per office, the highest bundle stamp (its knowledge entry for itself) the sender imported from it. */
    received: z.record(OFFICE_ID, HLC_STAMP).optional(),
    /**
     * Stamps every office has seen, and every write made before seeing them has reached every office: a
     * context entry at or below it is left out, and a version counts as having seen it.
     */
    stable: z.record(OFFICE_ID, HLC_STAMP).optional(),
    /**
     * A stamp at or above every write the sender made before it came to hold its knowledge of the other
     * offices (format 5): the last it gave a write then; older versions sent the last stamp it had written
     * or received, which bounds the same writes less tightly.
     */
    heldSince: HLC_STAMP.optional(),
    payload: z
      .object({
        name: z.literal(PAYLOAD_NAME),
        bytes: z.number().int().nonnegative(),
        changeCount: z.number().int().nonnegative(),
        sha256: SHA256_HEX,
      })
      .strict(),
  })
  .strict();
export type BundleManifest = z.infer<typeof manifestSchema>;

export const CONTACT_STATES = ['unverified', 'verified', 'revoked'] as const;
export type ContactState = (typeof CONTACT_STATES)[number];
