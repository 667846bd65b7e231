import { AmparoError } from '../../shared/errors';
import { CHANNELS, type EventName, type EventPayload } from '../../shared/ipc';
import type { LockReason, VaultKind, VaultStatus } from '../../shared/vault';
import { restoreVault } from './maintenance/restore';
import type { AmparoService, Clock, HandlerGroup, ServiceContext, Session } from './kernel/context';
import { systemClock } from './kernel/context';
import type { Handlers } from './dispatch';
import type { FeatureModule } from './kernel/feature-module';
import { FEATURES } from './feature-list';
import { anchorCalls } from './anchor-guard';
import { createJobRunner } from './jobs';
import { requireUnlocked } from './lock-guard';
import { prefsHandlers } from './prefs/handlers';
import { vaultHandlers, type VaultControl } from './vault/handlers';
import { createPrefsStore } from './prefs/store';
import { appendAudit, operatorName, rollbackFields } from './records/audit';
import { fillTrainingData, removeVaultFiles, trainingVaultDir } from './training';
import {
  chainHead,
  findRollback,
  readAnchor,
  sameHead,
  writeAnchor,
  type ChainHead,
  type Rollback,
} from './vault/anchor';
import { isCorruption, userVersion, vaultCorrupt } from './vault/database';
import type { KdfOptions } from './vault/kdf';
import { readKeyFile, unlockKeyFile } from './vault/keyfile';
import { changePassphrase, createVault, unlockVault, vaultExists, type OpenedVault } from './vault/vault';

// The service is the one object every transport drives (Electron IPC, the UI harness, the CLI). It owns
// the session: while locked there is no database handle and no key anywhere in it. At most one vault is
// open at a time, chosen among a fixed set: the office vault (`vaultDir`) and the training vault beside it
// (see training.ts). Features only ever see "the session", so locking works the same for both.

export interface ServiceOptions {
  vaultDir: string;
  clock?: Clock;
  /** Tests only: cheaper Argon2id parameters for new vaults. */
  kdf?: KdfOptions;
  features?: readonly FeatureModule[];
  /**
   * Background work while unlocked (the inbox watcher). Off for one-shot callers such as the CLI, where a
   * command must do exactly what was asked and nothing in the background. Default: on.
   */
  background?: boolean;
  /**
   * Long jobs pause between chunks so other calls are answered meanwhile (jobs.ts). A one-shot caller has
   * nothing else to answer: its jobs run straight through, in big chunks, the same statements every run.
   * Default: the same as `background`.
   */
  interleave?: boolean;
  /**
   * The rollback anchor (vault/anchor.ts): a file outside the vault folder, in the app's profile, where
   * this computer keeps the newest audit-chain head it saw for each vault. Without it there is no rollback
   * check. The app passes a file in Electron's userData; the CLI one beside the vault folder.
   */
  anchorFile?: string;
}

type Listener = (payload: never) => void;

