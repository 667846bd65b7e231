import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, removeTempDirs, unlockedService } from '../helpers/vault';

// The demo (training vaults, benchmarks) fills the case file too: courts, bonds, habeas petitions and typed
// deadlines, all valid by the kinds' own schemas, so screens and benchmarks run among them.

afterEach(removeTempDirs);

describe('demo data', () => {
  it('gives people court cases, bonds, habeas petitions and deadlines, some of them overdue', async () => {
    const { service } = await unlockedService({ clock: manualClock('2026-11-24T18:00:00.000Z') });
    const h = service.handlers;
    await h['demo:generate']({ people: 100, volunteers: 0, attorneys: 0 });
    const people = (await h['person:list']({ limit: 100 })).rows;
    expect(people.filter((p) => p.courtCase).length).toBe(40);
    expect(people.filter((p) => p.habeas).length).toBe(4);
    expect((await h['bond:list']({})).total).toBe(10);
    expect((await h['deadline:list']({ limit: 1 })).total).toBe(10);
    const upcoming = await h['deadline:upcoming']({ days: 30 });
    expect(upcoming.rows.some((d) => d.overdue)).toBe(true);
    // The BIA appeal of a removal order, derived from the decision the demo wrote.
    expect(upcoming.rows.some((d) => d.kind === 'BIA_APPEAL')).toBe(true);
    service.close();
  });
});
