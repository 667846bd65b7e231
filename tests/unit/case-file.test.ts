import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeLine } from '../../shared/sync';
import {
  biaAppealDue,
  Bond,
  COURTS,
  CourtCase,
  DISTRICTS,
  Habeas,
  person as personSchemas,
} from '../../shared/model';
import { dispatch } from '../../electron/core/dispatch';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations';
import { openBundle } from '../../electron/core/sync/bundle';
import { contactByKeyId, loadIdentity, ourFingerprint } from '../../electron/core/sync/store';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { introduce, makeOffice, type Office } from '../helpers/sync-offices';
import { manualClock, removeTempDirs } from '../helpers/vault';

// The case file (court, bond, habeas, locator checks): its schemas and field messages, the BIA appeal's due
// date, the bond fund's list, the migration that adds it, and who receives it (Legal yes, Dispatch never).

const issuesOf = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

describe('schemas', () => {
  it('takes a court from the seed list only, and says so for any other', () => {
    expect(CourtCase.safeParse({ court: 'san-francisco-detained', judge: 'IJ Example' }).success).toBe(true);
    expect(issuesOf(CourtCase.safeParse({ court: 'atlantis' }))).toEqual([
      { path: 'court', message: 'Choose a court from the list' },
    ]);
    expect(issuesOf(Habeas.safeParse({ district: 'ndcal' }))).toEqual([
      { path: 'district', message: 'Choose a district court from the list' },
    ]);
    expect(
      Habeas.safeParse({ district: 'cand', noTransferOrder: true, returnDue: '2026-12-03' }).success,
    ).toBe(true);
  });

  it('every seed court and district has a key, a name and a source saying what to check', () => {
    for (const entry of [...COURTS, ...DISTRICTS]) {
      expect(entry.key).toMatch(/^[a-z-]+$/);
      expect(entry.name.length).toBeGreaterThan(0);
      expect(entry.source.length).toBeGreaterThan(10);
    }
    expect(COURTS.find((c) => c.key === 'san-francisco')?.address).toContain(
      '100 Montgomery Street, Suite 800',
    );
    expect(COURTS.find((c) => c.key === 'san-francisco-detained')?.address).toContain('630 Sansome Street');
    expect(new Set(COURTS.map((c) => c.key)).size).toBe(COURTS.length);
  });

  it('a granted bond needs its amount, of at least $1,500 in whole dollars; only a granted bond is paid', () => {
    expect(
      Bond.safeParse({ decision: 'GRANTED', amount: 7500, paidOn: '2026-11-26', paidBy: 'Rosa' }).success,
    ).toBe(true);
    expect(issuesOf(Bond.safeParse({ decision: 'GRANTED' }))).toEqual([
      { path: 'amount', message: 'A granted bond needs its amount' },
    ]);
    expect(issuesOf(Bond.safeParse({ decision: 'GRANTED', amount: 150 }))[0]?.path).toBe('amount');
    expect(issuesOf(Bond.safeParse({ decision: 'GRANTED', amount: 1500.5 }))[0]?.path).toBe('amount');
    expect(issuesOf(Bond.safeParse({ decision: 'DENIED', amount: 5000 }))[0]?.path).toBe('amount');
    expect(issuesOf(Bond.safeParse({ decision: 'NO_JURISDICTION', paidOn: '2026-11-26' }))[0]?.path).toBe(
      'paidOn',
    );
    expect(issuesOf(Bond.safeParse({ requestedOn: '26/11/2026' }))[0]?.path).toBe('requestedOn');
  });

  it('an appeal needs a decision; dates are YYYY-MM-DD', () => {
    expect(issuesOf(CourtCase.safeParse({ court: 'concord', appealFiledOn: '2026-12-01' }))[0]?.path).toBe(
      'appealFiledOn',
    );
    expect(
      issuesOf(
        CourtCase.safeParse({
          court: 'concord',
          decision: { on: '2026-13-01x', outcome: 'REMOVAL_ORDERED' },
        }),
      )[0]?.path,
    ).toBe('decision.on');
  });

  it('family contacts are not ok to contact unless someone says so', () => {
    const parsed = personSchemas.create.parse({
      givenName: 'Ana',
      familyName: 'Pérez',
      contacts: [{ name: 'Rosa' }],
    });
    expect(parsed.contacts?.[0]?.okToContact).toBe(false);
  });
});

