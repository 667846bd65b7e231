import { afterEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/core/records/audit';
import { decodeClocks } from '../../electron/core/records/clocks';
import { STAMP_PATTERN } from '../../electron/core/records/hlc';
import { listRecords } from '../../electron/core/records/list';
import { createRecord, createRecords, getRecord } from '../../electron/core/records/repository';
import { writerFor } from '../../electron/core/records/writer';
import { removeTempDirs, unlockedService } from '../helpers/vault';

// Bulk creation (createRecords, used by CSV import and demo data) must store exactly what creating the
// records one by one stores: the same record, a stamp of its own for each record, one search entry and one
// chained audit entry each. It validates everything before writing anything, or skips and reports invalid
// inputs when asked to.

afterEach(removeTempDirs);

const people = [
  { givenName: 'José', familyName: 'López', aNumber: 'A123-456-789', languages: ['ES'] },
  { givenName: 'Ana', familyName: 'Pérez', phone: '555 0100' },
  { givenName: 'Beto', familyName: 'Ruiz', notes: 'bulk' },
];

async function writer() {
  const { service } = await unlockedService();
  return { service, w: writerFor(service.context) };
}

const rowOf = (db: ReturnType<typeof writerFor>['session']['db'], id: string) =>
  db.prepare('SELECT data, field_clocks, clock FROM people WHERE id = ?').get(id) as {
    data: string;
    field_clocks: string;
    clock: string;
  };

describe('createRecords', () => {
  it('stores what one-by-one creation stores, with a stamp, a search entry and an audit entry per record', async () => {
    const { service, w } = await writer();
    const db = w.session.db;
    const auditBefore = verifyAudit(db).entries;
    const single = createRecord(w, 'person', people[0]);
    const ids = db.transaction(() => createRecords(w, 'person', people))();
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);

    // The same normalized record as createRecord (A-number as 9 digits, language lowercased).
    const { id: _a, createdAt: _b, updatedAt: _c, ...singleData } = single;
    const { id: _d, createdAt: _e, updatedAt: _f, ...bulkData } = getRecord(db, 'person', ids[0] as string);
    expect(bulkData).toEqual(singleData);
    expect(bulkData).toMatchObject({ aNumber: '123456789', languages: ['es'] });

    // Every record has its own stamp, later than the one before, on every field it set.
    const stamps = [single.id, ...ids].map((id) => rowOf(db, id).clock);
    for (const s of stamps) expect(s).toMatch(STAMP_PATTERN);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(4);
    for (const [i, id] of ids.entries()) {
      const row = rowOf(db, id);
      const clocks = decodeClocks(row.field_clocks);
      expect(Object.keys(clocks).sort()).toEqual(Object.keys(JSON.parse(row.data)).sort());
      expect(new Set(Object.values(clocks))).toEqual(new Set([stamps[i + 1]]));
    }

    // Searchable (accents folded), and one verified audit entry each.
    expect(listRecords(db, 'person', { search: 'lopez' }).total).toBe(2);
    expect(listRecords(db, 'person', { search: 'ruiz' }).rows.map((r) => r.id)).toEqual([ids[2]]);
    expect(verifyAudit(db)).toEqual({ ok: true, entries: auditBefore + 4, brokenAt: null });
    const history = db
      .prepare("SELECT record_id, fields FROM audit WHERE action = 'create' AND kind = 'person' ORDER BY seq")
      .all() as { record_id: string; fields: string }[];
    expect(history.map((h) => h.record_id)).toEqual([single.id, ...ids]);
    expect(JSON.parse((history[3] as { fields: string }).fields)).toEqual([
      'familyName',
      'givenName',
      'notes',
    ]);
    service.close();
  });

  it('uses the ids it is given', async () => {
    const { service, w } = await writer();
    const chosen = ['a'.repeat(32), 'b'.repeat(32)];
    expect(createRecords(w, 'person', people.slice(0, 2), { ids: chosen })).toEqual(chosen);
    expect(getRecord(w.session.db, 'person', chosen[1] as string).familyName).toBe('Pérez');
    service.close();
  });

  it('refuses the whole call on an invalid input, before writing anything', async () => {
    const { service, w } = await writer();
    const db = w.session.db;
    const count = () => (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
    const before = count();
    const audit = verifyAudit(db).entries;
    expect(() => createRecords(w, 'person', [people[0], { givenName: 'No family name' }])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(count()).toBe(before);
    expect(verifyAudit(db).entries).toBe(audit);
    service.close();
  });

  it('with onInvalid, skips and reports invalid inputs by index and creates the rest', async () => {
    const { service, w } = await writer();
    const reported: { index: number; paths: string[] }[] = [];
    const ids = createRecords(
      w,
      'person',
      [people[0], { givenName: 'Ana' }, people[1], { ...people[2], aNumber: '12' }],
      { onInvalid: (index, issues) => reported.push({ index, paths: issues.map((i) => i.path) }) },
    );
    expect(reported).toEqual([
      { index: 1, paths: ['familyName'] },
      { index: 3, paths: ['aNumber'] },
    ]);
    expect(ids.map((id) => getRecord(w.session.db, 'person', id).familyName)).toEqual(['López', 'Pérez']);
    service.close();
  });
});
