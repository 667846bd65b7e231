// Runs the inbox watcher while the vault is unlocked and an inbox folder is set, handing the finished
// bundles of each scan to the importer together (one transaction for all of them, import-batch.ts). Every
// outcome is kept in the vault (inbox-store.ts): an import, or a refusal with its code, shown as a notice
// while the file is in the folder and kept in the import history. The UI hears of both (events
// sync:imported and sync:refused) so open screens refresh. The importer never confirms an
// unverified sender: that takes a person, so such a bundle waits as a notice until the contact is verified.
import { AmparoError, type ErrorCode } from '../../../shared/errors';
import type { ServiceContext } from '../kernel/context';
import type { BatchOutcome } from './import-batch';
import { startInbox, type Inbox, type InboxDelivery, type InboxFile } from './inbox';
import { inboxMemory, recordInboxOutcome, retrySenderRefusals } from './inbox-store';
import { DEFAULT_LIMITS } from './limits';
import { getInboxFolder } from './store';

/** Imports bundles together; one outcome per bundle, in order. */
export type InboxImport = (ctx: ServiceContext, bundles: Uint8Array[]) => Promise<BatchOutcome[]>;

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

  /** One file's outcome kept and announced; what is not a refusal is returned as that file's error. */
  const settle = (file: InboxFile, outcome: BatchOutcome): unknown => {
    try {
      if ('error' in outcome) refuse(file, outcome.error);
      else {
        const { bundleId, alreadyImported } = outcome.summary;
        recordInboxOutcome(db(), file, { outcome: 'imported', bundleId }, ctx.clock.now());
        if (!alreadyImported) ctx.emit('sync:imported', { bundleId, source: 'inbox' });
      }
      return undefined;
    } catch (error) {
      return error;
    }
  };

  const handle = async (batch: readonly InboxDelivery[]) => {
    const outcomes = await importFn(
      ctx,
      batch.map((d) => d.bytes),
    );
    return batch.map(({ file }, i) =>
      settle(file, outcomes[i] ?? { error: new Error('The bundle was not imported.') }),
    );
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
        onBundles: handle,
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
