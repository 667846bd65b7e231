import type { BundleSummary } from '../../../shared/channels/sync';
import { AmparoError } from '../../../shared/errors';
import { SCALE_FORMAT_VERSION } from '../../../shared/sync';
import type { ServiceContext } from '../kernel/context';
import type { BundleSource, OpenedBundle } from './bundle';
import {
  applySteps,
  open,
  replayed,
  requireVerified,
  settleStability,
  summary,
  type ImportOptions,
} from './import';

// Several bundles that arrived together (one inbox scan: a coalition's Syncthing folder after a round of
// exchanges) imported in ONE write transaction, each inside a savepoint of its own. Each bundle is still all
// or nothing, and one that fails leaves the others applied; what is paid once per transaction (the commit,
// which encrypts and writes every page the bundles touched, the job, and stability with its pruning) is paid
// once for the batch. Importing the same bundles one at a time gives the same records
// (tests/unit/sync-import-batch.test.ts); only stability moves once, at the end, instead of after each.

/** One bundle's outcome: its summary, or why it was refused or failed. */
export type BatchOutcome = { summary: BundleSummary } | { error: unknown };

type Batch = Pick<ImportOptions, 'source' | 'limits'>;

const stopped = (error: unknown) =>
  error instanceof AmparoError && (error.code === 'CANCELLED' || error.code === 'LOCKED');

export async function importBundles(
  ctx: ServiceContext,
  sources: readonly BundleSource[],
  options: Batch = {},
): Promise<BatchOutcome[]> {
  const outcomes: (BatchOutcome | undefined)[] = [];
  const pending: { at: number; opened: OpenedBundle }[] = [];
  // Steps 1–6 of every bundle first, outside the transaction: they only read.
  for (const [at, source] of sources.entries()) {
    try {
      const opened = await open(ctx, source, options.limits);
      const replay = replayed(ctx.session().db, opened);
      if (replay) outcomes[at] = { summary: replay };
      else {
        // Nobody is there to confirm an unverified sender: such a bundle waits until the contact is verified.
        requireVerified(opened);
        pending.push({ at, opened });
      }
    } catch (error) {
      outcomes[at] = { error };
    }
  }
  if (pending.length > 0)
    await ctx.job(
      'bundle-import',
      async (job) => {
        const { db } = ctx.session();
        let learnt = false;
        const of = pending.reduce((n, p) => n + p.opened.changes.length, 0);
        let before = 0;
        for (const { at, opened } of pending) {
          // The same bundle twice in one batch (two copies of a file): the second is a replay.
          const replay = replayed(db, opened);
          const batch = { before, of };
          before += opened.changes.length;
          if (replay) {
            outcomes[at] = { summary: replay };
            continue;
          }
          db.exec('SAVEPOINT bundle');
          try {
            const counts = await applySteps(ctx, opened, options, job, batch);
            db.exec('RELEASE bundle');
            outcomes[at] = { summary: summary(opened, counts, false) };
            learnt ||= opened.manifest.formatVersion >= SCALE_FORMAT_VERSION;
          } catch (error) {
            // Cancelled or locked: the whole batch rolls back, as one import would.
            if (stopped(error) || !db.inTransaction) throw error;
            db.exec('ROLLBACK TO bundle');
            db.exec('RELEASE bundle');
            outcomes[at] = { error };
          }
        }
        if (learnt) settleStability(ctx);
      },
      { transaction: 'write', background: options.source === 'inbox' },
    );
  return outcomes.map((outcome) => outcome ?? { error: new Error('Bundle not imported.') });
}
