import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCoreHost, type CoreHost } from '../../electron/core/host/host';
import { toCsv } from '../../electron/core/records/csv/export';
import type { JobProgress } from '../../shared/channels/jobs';
import type { Result } from '../../shared/errors';
import { coreWorker } from '../helpers/core-worker';
import { FAST_KDF, makeTempDir, PASSPHRASE, removeTempDirs } from '../helpers/vault';

// The core in its worker thread, driven as Electron's main process and the harness drive it. A large CSV
// import runs as a job; while it runs, person lookups are answered (from the read-only connection, which
// does not see the import's rows before its commit), and a write waits for the end of the import. A cancelled
// or locked import leaves nothing: no record and no audit entry, and the audit chain still verifies.
// Every assertion is about order (answered while the import was still pending), never about elapsed time.

const hosts: CoreHost[] = [];

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  removeTempDirs();
});

async function unlockedHost(): Promise<CoreHost> {
  const host = await startCoreHost({
    vaultDir: join(makeTempDir(), 'vault'),
    kdf: FAST_KDF,
    worker: await coreWorker(),
  });
  hosts.push(host);
  await host.handlers['vault:create']({ officeName: 'Host Office', passphrase: PASSPHRASE });
  return host;
}

/** A CSV of `count` people, cheap to make (no faker): the import, not the fixture, is what takes time. */
function peopleCsv(count: number): string {
  const statuses = ['INTAKE', 'LOCATING', 'NEEDS_ATTORNEY', 'ASSIGNED', 'CLOSED'];
  return toCsv(
    'person',
    Array.from({ length: count }, (_, i) => ({
      givenName: `Nombre${i}`,
      familyName: `Apellido${i % 997}`,
      phone: String(5550000000 + i),
      caseStatus: statuses[i % statuses.length],
      notes: `Importada en lote, fila ${i}`,
    })),
  );
}

/** Starts a call and keeps track of whether it has answered yet. */
function track<T>(promise: Promise<T>) {
  const tracked = { settled: false, value: undefined as T | undefined, promise };
  tracked.promise = promise.then((value) => {
    tracked.settled = true;
    tracked.value = value;
    return value;
  });
  return tracked;
}

const firstProgress = (host: CoreHost, kind: JobProgress['kind']) =>
  new Promise<JobProgress>((resolve) => {
    const stop = host.on('job:progress', (p) => {
      if (p.kind !== kind) return;
      stop();
      resolve(p);
    });
  });

async function counts(host: CoreHost) {
  const people = (await host.handlers['person:list']({ limit: 1 })).total;
  const audit = await host.handlers['audit:verify'](undefined);
  return { people, auditEntries: audit.entries, auditOk: audit.ok };
}