describe('BIA appeal due date', () => {
  it('is 30 calendar days after the decision, across months, years and leap days', () => {
    expect(biaAppealDue('2026-11-02')).toBe('2026-12-02');
    expect(biaAppealDue('2026-12-15')).toBe('2027-01-14');
    expect(biaAppealDue('2028-02-01')).toBe('2028-03-02');
    expect(biaAppealDue('2027-02-01')).toBe('2027-03-03');
    // The clocks change in between: still a whole number of days.
    expect(biaAppealDue('2026-10-20')).toBe('2026-11-19');
    expect(biaAppealDue('2027-03-01')).toBe('2027-03-31');
  });
});

describe('migration 0011', () => {
  it('indexes bond status on people and gives Legal the case file, not Dispatch', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.slice(0, 10));
    const insert = db.prepare(
      "INSERT INTO people (id, data, clock, created_at, updated_at) VALUES (?, ?, 'c', 'a', 'b')",
    );
    insert.run(
      'a'.repeat(32),
      JSON.stringify({ givenName: 'A', familyName: 'B', bond: { decision: 'GRANTED', amount: 5000 } }),
    );
    insert.run(
      'b'.repeat(32),
      JSON.stringify({ givenName: 'C', familyName: 'D', bond: { requestedOn: '2026-11-20' } }),
    );
    insert.run('c'.repeat(32), JSON.stringify({ givenName: 'E', familyName: 'F' }));
    expect(migrate(db, MIGRATIONS.slice(0, 11))).toBe(11);
    const rows = db.prepare('SELECT id, bond_status FROM people ORDER BY id').all() as {
      bond_status: string | null;
    }[];
    expect(rows.map((r) => r.bond_status)).toEqual(['GRANTED', 'REQUESTED', null]);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM people WHERE bond_status IS NOT NULL AND deleted_at IS NULL AND bond_status = 'PAID'",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('people_bond_status');
    const send = (name: string) =>
      JSON.parse(
        (db.prepare('SELECT send FROM redaction_profiles WHERE name = ?').get(name) as { send: string }).send,
      ) as {
        person: string[];
      };
    expect(send('Legal').person).toEqual(
      expect.arrayContaining(['bond', 'courtCase', 'habeas', 'locatorChecks', 'aliases']),
    );
    expect(send('Legal').person).not.toContain('caregiverPlan');
    for (const field of ['bond', 'courtCase', 'habeas', 'locatorChecks', 'aliases', 'caregiverPlan'])
      expect(send('Dispatch').person).not.toContain(field);
  });
});

