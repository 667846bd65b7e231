import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import type { Person } from '../../shared/model';
import { manualClock, removeTempDirs, unlockedService } from '../helpers/vault';

// The record channels end to end through dispatch (schemas, handlers, rules, repositories) against a real
// encrypted vault.

let service: AmparoService;
const clock = manualClock('2026-11-24T10:00:00.000Z');

async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(service.handlers, channel, input);
  if (!result.ok)
    throw Object.assign(new Error(result.error.message), {
      code: result.error.code,
      issues: result.error.issues,
    });
  return result.value as ChannelOutput<C>;
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

beforeEach(async () => {
  clock.set('2026-11-24T10:00:00.000Z');
  ({ service } = await unlockedService({ clock }));
});
afterEach(() => {
  service.close();
  removeTempDirs();
});

describe('people', () => {
  it('creates with only the two names, normalizes the A-number, and soft-deletes', async () => {
    const minimal = await call('person:create', { givenName: 'Ana', familyName: 'Pérez' });
    expect(minimal).toMatchObject({
      givenName: 'Ana',
      familyName: 'Pérez',
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const person = await call('person:create', {
      givenName: 'José',
      familyName: 'López',
      aNumber: 'A12-345-678',
    });
    expect(person.aNumber).toBe('012345678');
    expect(await code(call('person:create', { givenName: 'X', familyName: 'Y', aNumber: 'A1234' }))).toBe(
      'INVALID_INPUT',
    );
    expect(await code(call('person:create', { givenName: '', familyName: 'Y' }))).toBe('INVALID_INPUT');

    await call('person:delete', { id: person.id });
    expect(await code(call('person:get', { id: person.id }))).toBe('NOT_FOUND');
    expect((await call('person:list', {})).rows.map((p) => p.id)).toEqual([minimal.id]);
    expect((await call('person:list', { search: 'lopez' })).total).toBe(0);
  });

  it('updates in place: absent fields stay, null clears, required fields cannot be cleared', async () => {
    const person = await call('person:create', {
      givenName: 'Ana',
      familyName: 'Pérez',
      phone: '510 555 0100',
      priority: 'HIGH',
    });
    clock.advance(60_000);
    const updated = await call('person:update', {
      id: person.id,
      patch: { phone: null, priority: 'URGENT' },
    });
    expect(updated.phone).toBeUndefined();
    expect(updated.priority).toBe('URGENT');
    expect(updated.givenName).toBe('Ana');
    expect(updated.updatedAt > person.updatedAt).toBe(true);
    expect(await code(call('person:update', { id: person.id, patch: { givenName: null } }))).toBe(
      'INVALID_INPUT',
    );
  });

  it('searches with FTS5: accents and case ignored, prefixes match, operators are plain text', async () => {
    await call('person:create', {
      givenName: 'María José',
      familyName: 'López Hernández',
      aNumber: '987654321',
    });
    await call('person:create', { givenName: 'Lopeza', familyName: 'Smith' });
    await call('person:create', { givenName: 'John', familyName: 'Doe' });
    const names = async (search: string) =>
      (await call('person:list', { search })).rows.map((p) => p.givenName).sort();
    expect(await names('lopez')).toEqual(['Lopeza', 'María José']);
    expect(await names('LÓPEZ hern')).toEqual(['María José']);
    expect(await names('maria jose')).toEqual(['María José']);
    expect(await names('987654321')).toEqual(['María José']);
    expect(await names('lo*pez OR "x" NEAR(')).toEqual([]);
  });

  it('warns about duplicates: same A-number, same name and birth date, or a close name with the same birth date', async () => {
    const a = await call('person:create', {
      givenName: 'José',
      familyName: 'López',
      aNumber: '123456789',
      dateOfBirth: '1990-05-01',
    });
    expect(await call('person:duplicates', { aNumber: 'A123-456-789' })).toEqual([
      expect.objectContaining({ id: a.id, reason: 'A_NUMBER' }),
    ]);
    expect(
      await call('person:duplicates', { givenName: 'jose', familyName: 'LOPEZ', dateOfBirth: '1990-05-01' }),
    ).toEqual([expect.objectContaining({ id: a.id, reason: 'NAME_AND_DOB' })]);
    expect(
      await call('person:duplicates', { givenName: 'Jose', familyName: 'Lopes', dateOfBirth: '1990-05-01' }),
    ).toEqual([expect.objectContaining({ reason: 'SIMILAR_NAME_AND_DOB' })]);
    expect(
      await call('person:duplicates', { givenName: 'Jose', familyName: 'Lopez', dateOfBirth: '1991-05-01' }),
    ).toEqual([]);
    expect(await call('person:duplicates', { aNumber: '123456789', excludeId: a.id })).toEqual([]);
  });
});

describe('assignments and case rules', () => {
  it('warns past capacity, refuses a conflict, allows one active lead only', async () => {
    const p1 = await call('person:create', { givenName: 'Uno', familyName: 'Persona', languages: ['es'] });
    const p2 = await call('person:create', { givenName: 'Dos', familyName: 'Persona' });
    const busy = await call('attorney:create', {
      givenName: 'Busy',
      familyName: 'Lawyer',
      capacity: 1,
      languages: ['es'],
    });
    const conflicted = await call('attorney:create', {
      givenName: 'Conflicted',
      familyName: 'Lawyer',
      conflicts: [p1.id],
    });
    await call('assignment:create', { personId: p2.id, attorneyId: busy.id, status: 'ACTIVE' });
    expect(await call('assignment:check', { personId: p1.id, attorneyId: busy.id })).toMatchObject({
      activeCases: 1,
      capacity: 1,
      overCapacity: true,
    });
    expect(await code(call('assignment:create', { personId: p1.id, attorneyId: conflicted.id }))).toBe(
      'FORBIDDEN',
    );
    await call('assignment:create', { personId: p1.id, attorneyId: busy.id, status: 'ACTIVE' });
    expect((await call('person:get', { id: p1.id })).caseStatus).toBe('ASSIGNED');
    const other = await call('attorney:create', { givenName: 'Other', familyName: 'Lawyer' });
    expect(
      await code(
        call('assignment:create', { personId: p1.id, attorneyId: other.id, status: 'ACTIVE', role: 'LEAD' }),
      ),
    ).toBe('CONFLICT');
    await call('assignment:create', {
      personId: p1.id,
      attorneyId: other.id,
      status: 'ACTIVE',
      role: 'CO_COUNSEL',
    });
    const suggestions = await call('attorney:suggest', { personId: p1.id });
    expect(suggestions.at(-1)).toMatchObject({ attorney: { givenName: 'Conflicted' }, conflict: true });
    // Busy shares the person's language but is over capacity: the attorney with room comes first.
    expect(suggestions.map((s) => s.attorney.givenName)).toEqual(['Other', 'Busy', 'Conflicted']);
    expect(suggestions[1]).toMatchObject({ freeCapacity: -1, sharedLanguages: ['es'] });
  });

  it('a TRANSFER event moves the person to the facility; a bad person id writes nothing', async () => {
    const person = await call('person:create', { givenName: 'Luis', familyName: 'Ramos' });
    const facilities = await call('facility:list', { limit: 50 });
    expect(facilities.total).toBeGreaterThanOrEqual(8);
    const target = facilities.rows.find((f) => f.name.startsWith('Golden State'));
    await call('event:create', {
      personId: person.id,
      kind: 'TRANSFER',
      at: '2026-11-24T12:00:00Z',
      facilityId: target?.id,
    });
    expect(await call('person:get', { id: person.id })).toMatchObject({
      facilityId: target?.id,
      custodyStatus: 'TRANSFERRED',
    });
    const before = (await call('event:list', {})).total;
    expect(
      await code(
        call('event:create', { personId: 'f'.repeat(32), kind: 'CALL', at: '2026-11-24T12:00:00Z' }),
      ),
    ).toBe('NOT_FOUND');
    expect((await call('event:list', {})).total).toBe(before);
  });

  it('saved views and the dashboard', async () => {
    const urgent = await call('person:create', {
      givenName: 'Urgent',
      familyName: 'Case',
      priority: 'URGENT',
      caseStatus: 'NEEDS_ATTORNEY',
      custodyStatus: 'CONFIRMED_DETAINED',
      detainedAt: '2026-11-21T08:00:00Z',
    });
    const recent = await call('person:create', {
      givenName: 'Recent',
      familyName: 'Case',
      caseStatus: 'INTAKE',
      custodyStatus: 'REPORTED',
      detainedAt: '2026-11-24T08:00:00Z',
    });
    await call('event:create', {
      personId: recent.id,
      kind: 'BOND_HEARING',
      at: '2026-11-27T16:00:00Z',
      location: 'SF Immigration Court',
    });
    await call('event:create', { personId: urgent.id, kind: 'MASTER_CALENDAR', at: '2026-12-15T16:00:00Z' });
    const view = async (v: 'UNASSIGNED' | 'URGENT' | 'HEARINGS_THIS_WEEK' | 'DETAINED_48H_NO_ATTORNEY') =>
      (await call('person:view', { view: v })).rows.map((p) => p.givenName).sort();
    expect(await view('UNASSIGNED')).toEqual(['Recent', 'Urgent']);
    expect(await view('URGENT')).toEqual(['Urgent']);
    expect(await view('HEARINGS_THIS_WEEK')).toEqual(['Recent']);
    expect(await view('DETAINED_48H_NO_ATTORNEY')).toEqual(['Urgent']);
    // A closed case and one with no status yet: open cases count every live case but the closed ones.
    await call('person:create', { givenName: 'Closed', familyName: 'Case', caseStatus: 'CLOSED' });
    await call('person:create', { givenName: 'No', familyName: 'Status' });
    const summary = await call('dashboard:summary');
    expect(summary.counts.people).toBe(4);
    expect(summary.counts.openCases).toBe(3);
    expect(summary.hearings).toEqual([
      expect.objectContaining({ personName: 'Recent Case', kind: 'BOND_HEARING' }),
    ]);
    expect(summary.urgent.map((p) => p.givenName)).toEqual(['Urgent']);
  });
});

describe('saved views, page by page', () => {
  // A view lists urgent cases first, then high, then the rest, each most recently updated first, and is read
  // rank by rank: every page, at every offset, must be that order's slice, and the total the view's size.
  const RANK = { URGENT: 0, HIGH: 1 } as Record<string, number>;
  const rank = (p: { priority?: string | undefined }) => RANK[p.priority ?? ''] ?? 2;
  const views = {
    UNASSIGNED: (p: Person) => ['INTAKE', 'LOCATING', 'NEEDS_ATTORNEY'].includes(p.caseStatus ?? ''),
    URGENT: (p: Person) => p.priority === 'URGENT' && p.caseStatus !== 'CLOSED',
    HEARINGS_THIS_WEEK: (p: Person, hearing: Set<string>) => hearing.has(p.id),
    DETAINED_48H_NO_ATTORNEY: (p: Person) =>
      ['REPORTED', 'CONFIRMED_DETAINED', 'TRANSFERRED'].includes(p.custodyStatus ?? '') &&
      (p.detainedAt ?? '9') < '2026-11-22T10:00:00.000Z',
  } as const;

  it('pages of every size equal the whole order', async () => {
    const priorities = ['URGENT', 'HIGH', 'NORMAL', undefined] as const;
    const statuses = ['INTAKE', 'LOCATING', 'NEEDS_ATTORNEY', 'ASSIGNED', 'CLOSED'] as const;
    const custody = ['REPORTED', 'CONFIRMED_DETAINED', 'RELEASED'] as const;
    const hearing = new Set<string>();
    for (let i = 0; i < 30; i++) {
      clock.advance(60_000);
      const priority = priorities[(i * 7) % 4];
      const person = await call('person:create', {
        givenName: `P${i}`,
        familyName: 'Case',
        ...(priority ? { priority } : {}),
        caseStatus: statuses[(i * 3) % 5],
        custodyStatus: custody[i % 3],
        detainedAt: i % 2 ? '2026-11-20T08:00:00Z' : '2026-11-24T08:00:00Z',
      });
      if (i % 3 === 0) {
        hearing.add(person.id);
        await call('event:create', { personId: person.id, kind: 'BOND_HEARING', at: '2026-11-27T16:00:00Z' });
      }
    }
    // Edits move some people up their rank (their updated time changes).
    for (const i of [4, 9, 17]) {
      clock.advance(60_000);
      const { rows } = await call('person:list', { search: `P${i}`, limit: 1 });
      await call('person:update', { id: rows[0]!.id, patch: { notes: 'called back' } });
    }
    const everyone = (await call('person:list', { limit: 100 })).rows;
    for (const [view, test] of Object.entries(views)) {
      const expected = everyone
        .filter((p) => test(p, hearing))
        .sort((a, b) => rank(a) - rank(b) || (a.updatedAt < b.updatedAt ? 1 : -1))
        .map((p) => p.givenName);
      expect(expected.length, view).toBeGreaterThan(3);
      for (const size of [1, 2, 3, 7, 100]) {
        const pages: string[] = [];
        for (let offset = 0; offset < expected.length; offset += size) {
          const page = await call('person:view', { view: view as keyof typeof views, limit: size, offset });
          expect(page.total).toBe(expected.length);
          pages.push(...page.rows.map((p) => p.givenName));
        }
        expect(pages, `${view} by ${size}`).toEqual(expected);
      }
    }
  });
});

describe('volunteers', () => {
  it('finds by language, county, role, training and availability', async () => {
    // 2026-11-24 is a Tuesday (day 2); the clock is 10:00 UTC.
    await call('volunteer:create', {
      givenName: 'Rosa',
      familyName: 'Díaz',
      languages: ['es', 'en'],
      counties: ['Alameda'],
      roles: ['LEGAL_OBSERVER'],
      trainings: [{ kind: 'Legal observer', completedOn: '2026-01-10', expiresOn: '2027-01-10' }],
      availability: [{ day: new Date('2026-11-24T10:00:00Z').getDay(), start: '00:00', end: '23:59' }],
    });
    await call('volunteer:create', {
      givenName: 'Tom',
      familyName: 'Lee',
      languages: ['en'],
      counties: ['Alameda'],
      roles: ['LEGAL_OBSERVER'],
      trainings: [{ kind: 'Legal observer', completedOn: '2024-01-10', expiresOn: '2025-01-10' }],
    });
    const names = async (query: Parameters<typeof call<'volunteer:find'>>[1]) =>
      (await call('volunteer:find', query)).rows.map((v) => v.givenName);
    expect(
      await names({ language: 'es', county: 'alameda', role: 'LEGAL_OBSERVER', training: 'CURRENT' }),
    ).toEqual(['Rosa']);
    expect(await names({ training: 'EXPIRED' })).toEqual(['Tom']);
    expect(await names({ availableNow: true })).toEqual(['Rosa']);
  });
});

describe('audit log', () => {
  it('chains every write, shows a record history with field names only, and detects tampering', async () => {
    await call('settings:operator', { name: 'Coordinator A' });
    const person = await call('person:create', { givenName: 'Ana', familyName: 'Secret-Marker' });
    await call('person:update', { id: person.id, patch: { notes: 'private' } });
    await call('person:delete', { id: person.id });
    const history = await call('audit:history', { kind: 'person', id: person.id });
    expect(history.map((h) => [h.action, h.fields, h.operator])).toEqual([
      ['create', ['familyName', 'givenName'], 'Coordinator A'],
      ['update', ['notes'], 'Coordinator A'],
      ['delete', [], 'Coordinator A'],
    ]);
    expect(JSON.stringify(history)).not.toContain('Secret-Marker');
    expect(await call('audit:verify')).toMatchObject({ ok: true, brokenAt: null });
    const db = service.context.session().db;
    const target = db.prepare("SELECT seq FROM audit WHERE action = 'update'").get() as { seq: number };
    db.prepare("UPDATE audit SET fields = '[]' WHERE seq = ?").run(target.seq);
    expect(await call('audit:verify')).toMatchObject({ ok: false, brokenAt: target.seq });
  });
});

describe('query plans', () => {
  it('list, search, view and duplicate queries use indexes, not full scans', () => {
    const db = service.context.session().db;
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    const scans = (detail: string) => /SCAN (people|volunteers|events|assignments)\b(?! USING)/.test(detail);
    const cases: [string, string][] = [
      [
        'sorted page',
        plan(
          'SELECT rowid FROM people WHERE deleted_at IS NULL ORDER BY family_name COLLATE NOCASE ASC, given_name COLLATE NOCASE ASC, rowid ASC LIMIT 100',
        ),
      ],
      [
        'filtered',
        plan(
          'SELECT rowid, * FROM people WHERE deleted_at IS NULL AND case_status = ? ORDER BY updated_at',
          'INTAKE',
        ),
      ],
      ['a-number', plan('SELECT id FROM people WHERE a_number = ? AND deleted_at IS NULL', '123456789')],
      ['dob', plan('SELECT id FROM people WHERE date_of_birth = ? AND deleted_at IS NULL', '1990-01-01')],
      [
        'search',
        plan(
          'SELECT rowid, * FROM people WHERE deleted_at IS NULL AND rowid IN (SELECT rowid FROM people_fts WHERE people_fts MATCH ?)',
          '"lopez"*',
        ),
      ],
      [
        'hearings',
        plan(
          "SELECT id FROM events WHERE deleted_at IS NULL AND at >= ? AND at < ? AND kind IN ('BOND_HEARING')",
          'a',
          'b',
        ),
      ],
      ['timeline', plan('SELECT id FROM events WHERE person_id = ? AND deleted_at IS NULL ORDER BY at', 'x')],
    ];
    for (const [name, detail] of cases) expect(scans(detail), `${name}: ${detail}`).toBe(false);
    // The detector itself works: an unindexed predicate is reported as a scan.
    expect(scans(plan("SELECT id FROM people WHERE json_extract(data, '$.notes') = ?", 'x'))).toBe(true);
  });
});
