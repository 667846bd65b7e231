import { AmparoError } from '../../shared/errors';
import { CHANNELS, type EventName, type EventPayload } from '../../shared/ipc';
import type { LockReason, VaultStatus } from '../../shared/vault';
import type { AmparoService, Clock, HandlerGroup, ServiceContext, Session } from './context';
import { systemClock } from './context';
import type { Handlers } from './dispatch';
import type { Feature } from './feature';
import { FEATURES } from './features';
import { requireUnlocked } from './handlers/lock-guard';
import { prefsHandlers } from './handlers/prefs';
import { vaultHandlers, type VaultControl } from './handlers/vault';
import { createPrefsStore } from './prefs-store';
import { userVersion } from './vault/database';
import type { KdfOptions } from './vault/kdf';
import { readKeyFile, unlockKeyFile } from './vault/keyfile';
import { changePassphrase, createVault, unlockVault, vaultExists } from './vault/vault';

// The service is the one object every transport drives (Electron IPC, the UI harness, the CLI). It owns
// the session: while locked there is no database handle and no key anywhere in it.

export interface ServiceOptions {
  vaultDir: string;
  clock?: Clock;
  /** Tests only: cheaper Argon2id parameters for new vaults. */
  kdf?: KdfOptions;
  features?: readonly Feature[];
  /**
   * Background work while unlocked (the inbox watcher). Off for one-shot callers such as the CLI, where a
   * command must do exactly what was asked and nothing in the background. Default: on.
   */
  background?: boolean;
}

type Listener = (payload: never) => void;

export function createService(options: ServiceOptions): AmparoService {
  const { vaultDir } = options;
  const clock = options.clock ?? systemClock;
  const features = options.features ?? FEATURES;
  const listeners = new Map<EventName, Set<Listener>>();
  let session: Session | null = null;
  let busy = false;

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: EventPayload<E>) => void)(payload);
  };

  const context: ServiceContext = {
    vaultDir,
    clock,
    session() {
      if (!session) throw new AmparoError('LOCKED', 'The vault is locked. Unlock it to continue.');
      return session;
    },
    emit,
  };

  const status = (): VaultStatus => {
    if (!session) {
      return {
        state: vaultExists(vaultDir) ? 'locked' : 'absent',
        office: null,
        fingerprint: null,
        schemaVersion: null,
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
    };
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

  const lock = (reason: LockReason) => {
    if (!session) return;
    for (const stop of deactivators.splice(0)) stop();
    const closing = session;
    session = null;
    closing.db.close();
    emit('vault:locked', { reason });
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
        const prepared = await Promise.all(features.map((f) => f.prepare?.(context)));
        const hooks = features.flatMap((f, i) =>
          f.onCreate ? [(s: Session) => f.onCreate?.(s, context, prepared[i])] : [],
        );
        session = await createVault(vaultDir, officeName, passphrase, clock, {
          kdf: options.kdf,
          onCreate: hooks,
        });
        activate();
        return status();
      }),
    unlock: (passphrase) =>
      exclusive(async () => {
        if (!session) {
          session = await unlockVault(vaultDir, passphrase);
          activate();
        } else {
          // Already open: still prove the passphrase, so "unlock" never answers ok to a wrong one.
          (await unlockKeyFile(readKeyFile(vaultDir), passphrase)).fill(0);
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
        await changePassphrase(vaultDir, current, next, options.kdf?.fixed);
        return status();
      }),
  };

  const prefs = createPrefsStore(vaultDir);
  const groups: HandlerGroup[] = [
    vaultHandlers(vault),
    prefsHandlers(prefs),
    ...features.map((f) => requireUnlocked(f.handlers(context), context)),
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