describe('the core in a worker thread', { timeout: 300_000 }, () => {
  it('answers person lookups while a 20,000-row import runs, from the last committed data', async () => {
    const host = await unlockedHost();
    const ana = await host.handlers['person:create']({ givenName: 'Ana', familyName: 'Antes' });
    const progress: JobProgress[] = [];
    host.on('job:progress', (p) => progress.push(p));
    const started = firstProgress(host, 'csv-import');
    const rows = 20_000;
    const importing = track(host.dispatch('csv:import', { kind: 'person', text: peopleCsv(rows) }));
    await started;

    // Lookups while the import is running. Each answer is checked against the import's state at that moment.
    const during: { importPending: boolean; total: number }[] = [];
    let queuedWrite: ReturnType<typeof track<Result<unknown>>> | null = null;
    while (!importing.settled) {
      const got = await host.handlers['person:get']({ id: ana.id });
      expect(got.familyName).toBe('Antes');
      const list = await host.handlers['person:list']({ search: 'Antes', limit: 10 });
      const total = (await host.handlers['person:list']({ limit: 1 })).total;
      during.push({ importPending: !importing.settled, total });
      expect(list.rows.map((p) => p.id)).toEqual([ana.id]);
      // A write during the import waits for its end (it is never mixed into the import's transaction).
      queuedWrite ??= track(host.dispatch('person:create', { givenName: 'Beto', familyName: 'Después' }));
    }
    const totals = during.filter((d) => d.importPending).map((d) => d.total);
    // The read-only connection sees the last commit: before the import's, Ana alone; after it (the import
    // still answers only once the WAL is folded back) all of it. Never part of the import.
    for (const total of totals) expect([1, rows + 1]).toContain(total);
    expect(totals.filter((total) => total === 1).length).toBeGreaterThanOrEqual(5);

    const result = await importing.promise;
    expect(result).toMatchObject({ ok: true, value: { imported: rows, skipped: 0 } });
    const write = await (queuedWrite as NonNullable<typeof queuedWrite>).promise;
    expect(write.ok).toBe(true);
    expect(await counts(host)).toMatchObject({ people: rows + 2, auditOk: true });

    // Progress came in order, for one job, up to the whole file.
    expect(new Set(progress.map((p) => p.jobId)).size).toBe(1);
    expect(progress.at(-1)).toMatchObject({ kind: 'csv-import', done: rows, total: rows });
    const done = progress.map((p) => p.done);
    expect([...done].sort((a, b) => a - b)).toEqual(done);
  });

  it('a cancelled import rolls back whole: no record, no audit entry, the chain verifies', async () => {
    const host = await unlockedHost();
    await host.handlers['person:create']({ givenName: 'Ana', familyName: 'Antes' });
    const before = await counts(host);
    const started = firstProgress(host, 'csv-import');
    const importing = host.dispatch('csv:import', { kind: 'person', text: peopleCsv(20_000) });
    const { jobId } = await started;
    // Some chunks get written (and seen by nobody) before the cancel arrives.
    await new Promise<void>((resolve) => {
      const stop = host.on('job:progress', (p) => {
        if (p.done > 0) {
          stop();
          resolve();
        }
      });
    });
    expect(await host.handlers['job:cancel']({ jobId })).toEqual({ cancelled: true });
    const answer = await importing;
    expect(answer).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await counts(host)).toEqual(before);
    expect(before.auditOk).toBe(true);
    // Too late or unknown: nothing to cancel. A malformed id is refused like any invalid input.
    expect(await host.handlers['job:cancel']({ jobId })).toEqual({ cancelled: false });
    expect(await host.dispatch('job:cancel', { jobId: 'not-an-id' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    // The vault goes on working: the next write is the next audit entry.
    await host.handlers['person:create']({ givenName: 'Beto', familyName: 'Después' });
    expect(await counts(host)).toEqual({
      people: before.people + 1,
      auditEntries: before.auditEntries + 1,
      auditOk: true,
    });
  });

  it('locking during a job answers LOCKED and leaves the vault as it was before the job', async () => {
    const host = await unlockedHost();
    await host.handlers['person:create']({ givenName: 'Ana', familyName: 'Antes' });
    const before = await counts(host);
    const locked = new Promise((resolve) => host.on('vault:locked', resolve));
    const started = firstProgress(host, 'demo');
    const generating = host.dispatch('demo:generate', {
      people: 20_000,
      volunteers: 0,
      attorneys: 0,
      eventsPerPerson: 1,
    });
    await started;
    host.lock('idle');
    expect(host.isUnlocked()).toBe(false);
    expect(await generating).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await locked).toEqual({ reason: 'idle' });
    expect(await host.dispatch('person:list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

    await host.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    expect(host.isUnlocked()).toBe(true);
    expect(await counts(host)).toEqual(before);
    expect((await host.handlers['event:list']({ limit: 1 })).total).toBe(0);
  });

  it('keeps the transport-side state in step: prefs and lock state without a round trip', async () => {
    const host = await startCoreHost({
      vaultDir: join(makeTempDir(), 'vault'),
      kdf: FAST_KDF,
      worker: await coreWorker(),
    });
    hosts.push(host);
    expect(host.isUnlocked()).toBe(false);
    expect(host.prefs().language).toBe('en');
    await host.handlers['prefs:set']({ language: 'es' });
    expect(host.prefs().language).toBe('es');
    await host.handlers['vault:create']({ officeName: 'Host Office', passphrase: PASSPHRASE });
    expect(host.isUnlocked()).toBe(true);
    expect(await host.dispatch('no:such-channel', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    // A value that cannot cross to the worker is no input of the contract.
    expect(await host.dispatch('person:get', { id: () => 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
