import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AmparoError, type ErrorPayload, type Result } from '../../../shared/errors';
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload } from '../../../shared/ipc';
import type { Prefs } from '../../../shared/prefs';
import type { LockReason } from '../../../shared/vault';
import type { Clock } from '../kernel/context';
import type { KdfOptions } from '../vault/kdf';
import type { FromWorker, HostState, ToWorker, WorkerOptions } from './protocol';

// Runs the core (createService) in a worker thread, so a long import, purge or backup never blocks the
// thread of the transport: Electron's main process (the window stays responsive) or the UI harness. The
// host has the shape the transports used before: dispatch(channel, input) answering the contract's Result,
// events, and isUnlocked()/prefs() answered synchronously from the state the worker sends with each answer
// and event. worker_threads rather than Electron's utilityProcess: the same code runs in Node (harness,
// tests) and in Electron. The CLI runs the core in its own process instead (a one-shot command).

export interface CoreHostOptions {
  vaultDir: string;
  anchorFile?: string;
  /** Tests only: cheaper Argon2id parameters for new vaults. */
  kdf?: KdfOptions;
  background?: boolean;
  /** Tests: the core's clock follows this one; its time is sent with every call. */
  clock?: Clock;
  /**
   * The worker's script. Default: core-worker.cjs beside the bundle this file was built into, or, when
   * this file runs as TypeScript source, worker.ts under tsx.
   */
  worker?: { file: string; execArgv?: string[] };
}

/** Each channel as a function that throws AmparoError on an error answer (for tests and seeding). */
export type HostHandlers = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
};

export interface CoreHost {
  readonly vaultDir: string;
  /** The contract's entry point, as dispatch() answers it: validated input, typed errors. */
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>;
  readonly handlers: HostHandlers;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  isUnlocked(): boolean;
  /** Preferences, readable while locked (the idle threshold, the language). */
  prefs(): Prefs;
  /** Locks the vault (a running job is cancelled and rolled back). Safe to call when already locked. */
  lock(reason: LockReason): void;
  /** Locks, and ends the worker. */
  close(): Promise<void>;
}

const INTERNAL: ErrorPayload = {
  code: 'INTERNAL',
  message: 'Something went wrong inside Amparo. Nothing was saved.',
};

export function defaultWorker(): { file: string; execArgv?: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { file: join(dirname(here), 'worker.ts'), execArgv: ['--import', 'tsx'] };
  return { file: join(dirname(here), 'core-worker.cjs') };
}

type Listener = (payload: never) => void;

export async function startCoreHost(options: CoreHostOptions): Promise<CoreHost> {
  const script = options.worker ?? defaultWorker();
  const workerOptions: WorkerOptions = {
    vaultDir: options.vaultDir,
    ...(options.anchorFile ? { anchorFile: options.anchorFile } : {}),
    ...(options.kdf ? { kdf: options.kdf } : {}),
    ...(options.background === undefined ? {} : { background: options.background }),
    hostClock: options.clock !== undefined,
  };
  const listeners = new Map<EventName, Set<Listener>>();
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let state: HostState | null = null;
  let closing: Promise<void> | null = null;
  let worker: Worker;

  const emit = (event: EventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: unknown) => void)(payload);
  };

  const spawn = () =>
    new Promise<void>((resolve, reject) => {
      worker = new Worker(script.file, {
        workerData: workerOptions,
        ...(script.execArgv ? { execArgv: script.execArgv } : {}),
      });
      let ready = false;
      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'ready':
            state = message.state;
            ready = true;
            resolve();
            break;
          case 'result':
            state = message.state;
            pending.get(message.id)?.(message.result);
            pending.delete(message.id);
            break;
          case 'event':
            state = message.state;
            emit(message.event, message.payload);
            break;
          case 'state':
            state = message.state;
            break;
          case 'closed':
            break;
        }
      });
      worker.on('error', (error) => {
        if (!ready) reject(error);
      });
      worker.on('exit', () => {
        // Whatever was asked gets an answer; the vault is closed with the thread that held it.
        for (const answer of pending.values()) answer({ ok: false, error: INTERNAL });
        pending.clear();
        const wasUnlocked = state?.unlocked ?? false;
        if (state) state = { ...state, unlocked: false };
        if (!ready) {
          reject(new Error('The core worker stopped before it was ready.'));
          return;
        }
        if (closing) return;
        if (wasUnlocked) emit('vault:locked', { reason: 'manual' });
        // The core died (a native crash, out of memory): start a fresh one, locked, for the next call.
        void spawn().catch(() => undefined);
      });
    });

  await spawn();

  const send = (message: ToWorker) => worker.postMessage(message);

  const dispatch = (channel: unknown, input: unknown): Promise<Result<unknown>> => {
    if (closing) return Promise.resolve({ ok: false, error: INTERNAL });
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      try {
        send({
          type: 'call',
          id,
          channel,
          input,
          ...(options.clock ? { now: options.clock.now().getTime() } : {}),
        });
      } catch {
        // The input cannot be cloned (a function, a symbol): it is no input of the contract.
        pending.delete(id);
        resolve({ ok: false, error: { code: 'INVALID_INPUT', message: 'Some fields are not valid.' } });
      }
    });
  };

  const handlers = new Proxy({} as HostHandlers, {
    get: (_target, channel) => async (input: unknown) => {
      const result = await dispatch(channel, input);
      if (result.ok) return result.value;
      throw new AmparoError(result.error.code, result.error.message, result.error.issues);
    },
  });

  return {
    vaultDir: options.vaultDir,
    dispatch,
    handlers,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
    isUnlocked: () => state?.unlocked ?? false,
    prefs: () => (state as HostState).prefs,
    lock(reason) {
      if (closing) return;
      // Answered at once here; the worker locks as soon as it takes the message (between two chunks of a
      // job at worst), and the vault:locked event follows.
      if (state) state = { ...state, unlocked: false };
      send({ type: 'lock', reason });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        const done = () => {
          listeners.clear();
          resolve();
        };
        worker.once('exit', done);
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'closed') void worker.terminate();
        });
        try {
          send({ type: 'close' });
        } catch {
          void worker.terminate();
        }
      });
      return closing;
    },
  };
}
