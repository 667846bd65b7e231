import { AmparoError } from '../../../shared/errors';
import type { Kind } from '../../../shared/model';
import { CONTEXT_FORMAT_VERSION, SCALE_FORMAT_VERSION } from '../../../shared/sync';
import type { BundleSummary } from '../../../shared/channels/sync';
import type { Database, ServiceContext } from '../kernel/context';
import type { Job, JobSteps } from '../kernel/jobs';
import { parseStamp } from '../records/hlc';
import { SPECS } from '../records/specs';
import { stmt } from '../records/statements';
import { writerFor } from '../records/writer';
import { openBundle, type BundleSource, type OpenedBundle } from './bundle';
import type { BundleLimits } from './limits';
import { applyChanges, highestStamp, noCounts, type MergeCounts, type MergeInput } from './merge';
import { readSetting, writeSetting } from '../records/settings';
import { contactByKeyId, getKnowledge, loadIdentity, noteKnowledge, ourFingerprint } from './store';
import { pruneToFloor } from './prune';
import { noteReport, pruneSettledPromises, recordPromise } from './reach';
import { adoptStable, advanceStability, HELD_SINCE_KEY, KNOWLEDGE_RESET_KEY } from './stability';
import { vectorAtMost, writeVector, type Vector } from './vectors';

/** An office set to relay only (a hub) keeps no conflicts: the offices that work the cases do. */
export const RELAY_ONLY_KEY = 'sync.relayOnly';

// Bundle import and preview. openBundle runs steps 1–6 and writes nothing; then everything is
// applied in ONE transaction (step 7) together with the bundle id (step 8). A preview runs the very same
// transaction and rolls it back, so its counts are exactly what an import would do. Who sent a bundle is
// always the contact whose key verified it (office id and name from its card), never what the manifest says.

export type ImportSource = 'manual' | 'inbox';

export interface ImportOptions {
  source?: ImportSource;
  /** Compute the counts and roll back. */
  dryRun?: boolean;
  limits?: Partial<BundleLimits>;
  /** Apply a bundle from an unverified contact: a person confirmed it, as for sending to one. */
  confirmUnverified?: boolean;
}

class Rollback extends Error {
  constructor(readonly counts: MergeCounts) {
    super('preview');
  }
}

/** Steps 1–6: the bundle read, verified and validated; nothing is written. */
export async function open(ctx: ServiceContext, source: BundleSource, limits?: Partial<BundleLimits>) {
  const { db } = ctx.session();
  const fingerprint = ourFingerprint(db);
  if (!fingerprint) throw new AmparoError('VAULT_CORRUPT', 'The vault has no sync identity.');
  // A record this office holds (deleted ones too) or purged, looked up the way the merge finds rows.
  const knownRecord = (kind: Kind, id: string) =>
    stmt(db, `SELECT 1 FROM ${SPECS[kind].table} WHERE id = ?`).get(id) !== undefined ||
    stmt(db, 'SELECT 1 FROM purged WHERE kind = ? AND id = ?').get(kind, id) !== undefined;
  return openBundle(source, {
    identity: loadIdentity(db),
    contactByKeyId: (keyId) => contactByKeyId(db, keyId),
    knownRecord,
    ourFingerprint: fingerprint,
    now: ctx.clock.now(),
    limits,
  });
}

export function summary(opened: OpenedBundle, counts: MergeCounts, alreadyImported: boolean): BundleSummary {
  return {
    bundleId: opened.manifest.bundleId,
    sender: {
      officeName: opened.sender.officeName,
      fingerprint: opened.sender.fingerprint,
      state: opened.sender.state,
    },
    createdAt: opened.manifest.createdAt,
    ...counts,
    alreadyImported,
  };
}

/**
 * The merge as job steps: the changes a chunk at a time, all in the job's one transaction. Progress counts
 * changes; in a batch, those of the bundles before this one (`before`) out of the batch's (`of`).
 */
function* mergeSteps(input: MergeInput, progress?: BatchProgress): JobSteps<MergeCounts> {
  const total = input.changes.length;
  const before = progress?.before ?? 0;
  const of = progress?.of ?? total;
  const counts = noCounts();
  let size = (yield { done: before, total: of }) ?? total;
  for (let from = 0; from < total;) {
    const part = applyChanges({ ...input, changes: input.changes.slice(from, from + size) });
    counts.new += part.new;
    counts.updated += part.updated;
    counts.deleted += part.deleted;
    counts.conflicts += part.conflicts;
    counts.deleteConflicts += part.deleteConflicts;
    counts.deletes.push(...part.deletes);
    counts.unchanged += part.unchanged;
    counts.incomplete += part.incomplete;
    from = Math.min(total, from + size);
    size = (yield { done: before + from, total: of }) ?? size;
  }
  return counts;
}

