import { makeOffice, type Office, seedPeople } from '../helpers/sync-offices';
import { concurrentLosers, connect, type Edit, editRound, exchange, rng } from './network-plan';
import { removeTempDirs } from '../helpers/vault';
import { round } from './stats';
import type { BundleSummary } from '../../shared/channels/sync';
import { importBundles } from '../../electron/core/sync/import-batch';

// Sync across a coalition: N offices in one process (real encrypted vaults, the cheap test KDF), each
// holding the same people, then 3 rounds of edits. The coalition's work per round is fixed (EDITS edits of
// one of two fields of a random person, split evenly among the offices), so a figure that grows with N is
// overhead of the network, not more work. Two patterns:
// - all-to-all: after its edits every office sends one "since last" bundle to all the others (its signed
//   recipient list is how a third office learns what each was sent); then every office imports them;
// - hub: every other office sends the hub a "since last" bundle; the hub imports them and sends each office
//   its own "since last" bundle; the offices never exchange directly.
// An office takes the bundles of a round together, as its inbox hands over what one scan of a shared folder
// found (import-batch.ts: one transaction, a savepoint per bundle); `delivery: 'one-by-one'` imports each
// with `bundle:import` instead, as a person importing files one at a time would.
// Reported per pattern and N: lines per bundle; the useful share of imported lines (a line is useless when
// it brought nothing the office did not already hold); bundle bytes; causal-context bytes per person after
// the 3 rounds (the stored JSON, mean over offices), and the stamps they hold per office beside the entries
// no sound pruning can drop yet (the last round's concurrent losing writes, counted from the edits); import
// CPU per office per round (process CPU time, user + system, of the imports, mean over offices and rounds;
// the hub's own figure apart); open and total conflicts per office at the end.

export interface NetworkBenchOptions {
  offices: number[];
  people: number;
  edits: number;
  rounds: number;
  /** Both unless told. */
  patterns?: ('all-to-all' | 'hub')[];
  /** 'inbox' unless told. */
  delivery?: Delivery;
}

export type Delivery = 'inbox' | 'one-by-one';

