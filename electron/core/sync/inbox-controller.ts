// Runs the inbox watcher while the vault is unlocked and an inbox folder is set, handing each finished
// bundle to the importer. Every outcome is kept in the vault (inbox-store.ts): an import, or a refusal with
// its code, shown as a notice while the file is in the folder and kept in the import history. The UI hears
// of both (events sync:imported and sync:refused) so open screens refresh. The importer never confirms an
// unverified sender: that takes a person, so such a bundle waits as a notice until the contact is verified.
import { AmparoError, type ErrorCode } from '../../../shared/errors';
import type { ServiceContext } from '../kernel/context';
import { startInbox, type Inbox, type InboxFile } from './inbox';
import { inboxMemory, recordInboxOutcome, retrySenderRefusals } from './inbox-store';
import { DEFAULT_LIMITS } from './limits';
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
  /** A contact was added or verified: files refused for their sender are tried again. */
  retrySenders(): void;
}

export const INBOX_INTERVAL_MS = 3000;

/** The code a refusal is recorded with, or null for a failure that says nothing about the file. */
function refusalCode(error: unknown): ErrorCode | null {
  if (!(error instanceof AmparoError)) return null;
  return error.code.startsWith('BUNDLE_') || error.code === 'SENDER_UNVERIFIED' ? error.code : null;
}

/** The sender's fingerprint, when the refusal names a contact (SENDER_UNVERIFIED does). */
function senderOf(error: unknown): string | null {
  if (!(error instanceof AmparoError)) return null;
  return error.issues?.find((issue) => issue.path === 'sender')?.message ?? null;
}

export function createInboxController(
  ctx: ServiceContext,
  importFn: InboxImport,
  intervalMs = INBOX_INTERVAL_MS,
): InboxController {
  let inbox: Inbox | null = null;
  const db = () => ctx.session().db;
  const stop = () => {
    inbox?.stop();
    inbox = null;
  };

  const refuse = (file: InboxFile, error: unknown) => {
    const code = refusalCode(error);
    // Anything else (the vault locked meanwhile, an unexpected failure) changed nothing, as imports are
    // one transaction: the watcher reports it and leaves the file for the next unlock.
    if (code === null) throw error;
    const senderFingerprint = senderOf(error);
    recordInboxOutcome(db(), file, { outcome: 'refused', code, senderFingerprint }, ctx.clock.now());
    ctx.emit('sync:refused', { file: file.name, code });
  };

  const handle = async (_path: string, bytes: Uint8Array, file: InboxFile) => {
    let result;
    try {
      result = await importFn(ctx, bytes);
    } catch (error) {
      refuse(file, error);
      return;
    }
    recordInboxOutcome(db(), file, { outcome: 'imported', bundleId: result.bundleId }, ctx.clock.now());
    if (!result.alreadyImported) ctx.emit('sync:imported', { bundleId: result.bundleId, source: 'inbox' });
  };

  return {
    start() {
      stop();
      const folder = getInboxFolder(db());
      if (folder === null) return;
      inbox = startInbox({
        folder,
        intervalMs,
        memory: inboxMemory(db),
        maxBytes: DEFAULT_LIMITS.maxBundleBytes,
        onBundle: handle,
        // Too large to be a bundle: refused without reading it into memory.
        onOversize: (file) =>
          refuse(file, new AmparoError('BUNDLE_TOO_LARGE', 'The bundle file exceeds the size limit.')),
        // Refusals are recorded above; what reaches here (a folder that went away, a vault that locked
        // meanwhile) changed nothing and is looked at again at the next poll or, for a file, the next unlock.
        onError: () => undefined,
      });
    },
    stop,
    poll: () => inbox?.poll() ?? Promise.resolve(),
    retrySenders() {
      if (retrySenderRefusals(db()) > 0) void inbox?.poll();
    },
  };
}