/**
 * Steps 7 and 8 as a job (kernel/jobs.ts): the transaction is written in chunks of changes, other calls are
 * answered in between, and a cancel or a lock rolls all of it back. A preview rolls back at the end.
 */
function apply(ctx: ServiceContext, opened: OpenedBundle, options: ImportOptions): Promise<MergeCounts> {
  return ctx.job(
    options.dryRun ? 'bundle-preview' : 'bundle-import',
    (job) => applySteps(ctx, opened, options, job),
    { transaction: 'write', background: options.source === 'inbox' },
  );
}

/** Where a bundle's changes stand in its batch's progress: changes before it, and in the whole batch. */
export interface BatchProgress {
  before: number;
  of: number;
}

/**
 * Applies one opened bundle inside the caller's write transaction. A bundle of a batch (import-batch.ts)
 * passes `batch`: its progress is counted in the batch's, and stability is settled once, after the last one.
 */
export async function applySteps(
  ctx: ServiceContext,
  opened: OpenedBundle,
  options: ImportOptions,
  job: Job,
  batch?: BatchProgress,
): Promise<MergeCounts> {
  const w = writerFor(ctx);
  const { db } = w.session;
  const { manifest, changes, sender } = opened;
  // Every write this office made before this import is at or below this stamp: if the import teaches it
  // more of the others' writes, it has held that since this stamp (see stability.ts). Imports write no
  // stamp of this office's to a field (their stamps below are marks), so a batch's bundles share it.
  const heldSince = w.hlc.written();
  const knewBefore = writeVector(getKnowledge(db));
  // Highest stamp per office in this bundle: what we now know, and what our clock must move past.
  const seen = new Map<string, string>();
  for (const change of changes) {
    const high = highestStamp(change);
    if (!high) continue;
    const office = parseStamp(high).office;
    if ((seen.get(office) ?? '') < high) seen.set(office, high);
  }
  for (const stamp of seen.values()) w.hlc.receive(stamp);
  const scale = manifest.formatVersion >= SCALE_FORMAT_VERSION;
  const senderStamp = manifest.knowledge[sender.officeId];
  if (scale && senderStamp) w.hlc.receive(senderStamp);
  // The sender's lines were pruned below its stable vector: take it over before judging them.
  for (const stamp of Object.values(manifest.stable ?? {})) w.hlc.receive(stamp);
  const floor = scale ? adoptStable(db, manifest.stable ?? {}) : undefined;
  const counts = await job.drive(
    mergeSteps(
      {
        db,
        changes,
        knowledge: manifest.knowledge,
        legacy: manifest.formatVersion < CONTEXT_FORMAT_VERSION,
        ...(floor ? { floor } : {}),
        partial: scale,
        raiseConflicts: readSetting(db, RELAY_ONLY_KEY) !== 'true',
        bundleId: manifest.bundleId,
        senderOfficeId: sender.officeId,
        localStamp: w.hlc.mark(),
        now: w.now(),
        operator: w.operator,
        audit: w.audit,
      },
      batch,
    ),
  );
  if (options.dryRun) throw new Rollback(counts);
  if (scale) {
    const now = w.hlc.mark();
    learnFrom(ctx, opened, counts, now, heldSince);
    if (!batch) settleStability(ctx, now);
  } else {
    for (const [office, stamp] of seen) noteKnowledge(db, office, stamp);
    if (writeVector(getKnowledge(db)) !== knewBefore) writeSetting(db, HELD_SINCE_KEY, heldSince);
  }
  stmt(
    db,
    `INSERT INTO bundles_in (bundle_id, sender_fingerprint, sender_name, created_at, imported_at, new_count,
       updated_count, conflict_count, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    manifest.bundleId,
    sender.fingerprint,
    sender.officeName,
    manifest.createdAt,
    w.now(),
    counts.new,
    counts.updated,
    counts.conflicts,
    options.source ?? 'manual',
  );
  return counts;
}

/**
 * What a format-4 bundle teaches: if this office held the bundle's base, it now holds everything the sender
 * held (its knowledge); the sender's own word about itself; and the bundle as a promise to its other
 * recipients. `now` is a fresh local stamp: this office's own entry.
 */
function learnFrom(
  ctx: ServiceContext,
  opened: OpenedBundle,
  counts: MergeCounts,
  now: string,
  heldSince: string,
): void {
  const { db, office } = ctx.session();
  const { manifest, sender } = opened;
  const ours = (): Vector => ({ ...getKnowledge(db), [office.id]: now });
  if (counts.incomplete > 0) {
    // This office lacks fields it was taken to hold: it claims nothing more, so the next bundles bring them.
    // Its bundles sent so far claimed too much; stability no longer counts on them.
    stmt(db, 'DELETE FROM knowledge').run();
    writeSetting(db, KNOWLEDGE_RESET_KEY, now);
  } else if (manifest.base && vectorAtMost(manifest.base, ours())) {
    let raised = false;
    for (const [id, stamp] of Object.entries(manifest.knowledge))
      if (id !== office.id) raised = noteKnowledge(db, id, stamp) || raised;
    if (raised) writeSetting(db, HELD_SINCE_KEY, heldSince);
  }
  noteReport(db, sender.officeId, {
    knowledge: manifest.knowledge,
    received: manifest.received ?? {},
    stable: manifest.stable ?? {},
    ...(manifest.heldSince ? { heldSince: manifest.heldSince } : {}),
    reportedAt: manifest.createdAt,
  });
  const senderStamp = manifest.knowledge[sender.officeId];
  if (senderStamp) {
    const byFingerprint = new Map(
      (
        stmt(db, 'SELECT fingerprint, office_id FROM contacts').all() as {
          fingerprint: string;
          office_id: string;
        }[]
      ).map((c) => [c.fingerprint, c.office_id]),
    );
    recordPromise(db, {
      bundleId: manifest.bundleId,
      senderOffice: sender.officeId,
      highClock: senderStamp,
      recipients: manifest.recipients.flatMap((fp) => {
        const id = fp === opened.sender.fingerprint ? undefined : byFingerprint.get(fp);
        return id ? [id] : [];
      }),
      knowledge: manifest.knowledge,
      complete: manifest.base !== undefined,
      profile: null,
    });
  }
}

/**
 * How far stability reaches now, from everything learnt, and the contexts it made redundant pruned; and the
 * bundles every recipient has said it imported forgotten. `now`, a fresh local stamp, is this office's own
 * entry. Run inside the import's transaction.
 */
export function settleStability(ctx: ServiceContext, now = writerFor(ctx).hlc.mark()): void {
  const { db, office } = ctx.session();
  const stable = advanceStability(db, office.id, { ...getKnowledge(db), [office.id]: now });
  pruneToFloor(db, stable);
  pruneSettledPromises(db, office.id, stable[office.id] ?? '');
}

/** A bundle imported before: its summary with the first import's counts (a replay changes nothing). */
export function replayed(db: Database, opened: OpenedBundle): BundleSummary | null {
  const previous = stmt(
    db,
    'SELECT new_count, updated_count, conflict_count FROM bundles_in WHERE bundle_id = ?',
  ).get(opened.manifest.bundleId) as
    { new_count: number; updated_count: number; conflict_count: number } | undefined;
  if (!previous) return null;
  const counts: MergeCounts = {
    ...noCounts(),
    new: previous.new_count,
    updated: previous.updated_count,
    conflicts: previous.conflict_count,
  };
  return summary(opened, counts, true);
}

/** Applying a bundle from an unverified contact takes a person's confirmation, as sending to one does. */
export function requireVerified(opened: OpenedBundle): void {
  if (opened.sender.state !== 'verified')
    throw new AmparoError(
      'SENDER_UNVERIFIED',
      'The bundle comes from an office that is not verified yet. Compare fingerprints, or confirm importing from an unverified office.',
      [{ path: 'sender', message: opened.sender.fingerprint }],
    );
}

export async function importBundle(
  ctx: ServiceContext,
  source: BundleSource,
  options: ImportOptions = {},
): Promise<BundleSummary> {
  const opened = await open(ctx, source, options.limits);
  const replay = replayed(ctx.session().db, opened);
  if (replay) return replay;
  // A preview only reads, so it works (and shows the state) without the confirmation.
  if (!options.dryRun && !options.confirmUnverified) requireVerified(opened);
  try {
    return summary(opened, await apply(ctx, opened, options), false);
  } catch (err) {
    if (err instanceof Rollback) return summary(opened, err.counts, false);
    throw err;
  }
}