export function createService(options: ServiceOptions): AmparoService {
  const { vaultDir } = options;
  const clock = options.clock ?? systemClock;
  const features = options.features ?? FEATURES;
  const listeners = new Map<EventName, Set<Listener>>();
  const dirs: Record<VaultKind, string> = { office: vaultDir, training: trainingVaultDir(vaultDir) };
  let session: Session | null = null;
  /** The same vault through its read-only connection: what calls see while a long job writes (jobs.ts). */
  let readerSession: Session | null = null;
  /** Which vault `session` belongs to; null exactly when session is null. */
  let openKind: VaultKind | null = null;
  let busy = false;
  /** The open vault's key id, the head last written to the anchor, and what unlock found. */
  let anchorKey: string | null = null;
  let anchored: ChainHead | null = null;
  let rollback: Rollback | null = null;

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: EventPayload<E>) => void)(payload);
  };

  const jobs = createJobRunner({
    session: () => session,
    emit,
    interleave: options.interleave ?? options.background !== false,
  });

  const context: ServiceContext = {
    vaultDir,
    clock,
    session() {
      if (!session) throw new AmparoError('LOCKED', 'The vault is locked. Unlock it to continue.');
      jobs.checkStopped();
      return readerSession && jobs.usesReader() ? readerSession : session;
    },
    emit,
    job: (kind, work, jobOptions) => jobs.run(kind, work, jobOptions),
  };

  const status = (): VaultStatus => {
    const trainingVault = vaultExists(dirs.training);
    if (!session) {
      return {
        state: vaultExists(vaultDir) ? 'locked' : 'absent',
        office: null,
        fingerprint: null,
        schemaVersion: null,
        vault: null,
        trainingVault,
      };
    }
    const current = session;
    const fingerprint =
      features.map((f) => f.fingerprint?.(current) ?? null).find((fp) => fp !== null) ?? null;
    return {
      state: 'unlocked',
      office: current.office.name,
      fingerprint,
      schemaVersion: userVersion(current.db),
      vault: openKind,
      trainingVault,
      ...(rollback ? { rollback } : {}),
    };
  };

  // The rollback anchor. Writing it is best effort: a failure only leaves it older, which can miss a
  // rollback but never report one that did not happen.
  const recordAnchor = (current: Session) => {
    const file = options.anchorFile;
    if (!file || !anchorKey) return;
    try {
      const head = chainHead(current.db);
      if (anchored && sameHead(anchored, head)) return;
      writeAnchor(file, anchorKey, { officeId: current.office.id, head, seenAt: clock.now().toISOString() });
      anchored = head;
    } catch {
      // Unwritable profile folder or a damaged page: the call that hit it reports the latter.
    }
  };

  /** At open: a chain without the anchored head is an older copy (or lost writes); record it in the log. */
  const checkAnchor = (opened: OpenedVault): Rollback | null => {
    const file = options.anchorFile;
    if (!file) return null;
    const { db, office } = opened.session;
    const seen = readAnchor(file, opened.keyId);
    const found = seen ? findRollback(db, seen) : null;
    if (found) {
      db.transaction(() =>
        appendAudit(db, {
          at: clock.now().toISOString(),
          officeId: office.id,
          operator: operatorName(db),
          action: 'rollback',
          kind: 'vault',
          recordId: office.id,
          fields: rollbackFields(found),
        }),
      )();
    }
    return found;
  };

  // Background work a feature runs only while unlocked (e.g. the inbox watcher); stopped before the db closes.
  let deactivators: (() => void)[] = [];
  const activate = () => {
    if (options.background === false) return;
    deactivators = features.flatMap((f) => {
      const stop = f.activate?.(context);
      return stop ? [stop] : [];
    });
  };

  /** Stops background work and closes the database (which drops the key); no event. */
  const closeSession = () => {
    if (!session) return;
    for (const stop of deactivators.splice(0)) stop();
    // A running job stops and its transaction is rolled back before anything else sees the database.
    jobs.abort();
    const closing = session;
    // Background imports write between calls; the anchor takes them in before the key goes.
    recordAnchor(closing);
    const closingReader = readerSession;
    session = null;
    readerSession = null;
    openKind = null;
    anchorKey = null;
    anchored = null;
    rollback = null;
    closingReader?.db.close();
    closing.db.close();
  };

  const lock = (reason: LockReason) => {
    if (!session) return;
    closeSession();
    emit('vault:locked', { reason });
  };

  const openSession = (opened: OpenedVault, kind: VaultKind) => {
    let found: Rollback | null;
    try {
      found = checkAnchor(opened);
    } catch (error) {
      closeOpened(opened);
      throw isCorruption(error) ? vaultCorrupt() : error;
    }
    session = opened.session;
    readerSession = opened.reader ? { db: opened.reader, office: opened.session.office } : null;
    openKind = kind;
    anchorKey = opened.keyId;
    anchored = null;
    rollback = found;
    recordAnchor(opened.session);
    activate();
  };

  /** Runs every feature's creation work (keys first, outside the transaction) on a new vault folder. */
  const createIn = async (dir: string, officeName: string, passphrase: string): Promise<OpenedVault> => {
    const prepared = await Promise.all(features.map((f) => f.prepare?.(context)));
    const hooks = features.flatMap((f, i) =>
      f.onCreate ? [(s: Session) => f.onCreate?.(s, context, prepared[i])] : [],
    );
    return createVault(dir, officeName, passphrase, clock, {
      kdf: options.kdf,
      onCreate: hooks,
      reader: true,
    });
  };

  // One key operation at a time: a double-clicked Unlock must not open the database twice.
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    if (busy) throw new AmparoError('CONFLICT', 'Another vault operation is still running.');
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  };

  const vault: VaultControl = {
    status,
    create: (officeName, passphrase) =>
      exclusive(async () => {
        if (session) throw new AmparoError('VAULT_EXISTS', 'A vault is already open.');
        openSession(await createIn(vaultDir, officeName, passphrase), 'office');
        return status();
      }),
    unlock: (passphrase, kind) =>
      exclusive(async () => {
        if (!session) {
          openSession(await unlockVault(dirs[kind], passphrase, { reader: true }), kind);
        } else if (openKind !== kind) {
          // Switching vaults always goes through the lock screen, so no key of one outlives the other.
          throw new AmparoError('CONFLICT', 'Another vault is open. Lock it first.');
        } else {
          // Already open: still prove the passphrase, so "unlock" never answers ok to a wrong one.
          (await unlockKeyFile(readKeyFile(dirs[kind]), passphrase)).fill(0);
        }
        return status();
      }),
    lock: () => {
      lock('manual');
      return status();
    },
    changePassphrase: (current, next) =>
      exclusive(async () => {
        context.session();
        await changePassphrase(dirs[openKind ?? 'office'], current, next, options.kdf?.fixed);
        return status();
      }),
    restore: (backup, backupPassphrase, newPassphrase) =>
      exclusive(async () => {
        if (session) throw new AmparoError('VAULT_EXISTS', 'A vault is open. It was not changed.');
        // restoreVault refuses an existing vault, checks the whole backup before writing, and removes
        // what it created on failure. The result is locked: the user proves the new passphrase.
        const result = await restoreVault(backup, vaultDir, backupPassphrase, newPassphrase, {
          kdf: options.kdf,
        });
        return { status: status(), backupCreatedAt: result.createdAt };
      }),
    // Switching vaults waits for a running job rather than cancelling it.
    createTraining: (officeName, passphrase) =>
      Promise.resolve(
        jobs.exclusive(() =>
          exclusive(async () => {
            const office = context.session();
            if (vaultExists(dirs.training))
              throw new AmparoError('VAULT_EXISTS', 'A training vault already exists. It was not changed.');
            let training: OpenedVault | undefined;
            try {
              training = await createIn(dirs.training, officeName, passphrase);
              fillTrainingData(training.session, context, clock);
            } catch (error) {
              if (training) closeOpened(training);
              // A vault another process created meanwhile is not ours to remove.
              const raced = error instanceof AmparoError && error.code === 'VAULT_EXISTS';
              if (!raced) removeVaultFiles(dirs.training);
              throw error;
            }
            // An idle or suspend lock during the slow part must win: the app stays locked (the training vault
            // is whole and opens from the unlock screen).
            if (session !== office) {
              closeOpened(training);
              throw new AmparoError('LOCKED', 'The vault locked while the training vault was being made.');
            }
            // Only now, with the training vault whole, does the office vault close (no lock event: the
            // window goes straight to the training vault rather than the lock screen).
            closeSession();
            openSession(training, 'training');
            return status();
          }),
        ),
      ),
    deleteTraining: () => {
      context.session();
      // Only from the office vault: the training vault is never open (no handle, no WAL) while it goes.
      if (openKind !== 'office')
        throw new AmparoError('CONFLICT', 'Open the office vault to delete the training vault.');
      if (busy) throw new AmparoError('CONFLICT', 'Another vault operation is still running.');
      removeVaultFiles(dirs.training);
      return status();
    },
  };

  const prefs = createPrefsStore(vaultDir);
  const groups: HandlerGroup[] = [
    vaultHandlers(vault),
    prefsHandlers(prefs),
    ...features.map((f) => {
      const guarded = requireUnlocked(f.handlers(context), context);
      // The gate is outermost: a write queued behind a job checks the lock (and the anchor) when it runs.
      const anchoredCalls = options.anchorFile
        ? anchorCalls(guarded, { session: () => session, clock, afterCall: recordAnchor })
        : guarded;
      return jobs.gateWrites(anchoredCalls);
    }),
    requireUnlocked(jobs.handlers(), context),
  ];
  const handlers = assembleHandlers(groups);

  return {
    handlers,
    context,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
    isUnlocked: () => session !== null,
    prefs: () => prefs.get(),
    lock,
    close() {
      lock('manual');
      listeners.clear();
    },
  };
}

/** Closes both connections of a vault that was opened but never became the session. */
function closeOpened(opened: OpenedVault): void {
  opened.reader?.close();
  opened.session.db.close();
}

/** Merges handler groups and insists every channel of the contract is served exactly once. */
export function assembleHandlers(groups: readonly HandlerGroup[]): Handlers {
  const merged: HandlerGroup = {};
  for (const group of groups) {
    for (const channel of Object.keys(group) as (keyof HandlerGroup)[]) {
      if (merged[channel]) throw new Error(`Channel ${channel} has two handlers`);
      Object.assign(merged, { [channel]: group[channel] });
    }
  }
  const missing = CHANNELS.filter((channel) => !merged[channel]);
  if (missing.length > 0) throw new Error(`Channels without a handler: ${missing.join(', ')}`);
  return merged as Handlers;
}
