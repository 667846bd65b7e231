// Runs the inbox watcher while the vault is unlocked and an inbox folder is set, handing each finished
// bundle to the importer and telling the UI (event sync:imported) so it can refresh.
import type { ServiceContext } from '../context';
import { startInbox, type Inbox } from './inbox';
import { getInboxFolder } from './store';

export type InboxImport = (
  ctx: ServiceContext,
  bytes: Uint8Array,
) => Promise<{ bundleId: string; alreadyImported: boolean }>;

export interface InboxController {
  /** (Re)starts watching the folder stored in the vault, or stops when none is set. */
  start(): void;
  stop(): void;
  /** Scans now; resolves when the scan (and any imports it started) finished. */
  poll(): Promise<void>;
}

export const INBOX_INTERVAL_MS = 3000;

export function createInboxController(
  ctx: ServiceContext,
  importFn: InboxImport,
  intervalMs = INBOX_INTERVAL_MS,
): InboxController {
  let inbox: Inbox | null = null;
  const stop = () => {
    inbox?.stop();
    inbox = null;
  };
  return {
    start() {
      stop();
      const folder = getInboxFolder(ctx.session().db);
      if (folder === null) return;
      inbox = startInbox({
        folder,
        intervalMs,
        async onBundle(_path, bytes) {
          const result = await importFn(ctx, bytes);
          if (!result.alreadyImported)
            ctx.emit('sync:imported', { bundleId: result.bundleId, source: 'inbox' });
        },
        // A refused bundle (unknown sender, tampered…) stays in the folder and is not retried until it
        // changes; the import itself records nothing for it.
        onError: () => undefined,
      });
    },
    stop,
    poll: () => inbox?.poll() ?? Promise.resolve(),
  };
}
