// The bookkeeping behind useLoad and useAction, kept free of React so it can be unit-tested on its own.

/**
 * Overlapping requests where only the newest answer counts. A request cannot be taken back once it has
 * crossed the IPC boundary, so an older one is left to finish and its answer is dropped; its signal aborts
 * so that work still on this side (a debounce timer) stops early.
 */
export class LatestWins {
  #current: AbortController | null = null;

  /** Starts a request. Every earlier one is stale from now on. */
  begin(): AbortSignal {
    this.#current?.abort();
    this.#current = new AbortController();
    return this.#current.signal;
  }

  /** Drops the outstanding request: the screen closed, or a newer value arrived another way. */
  cancel(): void {
    this.#current?.abort();
    this.#current = null;
  }
}

/** Hands a request's outcome to `settle` unless `signal` aborted before it came back. */
export function whenLatest<T>(
  signal: AbortSignal,
  request: Promise<T>,
  settle: { value(value: T): void; error(error: unknown): void },
): void {
  request.then(
    (value) => {
      if (!signal.aborted) settle.value(value);
    },
    (error: unknown) => {
      if (!signal.aborted) settle.error(error);
    },
  );
}

export type Outcome<T> =
  { status: 'done'; value: T } | { status: 'failed'; error: unknown } | { status: 'refused' };

/**
 * One run at a time. A second start while the first is running is refused rather than queued: a second
 * click on "Save" must not save twice. The task starts synchronously, so state set at its top is in place
 * before the caller's event handler returns.
 */
export class SingleFlight {
  #running = false;

  get busy(): boolean {
    return this.#running;
  }

  async run<T>(task: () => Promise<T>): Promise<Outcome<T>> {
    if (this.#running) return { status: 'refused' };
    this.#running = true;
    try {
      return { status: 'done', value: await task() };
    } catch (error) {
      return { status: 'failed', error };
    } finally {
      this.#running = false;
    }
  }
}

/** Waits `ms`, or rejects with the abort reason as soon as `signal` aborts (then the timer is cleared). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
