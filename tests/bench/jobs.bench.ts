import { mkdtempSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { allFakers } from '@faker-js/faker';
import { startCoreHost } from '../../electron/core/host/host';
import { toCsv } from '../../electron/core/records/csv/export';
import { demoPerson } from '../../electron/core/records/demo';
import { coreWorker } from '../helpers/core-worker';
import { percentile, round } from './stats';

// Lookups during a long job: the core runs in its worker thread, as in the app, and imports a CSV of people
// as one job. From the moment the import is sent, person lookups (person:get, through the host, as the
// window sends them) go one after another, a few milliseconds apart (1–8 ms, drawn at random), so they land
// at any moment of the import's work, as a person's clicks and keystrokes do; each one's latency is the
// time from sending it to its answer. (Back to back with no pause at all, the worker answers them in runs
// between two chunks and the import itself slows down: a flood no screen sends.)
// Only lookups answered while the import was still running count. The slowest ones are listed with the
// import's phase they met: parsing the file (before its first progress event), the chunks, or the commit and
// the checkpoint (after its last progress event). The same lookups on an idle vault are the baseline.

const PASSPHRASE = 'bench passphrase long enough';

export interface JobsBenchOptions {
  /** People in the CSV (the import limit of 20 MB holds about 100,000; the bulk bench uses 50,000). */
  rows: number;
  /** People already in the vault, looked up during the import. */
  seeded: number;
  minLookups: number;
}

export async function benchJobs(options: JobsBenchOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'amparo-bench-jobs-'));
  const now = new Date('2026-11-24T10:00:00Z');
  const host = await startCoreHost({ vaultDir: join(dir, 'vault'), worker: await coreWorker() });
  try {
    await host.handlers['vault:create']({ officeName: 'Bench Office', passphrase: PASSPHRASE });
    await host.handlers['demo:generate']({ people: options.seeded, volunteers: 0, attorneys: 0 });
    const ids = (await host.handlers['person:list']({ limit: 500 })).rows.map((p) => p.id);

    const f = allFakers.es_MX;
    f.seed(7);
    // Contacts are a list of objects, which a CSV cell cannot hold, so the CSV people have none.
    const text = toCsv(
      'person',
      Array.from({ length: options.rows }, () => {
        const { contacts: _contacts, ...person } = demoPerson(f, now);
        return person;
      }),
    );

    const lookup = async (i: number) => {
      const started = performance.now();
      const result = await host.dispatch('person:get', { id: ids[i % ids.length] });
      if (!result.ok) throw new Error(`person:get answered ${result.error.code}`);
      return performance.now() - started;
    };
    const idle: number[] = [];
    for (let i = 0; i < options.minLookups; i++) idle.push(await lookup(i));

    let progressEvents = 0;
    let firstProgress = Infinity;
    let lastProgress = Infinity;
    host.on('job:progress', (p) => {
      progressEvents++;
      firstProgress = Math.min(firstProgress, performance.now());
      if (p.done === p.total) lastProgress = performance.now();
    });
    const load = loadavg()[0] as number;
    const importStarted = performance.now();
    let pending = true;
    const importing = host.dispatch('csv:import', { kind: 'person', text }).then((result) => {
      pending = false;
      return { result, ms: performance.now() - importStarted };
    });
    const during: { sentAt: number; ms: number }[] = [];
    // A fixed sequence of pauses, so runs differ by the machine only.
    let gap = 7;
    for (let i = 0; pending; i++) {
      gap = (gap * 37 + 11) % 8;
      await sleep(1 + gap);
      if (!pending) break;
      const sentAt = performance.now();
      const ms = await lookup(i);
      if (pending) during.push({ sentAt, ms });
    }
    const { result, ms: importMs } = await importing;
    // The first progress event comes once the file is parsed, the last one before the commit.
    const phase = ({ sentAt }: { sentAt: number }) =>
      sentAt < firstProgress ? 'parse' : sentAt >= lastProgress ? 'commit and checkpoint' : 'chunks';
    const slowest = [...during]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((l) => ({
        ms: round(l.ms, 1),
        atSecond: round((l.sentAt - importStarted) / 1000, 2),
        phase: phase(l),
      }));
    const latencies = during.map((l) => l.ms);
    if (!result.ok) throw new Error(`csv:import answered ${result.error.code}`);
    const imported = (result.value as { imported: number }).imported;
    if (imported !== options.rows) throw new Error(`The import wrote ${imported} of ${options.rows} rows`);
    if (during.length < options.minLookups)
      throw new Error(`Only ${during.length} lookups were answered during the import`);

    return {
      rowsImported: imported,
      csvBytes: Buffer.byteLength(text),
      importSeconds: round(importMs / 1000, 1),
      progressEvents,
      lookupsDuringImport: {
        count: latencies.length,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        max: round(Math.max(...latencies), 1),
        target: 'p95 <= 100',
        slowest,
      },
      lookupsIdle: {
        count: idle.length,
        p50: percentile(idle, 50),
        p95: percentile(idle, 95),
        max: round(Math.max(...idle), 1),
      },
      loadAverageAtStart: round(load, 2),
    };
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
