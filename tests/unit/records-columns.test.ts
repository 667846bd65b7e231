import { afterEach, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { SPECS } from '../../electron/core/records/specs';
import { removeTempDirs, unlockedService } from '../helpers/vault';

// People's sort and filter columns are plain columns the row writer keeps (the person spec's `derived`),
// and an update SETs only the columns whose value changed: the columns and the search index must still
// follow every write, whichever fields it changed.

let service: AmparoService;
afterEach(() => {
  service.close();
  removeTempDirs();
});

const derive = SPECS.person.derived as (data: Record<string, unknown>) => Record<string, string | null>;

/** Every person's stored columns against what the spec computes from her data now. */
function columnsFollowData(): void {
  const rows = service.context.session().db.prepare('SELECT * FROM people').all() as Record<
    string,
    unknown
  >[];
  for (const row of rows)
    for (const [column, value] of Object.entries(
      derive(JSON.parse(row.data as string) as Record<string, unknown>),
    ))
      expect(row[column], column).toBe(value);
}

const found = async (search: string) =>
  (await service.handlers['person:list']({ search })).rows.map((p) => p.familyName);

describe('people columns kept by the row writer', () => {
  it('follow each update, delete and restore, and so does the search index', async () => {
    ({ service } = await unlockedService());
    const h = service.handlers;
    const person = await h['person:create']({ givenName: 'Rosa', familyName: 'Díaz', priority: 'HIGH' });
    await h['person:create']({ givenName: 'Luis', familyName: 'Mora', priority: 'NORMAL' });
    columnsFollowData();
    // A field no column or search text reads: columns and search stay as they were.
    await h['person:update']({ id: person.id, patch: { notes: 'called the family' } });
    columnsFollowData();
    expect(await found('diaz')).toEqual(['Díaz']);
    // A name: its columns, the folded name and the search entry move.
    await h['person:update']({ id: person.id, patch: { familyName: 'Vega' } });
    columnsFollowData();
    expect(await found('diaz')).toEqual([]);
    expect(await found('vega')).toEqual(['Vega']);
    // A case-file part: the column computed from a nested field.
    await h['person:update']({ id: person.id, patch: { bond: { decision: 'GRANTED', amount: 5000 } } });
    columnsFollowData();
    expect(
      service.context.session().db.prepare('SELECT bond_status FROM people WHERE id = ?').get(person.id),
    ).toEqual({ bond_status: 'GRANTED' });
    const filtered = await h['person:list']({ filters: { priority: 'HIGH' } });
    expect(filtered.rows.map((p) => p.familyName)).toEqual(['Vega']);
    await h['person:delete']({ id: person.id });
    expect(await found('vega')).toEqual([]);
    await h['deleted:restore']({ kind: 'person', id: person.id });
    expect(await found('vega')).toEqual(['Vega']);
    columnsFollowData();
  });
});
