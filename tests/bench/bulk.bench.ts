import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allFakers } from '@faker-js/faker';
import { toCsv } from '../../electron/core/records/csv/export';
import { DEMO_CHUNK, demoPerson } from '../../electron/core/records/demo';
import { createRecords } from '../../electron/core/records/repository';
import { writerFor } from '../../electron/core/records/writer';
import type { AmparoService, Database } from '../../electron/core/kernel/context';
import { createService } from '../../electron/core/service';
import {
  type CapturedTable,
  measureBareTable,
  measureSameRows,
  rowidMarks,
  rowsAddedSince,
  sameRowsRun,
} from './baseline';
import { median, round, timeAsync } from './stats';

// The bulk-creation target, on both bulk paths, each against plain better-sqlite3 inserting the very
// rows that path wrote (baseline.ts), measured in the same run:
// - demo: people written through createRecords a chunk at a time in one transaction, as demo data and
//   training vaults are (the people are generated before the clock starts, so faker's time is not counted);
// - csv: the `csv:import` handler on a CSV file of people, parse, column mapping, validation and the
//   checkpoint after the import included, into a vault of its own (rounds interleaved with the baselines'
//   runs, medians compared: benchCsvImport).

const PASSPHRASE = 'bench passphrase long enough';
/** The CSV import limit is 20 MB, so the CSV path imports this many people. */
export const CSV_PEOPLE = 50_000;

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function compared(dir: string, db: Database, records: number, write: () => void | Promise<void>) {
  const marks = rowidMarks(db);
  const { ms } = await timeAsync(async () => write());
  return versus(dir, rate(records, ms), rowsAddedSince(db, marks), records);
}

/** Amparo's rate beside plain (and encrypted) better-sqlite3 inserting the rows it wrote. */
function versus(dir: string, amparo: number, captured: CapturedTable[], records: number) {
  const same = measureSameRows(dir, captured, records);
  return {
    records,
    amparoPerSec: amparo,
    baselinePlainSameRowsPerSec: same.plainPerSec,
    ratio: round(amparo / same.plainPerSec, 3),
    target: '>= 0.5',
    baselineRowsInserted: same.rows,
    baselinePlainRuns: same.plainRuns,
    // Plain -> encrypted is what the cipher costs; encrypted -> Amparo is what Amparo's own code costs.
    baselineEncryptedSameRowsPerSec: same.encryptedPerSec,
    encryptedShareOfPlain: round(same.encryptedPerSec / same.plainPerSec, 3),
    amparoShareOfEncrypted: round(amparo / same.encryptedPerSec, 3),
    baselineEncryptedRuns: same.encryptedRuns,
  };
}

async function freshVault(dir: string, name: string, now: Date): Promise<AmparoService> {
  const service = createService({ vaultDir: join(dir, name), clock: { now: () => now } });
  await service.handlers['vault:create']({ officeName: 'Bench Office', passphrase: PASSPHRASE });
  return service;
}

/** Bulk creation of `people` into `service`'s (empty) vault, then a CSV import into a vault of its own. */
export async function benchBulkCreate(
  dir: string,
  service: AmparoService,
  people: Record<string, unknown>[],
  now: Date,
) {
  const w = writerFor(service.context);
  const db = w.session.db;
  const demo = await compared(dir, db, people.length, () =>
    db.transaction(() => {
      for (let i = 0; i < people.length; i += DEMO_CHUNK)
        createRecords(w, 'person', people.slice(i, i + DEMO_CHUNK));
    })(),
  );
  // The narrow reading, for comparison: each person's JSON into a two-column (id, JSON) table, unencrypted.
  const bareTable = measureBareTable(
    dir,
    people.map((p, i) => ({ id: String(i).padStart(32, '0'), value: p })),
  );

  const csv = await benchCsvImport(dir, people, now);
  return {
    demo: {
      ...demo,
      bareTablePerSec: bareTable,
      ratioToBareTable: round(demo.amparoPerSec / bareTable, 3),
    },
    csv,
  };
}

