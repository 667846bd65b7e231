import { afterEach, describe, expect, it } from 'vitest';
import type { AmparoService, Database } from '../../electron/core/kernel/context';
import { BULK_LOAD_MIN_ROWS, deferIndexes } from '../../electron/core/records/bulk-load';
import { toCsv } from '../../electron/core/records/csv/export';
import { verifyAudit } from '../../electron/core/records/audit';
import { removeTempDirs, unlockedService } from '../helpers/vault';

// Large loads into a smaller table go in with the table's indexes deferred and built again at the end.
// What must hold: the indexes come back exactly as the migrations made them (names, SQL, contents), a
// cancel or a failure leaves them as they were, and a load into a bigger table is not touched.

afterEach(removeTempDirs);

const services: AmparoService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.close();
});

async function vault() {
  const { service } = await unlockedService();
  services.push(service);
  return { service, db: service.context.session().db };
}

type IndexRow = { name: string; tbl_name: string; sql: string | null };
const indexes = (db: Database) =>
  db
    .prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
    .all() as IndexRow[];
const schemaVersion = (db: Database) => db.pragma('schema_version', { simple: true }) as number;
const integrity = (db: Database) => db.pragma('integrity_check', { simple: true });

/** A CSV of `count` people, cheap to make: distinct A-numbers, names and birth dates. */
function peopleCsv(count: number, offset = 0): string {
  return toCsv(
    'person',
    Array.from({ length: count }, (_, k) => {
      const i = k + offset;
      return {
        givenName: `Nombre${i}`,
        familyName: `Apellido${i}`,
        aNumber: String(100_000_000 + i),
        dateOfBirth: `19${String(50 + (i % 50))}-0${1 + (i % 9)}-1${i % 10}`,
        caseStatus: ['INTAKE', 'LOCATING', 'CLOSED'][i % 3],
      };
    }),
  );
}

describe('deferred indexes', () => {
  it('drop the plain indexes of a table smaller than the load, and build the same ones again', async () => {
    const { db } = await vault();
    const before = indexes(db);
    const people = before.filter((i) => i.tbl_name === 'people' && i.sql !== null);
    expect(people.length).toBeGreaterThan(10);
    expect(() => deferIndexes(db, ['people'], BULK_LOAD_MIN_ROWS)).toThrow(/inside a transaction/);

    db.exec('BEGIN IMMEDIATE');
    expect(deferIndexes(db, ['people'], BULK_LOAD_MIN_ROWS - 1)).toBeNull();
    expect(indexes(db)).toEqual(before);
    const rebuild = deferIndexes(db, ['people'], BULK_LOAD_MIN_ROWS);
    expect(rebuild).not.toBeNull();
    // Only the people table's own indexes went, and never an automatic (primary key) one.
    const during = indexes(db);
    expect(during).toEqual(before.filter((i) => !people.includes(i)));
    expect(during.some((i) => i.tbl_name === 'people' && i.sql === null)).toBe(true);
    const progress = [...(rebuild as NonNullable<typeof rebuild>)];
    expect(progress.at(-1)).toEqual({ done: people.length, total: people.length });
    db.exec('COMMIT');
    expect(indexes(db)).toEqual(before);
    expect(integrity(db)).toBe('ok');
  });

  it('a rollback brings the dropped indexes back; a unique index is never dropped', async () => {
    const { db } = await vault();
    db.exec('CREATE TABLE t (a TEXT, b TEXT); CREATE UNIQUE INDEX t_a ON t (a); CREATE INDEX t_b ON t (b)');
    const before = indexes(db);
    db.exec('BEGIN IMMEDIATE');
    expect(deferIndexes(db, ['t', 'people'], BULK_LOAD_MIN_ROWS)).not.toBeNull();
    const names = indexes(db).map((i) => i.name);
    expect(names).toContain('t_a');
    expect(names).not.toContain('t_b');
    expect(names).not.toContain('people_live_family');
    db.exec('ROLLBACK');
    expect(indexes(db)).toEqual(before);
  });

  it('leave a table that holds more rows than the load as it is', async () => {
    const { service, db } = await vault();
    await service.handlers['csv:import']({
      kind: 'person',
      text: peopleCsv(BULK_LOAD_MIN_ROWS + 10),
      duplicateDefault: 'import',
    });
    const version = schemaVersion(db);
    db.exec('BEGIN IMMEDIATE');
    // The people table and the audit log now both hold more than this load brings.
    expect(deferIndexes(db, ['people', 'audit'], BULK_LOAD_MIN_ROWS)).toBeNull();
    db.exec('COMMIT');
    const result = await service.handlers['csv:import']({
      kind: 'person',
      text: peopleCsv(BULK_LOAD_MIN_ROWS, 50_000),
      duplicateDefault: 'import',
    });
    expect(result.imported).toBe(BULK_LOAD_MIN_ROWS);
    expect(schemaVersion(db)).toBe(version);
  });
});

