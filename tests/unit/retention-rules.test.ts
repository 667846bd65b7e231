import { afterEach, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import type { RuleOutcome } from '../../shared/channels/maintenance';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { runCliInProcess } from '../helpers/cli';
import { manualClock, PASSPHRASE, removeTempDirs, testService, unlockedService } from '../helpers/vault';

// Retention rules against a real vault: a purge never takes a live case (an event still to come, compared
// as instants whatever the offset it was written with) or a held one, and lists it as kept with the reason;
// family contacts of closed cases are cleared by an audited edit; hotline reports and inactive volunteers go
// on their own settings; every rule is off by default and the unlock runs the ones turned on.

afterEach(removeTempDirs);

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

async function call<C extends Channel>(
  service: AmparoService,
  channel: C,
  input?: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await dispatch(service.handlers, channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as ChannelOutput<C>;
}

const gone = async (
  service: AmparoService,
  channel: 'person:get' | 'report:get' | 'volunteer:get',
  id: string,
) => (await dispatch(service.handlers, channel, { id })).ok === false;

const ids = (outcome: RuleOutcome | undefined) => outcome?.items.map((i) => i.id) ?? [];
const kept = (outcome: RuleOutcome | undefined) =>
  Object.fromEntries((outcome?.kept ?? []).map((k) => [k.label, k.reasons]));

describe('a purge cannot take a live case', () => {
  // Now, once the cases have aged 200 days: 2026-06-01T10:00:00Z.
  const START = '2025-11-13T10:00:00.000Z';

  async function cases() {
    const clock = manualClock(START);
    const { service, vaultDir } = await unlockedService({ clock });
    const person = (familyName: string) =>
      call(service, 'person:create', { givenName: 'Caso', familyName, caseStatus: 'CLOSED' });
    const event = (personId: string, at: string, kind: 'BOND_HEARING' | 'CALL' = 'BOND_HEARING') =>
      call(service, 'event:create', { personId, kind, at });
    const hearing2027 = await person('Audiencia');
    await event(hearing2027.id, '2027-03-01T09:00:00-08:00');
    const held = await person('Retenida');
    await call(service, 'hold:set', { personId: held.id, reason: 'Habeas pending' });
    const both = await person('Ambas');
    await event(both.id, '2027-01-15T10:00:00.000Z');
    await call(service, 'hold:set', { personId: both.id, reason: 'Litigation' });
    const plain = await person('Cerrado');
    const past = await person('Pasado');
    await event(past.id, '2026-02-01T10:00:00.000Z', 'CALL');
    // Three hours after "now", written with an offset: as text it sorts before now ("…T05…" < "…T10…").
    const laterToday = await person('Hoy');
    await event(laterToday.id, '2026-06-01T05:00:00-08:00');
    // Three hours before "now": as text it sorts after now ("…T12…" > "…T10…").
    const earlierToday = await person('Temprano');
    await event(earlierToday.id, '2026-06-01T12:00:00+05:00');
    clock.advance(200 * DAY);
    expect(clock.now().toISOString()).toBe('2026-06-01T10:00:00.000Z');
    return { service, vaultDir, clock, hearing2027, held, both, plain, past, laterToday, earlierToday };
  }

  it('previews the cases that go and lists the live and held ones as kept, with the reason', async () => {
    const c = await cases();
    const preview = await call(c.service, 'retention:preview', { closedCaseDays: 180 });
    const rule = preview.rules[0];
    expect(preview.rules.map((r) => r.rule)).toEqual(['closedCaseDays']);
    expect(ids(rule).sort()).toEqual([c.plain.id, c.past.id, c.earlierToday.id].sort());
    expect(kept(rule)).toEqual({
      'Caso Audiencia': ['FUTURE_EVENT'],
      'Caso Retenida': ['LEGAL_HOLD'],
      'Caso Ambas': ['FUTURE_EVENT', 'LEGAL_HOLD'],
      'Caso Hoy': ['FUTURE_EVENT'],
    });
    // The older fields describe the same rule.
    expect(preview).toMatchObject({ days: 180, count: 3 });
    expect(preview.people.map((p) => p.id).sort()).toEqual(ids(rule).sort());
    // Under its older name, `days` previews the same.
    expect((await call(c.service, 'retention:preview', { days: 180 })).rules).toEqual(preview.rules);
    c.service.close();
  });

  it('purges only the cases that are due and keeps the 2027 hearing and the held case whole', async () => {
    const c = await cases();
    const result = await call(c.service, 'retention:purge', { days: 180 });
    expect(result).toMatchObject({ people: 3, events: 2, assignments: 0 });
    expect(kept(result.rules[0])).toEqual({
      'Caso Audiencia': ['FUTURE_EVENT'],
      'Caso Retenida': ['LEGAL_HOLD'],
      'Caso Ambas': ['FUTURE_EVENT', 'LEGAL_HOLD'],
      'Caso Hoy': ['FUTURE_EVENT'],
    });
    for (const p of [c.plain, c.past, c.earlierToday])
      expect(await gone(c.service, 'person:get', p.id)).toBe(true);
    for (const p of [c.hearing2027, c.held, c.both, c.laterToday])
      expect((await call(c.service, 'person:get', { id: p.id })).id).toBe(p.id);
    const hearings = await call(c.service, 'event:list', { filters: { personId: c.hearing2027.id } });
    expect(hearings.rows.map((e) => e.at)).toEqual(['2027-03-01T17:00:00.000Z']);
    // Once the hearing is past and the hold lifted, they go like any closed case.
    c.clock.set('2027-09-01T10:00:00.000Z');
    await call(c.service, 'hold:clear', { personId: c.held.id });
    c.clock.advance(200 * DAY);
    const later = await call(c.service, 'retention:preview', { days: 180 });
    expect(ids(later.rules[0])).toEqual(expect.arrayContaining([c.hearing2027.id, c.held.id]));
    c.service.close();
  });
});

describe('family contacts of closed cases', () => {
  it('clears them by an audited edit, keeps the case, and skips live, held and open cases', async () => {
    const clock = manualClock('2026-03-01T10:00:00.000Z');
    const { service } = await unlockedService({ clock });
    const contacts = [{ name: 'Hermana Quispe', relationship: 'sister', phone: '+1 510 555 0101' }];
    const closed = await call(service, 'person:create', {
      givenName: 'Ana',
      familyName: 'Contactos',
      caseStatus: 'CLOSED',
      contacts,
    });
    const live = await call(service, 'person:create', {
      givenName: 'Luis',
      familyName: 'Vivo',
      caseStatus: 'CLOSED',
      contacts,
    });
    await call(service, 'event:create', { personId: live.id, kind: 'CHECK_IN', at: '2026-12-01T09:00:00Z' });
    const held = await call(service, 'person:create', {
      givenName: 'Eva',
      familyName: 'Retenida',
      caseStatus: 'CLOSED',
      contacts,
      legalHold: { reason: 'Appeal', since: clock.now().toISOString() },
    });
    const open = await call(service, 'person:create', {
      givenName: 'Rosa',
      familyName: 'Abierta',
      caseStatus: 'ASSIGNED',
      contacts,
    });
    const none = await call(service, 'person:create', {
      givenName: 'Sin',
      familyName: 'Contactos',
      caseStatus: 'CLOSED',
    });
    clock.advance(40 * DAY);

    const preview = await call(service, 'retention:preview', { closedContactsDays: 30 });
    const rule = preview.rules[0];
    expect(rule?.rule).toBe('closedContactsDays');
    expect(ids(rule)).toEqual([closed.id]);
    expect(kept(rule)).toEqual({ 'Luis Vivo': ['FUTURE_EVENT'], 'Eva Retenida': ['LEGAL_HOLD'] });
    expect(preview).toMatchObject({ days: null, count: 0, people: [] });

    const result = await call(service, 'retention:purge', { closedContactsDays: 30 });
    expect(result).toMatchObject({ familyContacts: 1, people: 0 });
    const after = await call(service, 'person:get', { id: closed.id });
    expect(after.contacts).toBeUndefined();
    expect(after.familyName).toBe('Contactos');
    for (const p of [live, held, open])
      expect((await call(service, 'person:get', { id: p.id })).contacts).toEqual([
        expect.objectContaining({ name: 'Hermana Quispe' }),
      ]);
    expect((await call(service, 'person:get', { id: none.id })).id).toBe(none.id);
    // An edit like any other: audited by field name, with a new stamp that goes out in the next bundle.
    const history = await call(service, 'audit:history', { kind: 'person', id: closed.id });
    expect(history.at(-1)).toMatchObject({ action: 'update', fields: ['contacts'] });
    expect(JSON.stringify(history)).not.toContain('Quispe');
    expect((await call(service, 'person:list', { search: 'Quispe' })).rows.map((p) => p.id)).not.toContain(
      closed.id,
    );
    service.close();
  });

  it('leaves alone the cases the same run purges whole', async () => {
    const clock = manualClock('2026-03-01T10:00:00.000Z');
    const { service } = await unlockedService({ clock });
    const closed = await call(service, 'person:create', {
      givenName: 'Ana',
      familyName: 'Doble',
      caseStatus: 'CLOSED',
      contacts: [{ name: 'Primo' }],
    });
    clock.advance(40 * DAY);
    const run = { closedCaseDays: 30, closedContactsDays: 30 };
    const preview = await call(service, 'retention:preview', run);
    expect(preview.rules.map((r) => [r.rule, ids(r)])).toEqual([
      ['closedCaseDays', [closed.id]],
      ['closedContactsDays', []],
    ]);
    expect(await call(service, 'retention:purge', run)).toMatchObject({ people: 1, familyContacts: 0 });
    service.close();
  });
});

describe('the two closed-case rules together', () => {
  it("clearing a closed case's contacts does not restart its count towards the purge", async () => {
    const clock = manualClock('2026-03-01T10:00:00.000Z');
    const { service } = await unlockedService({ clock });
    const closed = await call(service, 'person:create', {
      givenName: 'Ana',
      familyName: 'Cuenta',
      caseStatus: 'CLOSED',
      contacts: [{ name: 'Primo' }],
    });
    const edited = await call(service, 'person:create', {
      givenName: 'Beto',
      familyName: 'Editado',
      caseStatus: 'CLOSED',
    });
    clock.advance(40 * DAY);
    expect(await call(service, 'retention:purge', { closedContactsDays: 30 })).toMatchObject({
      familyContacts: 1,
    });
    // A real change to a closed case (a note) does restart its count.
    await call(service, 'person:update', { id: edited.id, patch: { notes: 'called back' } });
    clock.advance(150 * DAY);
    const preview = await call(service, 'retention:preview', { closedCaseDays: 180 });
    expect(ids(preview.rules[0])).toEqual([closed.id]);
    expect(await call(service, 'retention:purge', { closedCaseDays: 180 })).toMatchObject({ people: 1 });
    expect(await gone(service, 'person:get', closed.id)).toBe(true);
    expect(await gone(service, 'person:get', edited.id)).toBe(false);
    service.close();
  });
});

describe('hotline reports and inactive volunteers', () => {
  it('purges false alarms after H hours and other reports after D days, each previewed on its own', async () => {
    const clock = manualClock('2025-01-01T10:00:00.000Z');
    const { service } = await unlockedService({ clock });
    const report = (extra: Record<string, unknown>) =>
      call(service, 'report:create', { receivedAt: clock.now().toISOString(), county: 'Alameda', ...extra });
    const heldPerson = await call(service, 'person:create', {
      givenName: 'Eva',
      familyName: 'Retenida',
      legalHold: { reason: 'Evidence', since: clock.now().toISOString() },
    });
    const oldUnverified = await report({});
    const oldLinked = await report({ county: 'Marin', personIds: [heldPerson.id] });
    clock.advance(300 * DAY);
    const verified = await report({ verification: 'VERIFIED', county: 'Sonoma' });
    clock.advance(100 * DAY);
    const oldFalseAlarm = await report({ verification: 'FALSE_ALARM', county: 'Napa' });
    clock.advance(80 * HOUR);
    const freshFalseAlarm = await report({ verification: 'FALSE_ALARM', county: 'Yolo' });
    clock.advance(10 * HOUR);

    const alarms = await call(service, 'retention:preview', { falseAlarmHours: 72 });
    expect(alarms.rules.map((r) => [r.rule, ids(r)])).toEqual([['falseAlarmHours', [oldFalseAlarm.id]]]);
    expect(alarms.rules[0]?.items[0]).toMatchObject({
      kind: 'report',
      label: 'Napa',
      at: oldFalseAlarm.receivedAt,
    });
    const others = await call(service, 'retention:preview', { reportDays: 365 });
    expect(ids(others.rules[0])).toEqual([oldUnverified.id]);
    expect(kept(others.rules[0])).toEqual({ Marin: ['LEGAL_HOLD'] });

    const result = await call(service, 'retention:purge', { falseAlarmHours: 72, reportDays: 365 });
    expect(result).toMatchObject({ reports: 2, people: 0 });
    for (const r of [oldFalseAlarm, oldUnverified])
      expect(await gone(service, 'report:get', r.id)).toBe(true);
    for (const r of [freshFalseAlarm, verified, oldLinked])
      expect((await call(service, 'report:get', { id: r.id })).id).toBe(r.id);
    const markers = service.context.session().db.prepare("SELECT id FROM purged WHERE kind = 'report'").all();
    expect(markers).toHaveLength(2);
    service.close();
  });

  it('purges volunteers inactive and unchanged for M calendar months', async () => {
    const clock = manualClock('2024-01-31T10:00:00.000Z');
    const { service } = await unlockedService({ clock });
    const volunteer = (familyName: string, status: 'ACTIVE' | 'INACTIVE') =>
      call(service, 'volunteer:create', { givenName: 'Vol', familyName, status });
    const longGone = await volunteer('Antigua', 'INACTIVE');
    const active = await volunteer('Activa', 'ACTIVE');
    clock.set('2024-03-15T10:00:00.000Z');
    const recent = await volunteer('Reciente', 'INACTIVE');
    // 24 months before 2026-02-28: 2024-02-28, after the first and before the second.
    clock.set('2026-02-28T10:00:00.000Z');
    const preview = await call(service, 'retention:preview', { inactiveVolunteerMonths: 24 });
    expect(preview.rules[0]).toMatchObject({
      rule: 'inactiveVolunteerMonths',
      cutoff: '2024-02-28T10:00:00.000Z',
    });
    expect(preview.rules[0]?.items).toEqual([
      { kind: 'volunteer', id: longGone.id, label: 'Vol Antigua', at: null },
    ]);
    expect(await call(service, 'retention:purge', { inactiveVolunteerMonths: 24 })).toMatchObject({
      volunteers: 1,
    });
    expect(await gone(service, 'volunteer:get', longGone.id)).toBe(true);
    for (const v of [active, recent])
      expect((await call(service, 'volunteer:get', { id: v.id })).id).toBe(v.id);
    service.close();
  });
});

describe('retention settings', () => {
  it('are all off by default, set one by one, and the unlock runs every rule turned on', async () => {
    const clock = manualClock('2025-01-01T10:00:00.000Z');
    const { service, vaultDir } = await unlockedService({ clock });
    const settings = await call(service, 'retention:get');
    for (const rule of [
      'closedCaseDays',
      'closedContactsDays',
      'falseAlarmHours',
      'reportDays',
      'inactiveVolunteerMonths',
    ] as const)
      expect(settings[rule], rule).toBeNull();
    const closed = await call(service, 'person:create', {
      givenName: 'A',
      familyName: 'Cerrada',
      caseStatus: 'CLOSED',
    });
    const alarm = await call(service, 'report:create', {
      receivedAt: clock.now().toISOString(),
      verification: 'FALSE_ALARM',
    });
    const idle = await call(service, 'volunteer:create', {
      givenName: 'V',
      familyName: 'Inactiva',
      status: 'INACTIVE',
    });
    await call(service, 'retention:set', { falseAlarmHours: 24 });
    expect(await call(service, 'retention:set', { inactiveVolunteerMonths: 6 })).toMatchObject({
      closedCaseDays: null,
      falseAlarmHours: 24,
      inactiveVolunteerMonths: 6,
    });
    const bad = await dispatch(service.handlers, 'retention:set', { falseAlarmHours: 0 });
    expect(bad.ok ? 'OK' : bad.error.code).toBe('INVALID_INPUT');
    service.lock('manual');

    clock.advance(400 * DAY);
    const again = testService(vaultDir, { clock });
    await again.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    expect(await gone(again, 'report:get', alarm.id)).toBe(true);
    expect(await gone(again, 'volunteer:get', idle.id)).toBe(true);
    // Closed cases are off: the case stays, however old.
    expect((await call(again, 'person:get', { id: closed.id })).id).toBe(closed.id);
    expect((await call(again, 'retention:get')).lastRun).toEqual({
      at: clock.now().toISOString(),
      purged: 0,
      reports: 1,
      volunteers: 1,
      familyContacts: 0,
    });
    again.close();
  });
});

describe('retention rules from the CLI', () => {
  it('retention sets and turns off each rule; purge --dry-run previews the rules given', async () => {
    const { service, vaultDir } = await unlockedService();
    service.close();
    const env = { AMPARO_PASSPHRASE: PASSPHRASE };
    const cli = (...args: string[]) => runCliInProcess([...args, '--vault', vaultDir], env);
    const set = JSON.parse(
      (
        await cli(
          'retention',
          '--false-alarm-hours',
          '72',
          '--volunteer-months',
          '24',
          '--contact-days',
          '30',
        )
      ).stdout,
    );
    expect(set).toMatchObject({ falseAlarmHours: 72, inactiveVolunteerMonths: 24, closedContactsDays: 30 });
    expect(JSON.parse((await cli('retention', '--volunteer-months', 'off')).stdout)).toMatchObject({
      falseAlarmHours: 72,
      inactiveVolunteerMonths: null,
    });
    const refused = await cli('retention', '--false-alarm-hours', '0');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--false-alarm-hours');
    // With no rule given, purge runs the rules turned on.
    const saved = JSON.parse((await cli('purge', '--dry-run')).stdout);
    expect(saved.rules.map((r: RuleOutcome) => r.rule)).toEqual(['closedContactsDays', 'falseAlarmHours']);
    const given = JSON.parse((await cli('purge', '--report-days', '365', '--dry-run')).stdout);
    expect(given.rules.map((r: RuleOutcome) => r.rule)).toEqual(['reportDays']);
    expect((await cli('purge', '--report-days', 'off')).code).toBe(1);
  });
});