/** Rounds of the CSV comparison: each imports once and runs each baseline once, back to back. */
export const CSV_ROUNDS = 5;

/**
 * The CSV path alone (`npm run bench -- --only csv`): the `csv:import` handler on an export of `people`
 * (columns matched, every value read and normalised, duplicates looked for, validated) into a vault of its
 * own, against plain better-sqlite3 inserting the same rows.
 *
 * The runs are interleaved: each round imports into a fresh vault, then runs the plain and the encrypted
 * baseline once each, so a slow or a fast stretch of this shared machine falls on both sides of a round.
 * The figure compared is each side's median over the rounds. Within one minute the plain baseline alone
 * has ranged from 11,400 to 19,900 rows/s (CPU-bound: its CPU time follows its wall time), so the fastest
 * of a few runs is one lucky run rather than the baseline's speed; the fastest runs' ratio is reported too.
 */
export async function benchCsvImport(dir: string, people: Record<string, unknown>[], now: Date) {
  // Contacts are a list of objects and the case file (court, bond, habeas) nested objects, which a
  // network's spreadsheet does not hold, so the CSV people have none: the rows of a real intake sheet.
  const csvPeople = people
    .slice(0, CSV_PEOPLE)
    .map(({ contacts: _c, courtCase: _court, bond: _bond, habeas: _habeas, ...rest }) => rest);
  const text = toCsv('person', csvPeople);
  const amparoRuns: number[] = [];
  const plainRuns: number[] = [];
  const encryptedRuns: number[] = [];
  let captured: CapturedTable[] = [];
  for (let i = 0; i < CSV_ROUNDS; i++) {
    const csvService = await freshVault(dir, `csv-vault-${i}`, now);
    try {
      const db = csvService.context.session().db;
      const marks = rowidMarks(db);
      // The import is a job (chunks with a turn of the event loop between them), as in the app.
      const { ms } = await timeAsync(async () => {
        const result = await csvService.handlers['csv:import']({
          kind: 'person',
          text,
          dryRun: false,
          // Duplicates are looked for as always; synthetic people that happen to match are imported anyway.
          duplicateDefault: 'import',
        });
        if (result.imported !== csvPeople.length) throw new Error(`CSV bench imported ${result.imported}`);
      });
      amparoRuns.push(rate(csvPeople.length, ms));
      if (i === 0) captured = rowsAddedSince(db, marks);
    } finally {
      csvService.close();
    }
    plainRuns.push(sameRowsRun(dir, captured, csvPeople.length, false));
    encryptedRuns.push(sameRowsRun(dir, captured, csvPeople.length, true));
  }
  const amparo = median(amparoRuns);
  const plain = median(plainRuns);
  const encrypted = median(encryptedRuns);
  return {
    records: csvPeople.length,
    estimator: `median of ${CSV_ROUNDS} interleaved rounds`,
    amparoPerSec: amparo,
    baselinePlainSameRowsPerSec: plain,
    ratio: round(amparo / plain, 3),
    target: '>= 0.5',
    ratioOfFastestRuns: round(Math.max(...amparoRuns) / Math.max(...plainRuns), 3),
    baselineRowsInserted: captured.reduce((n, t) => n + t.rows.length, 0),
    baselineEncryptedSameRowsPerSec: encrypted,
    encryptedShareOfPlain: round(encrypted / plain, 3),
    amparoShareOfEncrypted: round(amparo / encrypted, 3),
    amparoRuns,
    baselinePlainRuns: plainRuns,
    baselineEncryptedRuns: encryptedRuns,
    csvBytes: Buffer.byteLength(text),
  };
}

/** The CSV part on its own: `rows` synthetic people (as the records part makes them) in a temp folder. */
export async function benchCsv(rows: number) {
  const dir = mkdtempSync(join(tmpdir(), 'amparo-bench-csv-'));
  const now = new Date('2026-11-24T10:00:00Z');
  try {
    const f = allFakers.es_MX;
    f.seed(42);
    const people = Array.from({ length: rows }, () => demoPerson(f, now));
    return await benchCsvImport(dir, people, now);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