describe('bonds and sharing between offices', () => {
  let a: Office;
  let b: Office;
  const clockA = manualClock('2026-11-24T10:00:00.000Z');
  const clockB = manualClock('2026-11-24T10:00:00.000Z');
  const ids: Record<string, string> = {};

  async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const result = await dispatch(a.service.handlers, channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as ChannelOutput<C>;
  }

  beforeAll(async () => {
    a = await makeOffice('Intake office', clockA);
    b = await makeOffice('Hotline partner', clockB);
    introduce(a, b);
    introduce(b, a);
    const make = async (givenName: string, extra: Record<string, unknown>) =>
      (
        await call('person:create', {
          givenName,
          familyName: 'Test',
          ...extra,
        } as ChannelInput<'person:create'>)
      ).id;
    ids.paid = await make('Paid', {
      bond: {
        decision: 'GRANTED',
        decidedOn: '2026-11-10',
        amount: 5000,
        paidOn: '2026-11-12',
        paidBy: 'Rosa',
      },
    });
    ids.grantedLate = await make('GrantedLate', {
      bond: { decision: 'GRANTED', decidedOn: '2026-11-20', amount: 9000 },
    });
    ids.grantedEarly = await make('GrantedEarly', {
      bond: { decision: 'GRANTED', decidedOn: '2026-11-05', amount: 3000 },
    });
    ids.requested = await make('Requested', { bond: { requestedOn: '2026-11-21' } });
    ids.denied = await make('Denied', { bond: { decision: 'DENIED', decidedOn: '2026-11-15' } });
    ids.none = await make('NoBond', {});
    ids.caseFile = await make('CaseFile', {
      courtCase: {
        court: 'oakdale',
        judge: 'IJ Example',
        decision: { on: '2026-11-20', outcome: 'REMOVAL_ORDERED' },
      },
      habeas: {
        district: 'lawd',
        caseNumber: '2:26-cv-00001',
        noTransferOrder: true,
        returnDue: '2026-11-30',
      },
      locatorChecks: [
        { at: '2026-11-23T18:00:00Z', by: 'Vera', method: 'A_NUMBER', result: 'FOUND', facility: 'LaSalle' },
      ],
      aliases: [{ givenName: 'Ana María', familyName: 'Pérez López' }],
      caregiverPlan: { childrenAges: [4, 9], caregiver: 'Aunt', schoolPickup: 'Neighbour, 3 pm' },
    });
    // A bond hearing written in Pacific time, 4 hours ahead: the next one, whatever its offset.
    await call('event:create', {
      personId: ids.requested,
      kind: 'BOND_HEARING',
      at: '2026-11-24T06:00:00-08:00',
    });
    await call('event:create', { personId: ids.requested, kind: 'BOND_HEARING', at: '2026-12-20T09:00:00Z' });
    await call('event:create', { personId: ids.requested, kind: 'BOND_HEARING', at: '2026-11-01T09:00:00Z' });
  });

  afterAll(() => {
    for (const o of [a, b]) o?.service.close();
    removeTempDirs();
  });

  it('lists bonds granted and unpaid first (longest waiting first), then requested, paid, denied', async () => {
    const { rows, total } = await call('bond:list', {});
    expect(total).toBe(5);
    expect(rows.map((r) => r.givenName)).toEqual([
      'GrantedEarly',
      'GrantedLate',
      'Requested',
      'Paid',
      'Denied',
    ]);
    expect(rows.find((r) => r.givenName === 'Paid')).toMatchObject({
      status: 'PAID',
      amount: 5000,
      paidBy: 'Rosa',
    });
    const hearing = rows.find((r) => r.givenName === 'Requested')?.hearingAt;
    expect(Date.parse(hearing ?? '')).toBe(Date.parse('2026-11-24T14:00:00Z'));
    const granted = await call('bond:list', { status: 'GRANTED' });
    expect(granted.rows.map((r) => r.givenName)).toEqual(['GrantedEarly', 'GrantedLate']);
  });

  it('leaves a deleted person and a cleared bond off the list', async () => {
    await call('person:update', { id: ids.denied!, patch: { bond: null } });
    const { rows } = await call('bond:list', {});
    expect(rows.map((r) => r.givenName)).not.toContain('Denied');
    await call('person:delete', { id: ids.paid! });
    expect((await call('bond:list', {})).total).toBe(3);
  });

  it('refuses an invalid court, amount or date with a message per field and changes nothing', async () => {
    const before = await call('person:get', { id: ids.none! });
    await expect(
      call('person:update', {
        id: ids.none!,
        patch: { courtCase: { court: 'nowhere' }, bond: { decision: 'GRANTED', amount: 10 } },
      } as ChannelInput<'person:update'>),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      issues: expect.arrayContaining([
        expect.objectContaining({ path: 'patch.courtCase.court' }),
        expect.objectContaining({ path: 'patch.bond.amount' }),
      ]),
    });
    expect(await call('person:get', { id: ids.none! })).toEqual(before);
  });

  async function opened(profile: string): Promise<ChangeLine[]> {
    const exported = await a.service.handlers['bundle:export']({
      to: [b.fingerprint],
      scope: { scope: 'all' },
      redaction: profile,
    });
    const db = b.service.context.session().db;
    const bundle = await openBundle(Buffer.from(exported.bytes, 'base64'), {
      identity: loadIdentity(db),
      contactByKeyId: (k) => contactByKeyId(db, k),
      ourFingerprint: ourFingerprint(db)!,
      now: clockB.now(),
    });
    return bundle.changes;
  }
  const fieldsOf = (lines: ChangeLine[], id: string) =>
    Object.keys(lines.find((line) => line.id === id)?.fields ?? {});

  it('Dispatch never carries the court, bond, habeas, locator checks, aliases or caregiver plan', async () => {
    const fields = fieldsOf(await opened('Dispatch'), ids.caseFile!);
    expect(fields).toContain('givenName');
    for (const field of ['courtCase', 'bond', 'habeas', 'locatorChecks', 'aliases', 'caregiverPlan'])
      expect(fields).not.toContain(field);
  });

  it('Legal carries the case file but not the caregiver plan', async () => {
    const fields = fieldsOf(await opened('Legal'), ids.caseFile!);
    expect(fields).toEqual(expect.arrayContaining(['courtCase', 'habeas', 'locatorChecks', 'aliases']));
    expect(fields).not.toContain('caregiverPlan');
  });
});
