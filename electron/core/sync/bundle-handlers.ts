import type { HandlerGroup, ServiceContext } from '../kernel/context';
import { stmt } from '../records/statements';
import { listConflicts, resolveConflict } from './conflicts';
import { exportBundle } from './export';
import { importBundle } from './import';
import { listInboxRefusals } from './inbox-store';

// Bundle channels: export, preview, import, history and conflicts. Bundle bytes cross IPC as base64. The
// history lists imported bundles and the inbox files that were refused, with their reason.

interface HistoryRow {
  bundle_id: string;
  sender_name: string;
  sender_fingerprint: string;
  imported_at: string;
  new_count: number;
  updated_count: number;
  conflict_count: number;
  source: 'manual' | 'inbox';
}

const fromBase64 = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

export function syncBundleHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    'bundle:export': async (input) => {
      const result = await exportBundle(ctx, input);
      return {
        bundleId: result.bundleId,
        bytes: Buffer.from(result.bytes).toString('base64'),
        fileName: result.fileName,
        changeCount: result.changeCount,
      };
    },
    'bundle:preview': ({ bytes }) => importBundle(ctx, fromBase64(bytes), { dryRun: true }),
    'bundle:import': async ({ bytes, confirmUnverified }) => {
      const summary = await importBundle(ctx, fromBase64(bytes), { source: 'manual', confirmUnverified });
      // Other open screens refresh the same way as after an inbox import.
      if (!summary.alreadyImported)
        ctx.emit('sync:imported', { bundleId: summary.bundleId, source: 'manual' });
      return summary;
    },
    'bundle:history': () => {
      const rows = stmt(
        ctx.session().db,
        'SELECT * FROM bundles_in ORDER BY imported_at DESC, rowid DESC',
      ).all() as HistoryRow[];
      const imported = rows.map((r) => ({
        outcome: 'imported' as const,
        bundleId: r.bundle_id,
        senderName: r.sender_name,
        senderFingerprint: r.sender_fingerprint,
        importedAt: r.imported_at,
        new: r.new_count,
        updated: r.updated_count,
        conflicts: r.conflict_count,
        source: r.source,
      }));
      const refused = listInboxRefusals(ctx.session().db);
      const at = (e: (typeof imported)[number] | (typeof refused)[number]) =>
        e.outcome === 'imported' ? e.importedAt : e.refusedAt;
      // Both lists are newest first; a stable sort keeps each list's own order among equal times.
      return [...imported, ...refused].sort((a, b) => (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0));
    },
    'conflict:list': () => listConflicts(ctx),
    'conflict:resolve': ({ id, keep }) => resolveConflict(ctx, id, keep),
  };
}