describe('a large CSV import', () => {
  it('defers the indexes of people and the audit log, and ends with the same indexes, whole', async () => {
    const { service, db } = await vault();
    const before = indexes(db);
    const deferred = before.filter((i) => ['people', 'audit'].includes(i.tbl_name) && i.sql !== null);
    const version = schemaVersion(db);

    // A small import goes in row by row: the schema is not touched.
    expect(
      (
        await service.handlers['csv:import']({
          kind: 'person',
          text: peopleCsv(50),
          duplicateDefault: 'import',
        })
      ).imported,
    ).toBe(50);
    expect(schemaVersion(db)).toBe(version);

    const rows = BULK_LOAD_MIN_ROWS + 500;
    const result = await service.handlers['csv:import']({
      kind: 'person',
      text: peopleCsv(rows, 100),
      duplicateDefault: 'import',
    });
    expect(result).toMatchObject({ imported: rows, skipped: 0 });
    // Each deferred index was dropped once and created once.
    expect(schemaVersion(db)).toBe(version + 2 * deferred.length);
    expect(indexes(db)).toEqual(before);
    expect(integrity(db)).toBe('ok');
    expect(verifyAudit(db).ok).toBe(true);

    // The rebuilt indexes answer: by A-number, and a sorted page read down the name index.
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id FROM people WHERE deleted_at IS NULL ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE LIMIT 10',
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/people_live_family/);
    const found = await service.handlers['person:list']({ search: 'A100-004-321' });
    expect(found.rows.map((p) => p.familyName)).toEqual(['Apellido4321']);
  });

  it('cancelled while its indexes are dropped, leaves the vault and its indexes as they were', async () => {
    const { service, db } = await vault();
    await service.handlers['person:create']({ givenName: 'Ana', familyName: 'Antes' });
    const before = indexes(db);
    const version = schemaVersion(db);
    let jobId = '';
    let droppedWhileLoading = false;
    const cancelled = new Promise<void>((resolve) => {
      const stop = service.on('job:progress', (p) => {
        if (p.kind !== 'csv-import' || p.done === 0) return;
        stop();
        jobId = p.jobId;
        // Rows are written by now, inside the job's transaction, with the indexes dropped.
        droppedWhileLoading = !indexes(db).some((i) => i.name === 'people_live_family');
        resolve();
      });
    });
    const importing = service.handlers['csv:import']({
      kind: 'person',
      text: peopleCsv(20_000),
      duplicateDefault: 'import',
    });
    await cancelled;
    expect(await service.handlers['job:cancel']({ jobId })).toEqual({ cancelled: true });
    await expect(importing).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(droppedWhileLoading).toBe(true);
    expect(indexes(db)).toEqual(before);
    expect(schemaVersion(db)).toBe(version);
    expect((db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n).toBe(1);
    expect(integrity(db)).toBe('ok');
  });
});
