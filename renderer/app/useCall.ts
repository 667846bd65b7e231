import { useCallback, useEffect, useLayoutEffect, useRef, useState, type DependencyList } from 'react';
import type { ErrorCode } from '../../shared/errors';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { call, errorCode } from '../api';
import { LatestWins, SingleFlight, whenLatest } from './latest';

// Loading and submitting for the screens: what to show while a request is out, the typed error when it
// fails, and no stale answer ever drawn over a newer one (nor onto a screen that has closed).

export interface Loaded<T> {
  /** The last answer. It stays while a reload or new inputs are on their way, so lists don't flash empty. */
  data: T | undefined;
  /** Why the last request failed; cleared by the next answer. */
  error: ErrorCode | null;
  loading: boolean;
  /** Asks again; an answer to an earlier request that comes back later is dropped. */
  reload(): void;
  /** Shows a value the screen already has (what an update returned) instead of asking again. */
  replace(data: T): void;
}

interface LoadState<T> {
  data: T | undefined;
  error: ErrorCode | null;
  loading: boolean;
}

/**
 * Runs `load` on mount and whenever `deps` change. `load` gets a signal that aborts once its answer is no
 * longer wanted, for work worth stopping early (a debounce pause).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<LoadState<T>>({ data: undefined, error: null, loading: true });
  const [latest] = useState(() => new LatestWins());
  const [asked, setAsked] = useState(0);

  useEffect(
    () => {
      const signal = latest.begin();
      setState((current) => (current.loading ? current : { ...current, loading: true }));
      // A load that throws before its first await fails like one that rejects.
      whenLatest(signal, new Promise<T>((resolve) => resolve(load(signal))), {
        value: (data) => setState({ data, error: null, loading: false }),
        error: (caught) => setState((current) => ({ ...current, error: errorCode(caught), loading: false })),
      });
      return () => latest.cancel();
    },
    // The caller's deps stand for everything `load` reads; `asked` is bumped by reload().
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...deps, asked, latest],
  );

  const reload = useCallback(() => setAsked((n) => n + 1), []);
  const replace = useCallback(
    (data: T) => {
      latest.cancel();
      setState({ data, error: null, loading: false });
    },
    [latest],
  );
  return { ...state, reload, replace };
}

/**
 * One IPC call, made again when `input` (compared by its JSON) or any of `deps` changes, e.g. a version
 * number bumped after an edit elsewhere on the screen.
 */
export function useCall<C extends Channel>(
  channel: C,
  input?: ChannelInput<C>,
  deps: DependencyList = [],
): Loaded<ChannelOutput<C>> {
  const key = JSON.stringify(input ?? null);
  return useLoad(() => call(channel, input), [channel, key, ...deps]);
}

export interface Action<A extends unknown[]> {
  /**
   * Runs the action unless it is already running (then it does nothing). Resolves true when it finished,
   * false when it failed or was refused; the failure's code is in `error`.
   */
  run(...args: A): Promise<boolean>;
  busy: boolean;
  error: ErrorCode | null;
  /** Clears the error, e.g. when a form's own validation stops a submit before anything is sent. */
  reset(): void;
}

/**
 * A user action (save, delete, import) that may fail. `fn` does the calls and applies their results; it
 * throws to fail. The error is cleared when the next run starts.
 */
export function useAction<A extends unknown[]>(fn: (...args: A) => Promise<unknown>): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [flight] = useState(() => new SingleFlight());
  const current = useRef(fn);
  useLayoutEffect(() => {
    current.current = fn;
  });
  // A run may outlive its screen (a successful unlock replaces the unlock screen): skip the state updates then.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (...args: A) => {
      const outcome = await flight.run(() => {
        setBusy(true);
        setError(null);
        return current.current(...args);
      });
      if (outcome.status === 'refused') return false;
      if (mounted.current) {
        setBusy(false);
        if (outcome.status === 'failed') setError(errorCode(outcome.error));
      }
      return outcome.status === 'done';
    },
    [flight],
  );
  const reset = useCallback(() => setError(null), []);
  return { run, busy, error, reset };
}

/** For useAction when several buttons share one busy state and one error line: run(() => …). */
export const runTask = <T>(task: () => Promise<T>): Promise<T> => task();
