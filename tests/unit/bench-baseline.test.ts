import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { createRecords } from '../../electron/core/records/repository';
import { writerFor } from '../../electron/core/records/writer';
import { rowidMarks, rowsAddedSince, sameRowsInserter } from '../bench/baseline';
import { removeTempDirs, unlockedService } from '../helpers/vault';

// The benchmark's baseline claims to be "plain better-sqlite3 inserting the same rows" (tests/bench/
// baseline.ts). This holds it to that: what it captures after a bulk create, inserted into a plain
// database, must give exactly the vault's rows for every table the create wrote, and the same search
// results, so the bulk-creation ratio compares like with like.

afterEach(removeTempDirs);

const tableRows = (db: Database.Database, table: string, after: number) =>
  db.prepare(`SELECT rowid, * FROM ${table} WHERE rowid > ? ORDER BY rowid`).all(after);

describe('same-rows baseline', () => {
  it('inserts exactly the rows a bulk create wrote, search entries included', async () => {
    const { service } = await unlockedService();
    const w = writerFor(service.context);
    const vault = w.session.db;
    const marks = rowidMarks(vault);
    const people = Array.from({ length: 40 }, (_, i) => ({
      givenName: i % 2 ? 'José' : 'Ana',
      familyName: `López ${i}`,
      aNumber: String(100000000 + i),
      contacts: [{ name: `Contacto ${i}`, phone: '555 0100' }],
    }));
    vault.transaction(() => createRecords(w, 'person', people))();
    const captured = rowsAddedSince(vault, marks);
    expect(captured.map((t) => t.table).sort()).toEqual(['audit', 'people', 'people_fts']);
    expect(captured.find((t) => t.table === 'people')?.rows).toHaveLength(40);

    const plain = new Database(':memory:');
    sameRowsInserter(plain, captured)();
    for (const table of ['people', 'audit'])
      expect(tableRows(plain, table, 0)).toEqual(tableRows(vault, table, marks.get(table) ?? 0));
    for (const query of ['"lopez"*', '"contacto"*', '"a100000007"*', '"jose"* AND "13"*']) {
      const match = (db: Database.Database) =>
        db.prepare('SELECT rowid FROM people_fts WHERE people_fts MATCH ? ORDER BY rowid').all(query);
      expect(match(plain)).toEqual(match(vault));
      expect(match(plain).length).toBeGreaterThan(0);
    }
    plain.close();
    service.close();
  });
});
