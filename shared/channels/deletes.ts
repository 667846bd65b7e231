import { z } from 'zod';
import { Id, Kind, ShortText } from '../model';

// Recently deleted and legal holds. A delete moves a record to Recently deleted for `keepDays` days
// (0 erases at once); from there it can be restored or erased now. A person's case on legal hold can't be
// deleted or purged, here or by a partner's bundle.

export const KeepDays = z.number().int().min(0).max(365);
export const DEFAULT_KEEP_DAYS = 14;

export const DeletedItem = z.object({
  kind: Kind,
  id: Id,
  /** The record's name where its kind has one, else empty. */
  label: z.string(),
  deletedAt: z.string(),
  /** When it will be erased unless restored. */
  eraseAfter: z.string(),
  /** The record it belongs to, for a kind that belongs to another (a person's event, a report's dispatch). */
  owner: z.object({ kind: Kind, id: Id }).optional(),
});
export type DeletedItem = z.infer<typeof DeletedItem>;

const KindAndId = z.object({ kind: Kind, id: Id }).strict();

/** A record alive although a deletion reached it: deleted at another office, changed or held here. */
export const PendingDelete = z.object({
  kind: Kind,
  id: Id,
  label: z.string(),
  /** The office id (16 hex) whose delete the record outlived. */
  deletedBy: z.string(),
  held: z.boolean(),
});
export type PendingDelete = z.infer<typeof PendingDelete>;

export const deleteChannels = {
  'deleted:list': {
    input: z.undefined(),
    output: z.object({ items: z.array(DeletedItem), keepDays: KeepDays }),
  },
  'deleted:restore': { input: KindAndId, output: z.object({ id: Id }) },
  /** One record, or everything in Recently deleted with `all`. */
  'deleted:erase': {
    input: z.union([KindAndId, z.object({ all: z.literal(true) }).strict()]),
    output: z.object({ erased: z.number().int() }),
  },
  /** "Deleted there, changed here" conflicts, for a coordinator to keep or delete. */
  'deleted:pending': { input: z.undefined(), output: z.array(PendingDelete) },
  /** Keeps the record: every office stops showing the conflict once this edit reaches it. */
  'deleted:keep': { input: KindAndId, output: z.object({ id: Id }) },
  'deleted:setKeepDays': {
    input: z.object({ days: KeepDays }).strict(),
    output: z.object({ keepDays: KeepDays }),
  },
  'hold:set': {
    input: z.object({ personId: Id, reason: ShortText.min(1) }).strict(),
    output: z.object({ personId: Id, reason: z.string(), since: z.string() }),
  },
  'hold:clear': { input: z.object({ personId: Id }).strict(), output: z.object({ personId: Id }) },
} as const;