interface Tally {
  bundles: number;
  lines: number;
  bytes: number;
  imported: number;
  unchanged: number;
  importCpuMs: number[];
  hubCpuMs: number[];
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

async function send(from: Office, to: Office[], tally: Tally): Promise<string> {
  const out = await from.service.handlers['bundle:export']({
    to: to.map((o) => o.fingerprint),
    scope: { scope: 'since-last' },
    redaction: 'Full',
  });
  tally.bundles++;
  tally.lines += out.changeCount;
  tally.bytes += Buffer.from(out.bytes, 'base64').length;
  return out.bytes;
}

/** Imports `bundles` at `office` and counts their lines; returns the CPU time it took. */
async function receive(office: Office, bundles: string[], tally: Tally, delivery: Delivery): Promise<number> {
  const started = process.cpuUsage();
  const summaries: BundleSummary[] = [];
  if (delivery === 'inbox') {
    const outcomes = await importBundles(
      office.service.context,
      bundles.map((b) => Buffer.from(b, 'base64')),
      { source: 'inbox' },
    );
    for (const outcome of outcomes) {
      if ('error' in outcome) throw outcome.error;
      summaries.push(outcome.summary);
    }
  } else
    for (const bytes of bundles) summaries.push(await office.service.handlers['bundle:import']({ bytes }));
  const ms = cpuMs(started);
  for (const summary of summaries) {
    const lines =
      summary.new + summary.updated + summary.deleted + (summary.unchanged ?? 0) + summary.deleteConflicts;
    tally.imported += Math.max(lines, 0);
    tally.unchanged += summary.unchanged ?? 0;
  }
  return ms;
}

async function runPattern(pattern: 'all-to-all' | 'hub', n: number, options: NetworkBenchOptions) {
  const delivery = options.delivery ?? 'inbox';
  const offices: Office[] = [];
  try {
    for (let i = 0; i < n; i++) offices.push(await makeOffice(`Office ${i}`));
    const hub = offices[0] as Office;
    connect(pattern, offices);
    // The same people everywhere: office 0 (the hub) makes them and sends them once, in one bundle to all.
    await seedPeople(hub, options.people);
    const seedTally: Tally = {
      bundles: 0,
      lines: 0,
      bytes: 0,
      imported: 0,
      unchanged: 0,
      importCpuMs: [],
      hubCpuMs: [],
    };
    const seed = await send(hub, offices.slice(1), seedTally);
    for (const o of offices.slice(1)) await receive(o, [seed], seedTally, delivery);
    const ids = (
      hub.service.context.session().db.prepare('SELECT id FROM people ORDER BY id').all() as {
        id: string;
      }[]
    ).map((r) => r.id);

    const tally: Tally = {
      bundles: 0,
      lines: 0,
      bytes: 0,
      imported: 0,
      unchanged: 0,
      importCpuMs: [],
      hubCpuMs: [],
    };
    const random = rng(n * 7919 + (pattern === 'hub' ? 1 : 0));
    let serial = 0;
    let lastRound: Edit[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const perOffice = Math.max(1, Math.round(options.edits / n));
      lastRound = [];
      serial = await editRound(offices, ids, random, perOffice, serial, lastRound);
      const cpu = new Map<Office, number>(offices.map((o) => [o, 0]));
      await exchange(
        pattern,
        offices,
        (from, to) => send(from, to, tally),
        async (to, bundles) => {
          cpu.set(to, (cpu.get(to) ?? 0) + (await receive(to, bundles, tally, delivery)));
        },
      );
      for (const [o, ms] of cpu)
        (pattern === 'hub' && o === hub ? tally.hubCpuMs : tally.importCpuMs).push(ms);
    }

    let ctxBytes = 0;
    let ctxEntries = 0;
    let openConflicts = 0;
    let allConflicts = 0;
    let converged = true;
    const people = (o: Office) =>
      JSON.stringify(
        (
          o.service.context.session().db.prepare('SELECT id, data FROM people ORDER BY id').all() as {
            id: string;
            data: string;
          }[]
        ).map((r) => {
          const data = JSON.parse(r.data) as Record<string, unknown>;
          return [
            r.id,
            Object.keys(data)
              .sort()
              .map((k) => [k, data[k]]),
          ];
        }),
      );
    const reference = people(hub);
    for (const o of offices) {
      const db = o.service.context.session().db;
      const row = db
        .prepare('SELECT avg(length(field_ctx) - 2) AS ctx FROM people WHERE deleted_at IS NULL')
        .get() as { ctx: number };
      ctxBytes += row.ctx;
      ctxEntries += (
        db
          .prepare(
            `SELECT coalesce(sum(json_array_length(f.value)), 0) AS n
               FROM people, json_each(people.field_ctx) AS f WHERE deleted_at IS NULL`,
          )
          .get() as { n: number }
      ).n;
      openConflicts += (
        db.prepare('SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL').get() as {
          n: number;
        }
      ).n;
      allConflicts += (db.prepare('SELECT count(*) AS n FROM sync_conflicts').get() as { n: number }).n;
      if (people(o) !== reference) converged = false;
    }
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    return {
      offices: n,
      bundles: tally.bundles,
      linesPerBundle: round(tally.lines / tally.bundles, 1),
      usefulShareOfImportedLines: round(1 - tally.unchanged / Math.max(1, tally.imported), 3),
      bytesPerBundle: Math.round(tally.bytes / tally.bundles),
      contextBytesPerPerson: round(ctxBytes / n, 1),
      contextEntriesPerOffice: round(ctxEntries / n, 1),
      lastRoundConcurrentLosers: concurrentLosers(lastRound),
      importCpuMsPerOfficePerRound: round(mean(tally.importCpuMs), 1),
      ...(pattern === 'hub' ? { hubImportCpuMsPerRound: round(mean(tally.hubCpuMs), 1) } : {}),
      openConflictsPerOffice: round(openConflicts / n, 1),
      conflictsPerOffice: round(allConflicts / n, 1),
      converged,
    };
  } finally {
    for (const o of offices) o.service.close();
    removeTempDirs();
  }
}

export async function benchNetwork(options: NetworkBenchOptions) {
  const method = `${options.people} people everywhere; ${options.rounds} rounds of ${options.edits} edits each, split among the offices; each office imports a round's bundles ${options.delivery === 'one-by-one' ? 'one at a time (bundle:import)' : 'together, as its inbox does'}`;
  const result: Record<string, unknown> = { method };
  for (const pattern of options.patterns ?? (['all-to-all', 'hub'] as const)) {
    const rows: Awaited<ReturnType<typeof runPattern>>[] = [];
    for (const n of options.offices) rows.push(await runPattern(pattern, n, options));
    const at = (n: number) => rows.find((r) => r.offices === n);
    const small = at(Math.min(...options.offices));
    const ten = at(10);
    const big = at(Math.max(...options.offices));
    result[pattern] = {
      rows,
      targets:
        small && big
          ? {
              usefulShareAtLargest: `${big.usefulShareOfImportedLines} (target >= 0.8)`,
              contextVsSmallest: `${round(big.contextBytesPerPerson / Math.max(1, small.contextBytesPerPerson), 2)}x (target <= 2)`,
              ...(ten
                ? {
                    importCpuVsTen: `${round(big.importCpuMsPerOfficePerRound / Math.max(0.001, ten.importCpuMsPerOfficePerRound), 2)}x (target <= 3)`,
                  }
                : {}),
            }
          : null,
    };
  }
  return result;
}
