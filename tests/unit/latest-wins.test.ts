import { afterEach, describe, expect, it, vi } from 'vitest';
import { LatestWins, SingleFlight, pause, whenLatest } from '../../renderer/app/latest';

// The request bookkeeping behind the renderer's useLoad/useCall/useAction hooks. The hooks themselves are
// thin React wrappers over this and are exercised by the e2e specs.

/** A promise settled by hand, to make answers arrive in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function recorder<T>() {
  const seen: string[] = [];
  return {
    seen,
    settle: {
      value: (value: T) => seen.push(`value:${String(value)}`),
      error: (error: unknown) => seen.push(`error:${String(error)}`),
    },
  };
}

describe('LatestWins', () => {
  it('applies only the newest answer when an older one comes back last', async () => {
    const latest = new LatestWins();
    const { seen, settle } = recorder<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    whenLatest(latest.begin(), first.promise, settle);
    whenLatest(latest.begin(), second.promise, settle);
    second.resolve('second');
    await flush();
    first.resolve('first');
    await flush();
    expect(seen).toEqual(['value:second']);
  });

  it('drops a stale failure just like a stale answer', async () => {
    const latest = new LatestWins();
    const { seen, settle } = recorder<string>();
    const first = deferred<string>();
    whenLatest(latest.begin(), first.promise, settle);
    whenLatest(latest.begin(), Promise.resolve('second'), settle);
    first.reject('LOCKED');
    await flush();
    expect(seen).toEqual(['value:second']);
  });

  it('passes a failure of the current request through', async () => {
    const latest = new LatestWins();
    const { seen, settle } = recorder<string>();
    whenLatest(latest.begin(), Promise.reject(new Error('NOT_FOUND')), settle);
    await flush();
    expect(seen).toEqual(['error:Error: NOT_FOUND']);
  });

  it('drops everything outstanding once cancelled (the screen closed)', async () => {
    const latest = new LatestWins();
    const { seen, settle } = recorder<string>();
    const pending = deferred<string>();
    const signal = latest.begin();
    whenLatest(signal, pending.promise, settle);
    latest.cancel();
    expect(signal.aborted).toBe(true);
    pending.resolve('late');
    await flush();
    expect(seen).toEqual([]);
  });

  it('aborts the previous signal on each new request and leaves the newest live', () => {
    const latest = new LatestWins();
    const signals = [latest.begin(), latest.begin(), latest.begin()];
    expect(signals.map((s) => s.aborted)).toEqual([true, true, false]);
  });

  it('keeps working after a cancel (a remount under StrictMode)', async () => {
    const latest = new LatestWins();
    const { seen, settle } = recorder<string>();
    latest.cancel();
    whenLatest(latest.begin(), Promise.resolve('again'), settle);
    await flush();
    expect(seen).toEqual(['value:again']);
  });
});

describe('SingleFlight', () => {
  it('refuses a second run while the first is in progress, then accepts again', async () => {
    const flight = new SingleFlight();
    const slow = deferred<string>();
    let runs = 0;
    const task = () => {
      runs += 1;
      return slow.promise;
    };
    const first = flight.run(task);
    expect(flight.busy).toBe(true);
    await expect(flight.run(task)).resolves.toEqual({ status: 'refused' });
    expect(runs).toBe(1);
    slow.resolve('saved');
    await expect(first).resolves.toEqual({ status: 'done', value: 'saved' });
    expect(flight.busy).toBe(false);
    await expect(flight.run(async () => 'again')).resolves.toEqual({ status: 'done', value: 'again' });
  });

  it('starts the task synchronously, before run() returns', () => {
    const flight = new SingleFlight();
    let started = false;
    void flight.run(async () => {
      started = true;
    });
    expect(started).toBe(true);
  });

  it('reports a failure and frees the slot, whether the task rejects or throws', async () => {
    const flight = new SingleFlight();
    const failure = new Error('CONFLICT');
    await expect(flight.run(() => Promise.reject(failure))).resolves.toEqual({
      status: 'failed',
      error: failure,
    });
    expect(flight.busy).toBe(false);
    await expect(
      flight.run(() => {
        throw failure;
      }),
    ).resolves.toEqual({ status: 'failed', error: failure });
    expect(flight.busy).toBe(false);
  });
});

describe('pause', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the delay', async () => {
    vi.useFakeTimers();
    let done = false;
    void pause(200, new AbortController().signal).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('rejects at once when aborted and clears its timer', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const waiting = pause(200, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects without waiting when the signal already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(pause(10_000, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
