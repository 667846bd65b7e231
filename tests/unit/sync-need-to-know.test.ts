import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmparoError } from '../../shared/errors';
import type { ChangeLine } from '../../shared/sync';
import type { RedactionSetInput } from '../../shared/channels/sync';
import { openBundle } from '../../electron/core/sync/bundle';
import { contactByKeyId, loadIdentity, ourFingerprint } from '../../electron/core/sync/store';
import { introduce, makeOffice, type Office } from '../helpers/sync-offices';
import { manualClock, removeTempDirs } from '../helpers/vault';

// Need-to-know sharing between two real offices: what a Dispatch bundle carries once the recipient has opened
// it (the change lines) and imported it (the records), the Legal profile with and without family contacts,
// custom profiles as allow-lists, and a purge at one office that leaves the partner's copy alone.

let a: Office; // sends
let b: Office; // receives
const clockA = manualClock('2026-11-24T10:00:00.000Z');
const clockB = manualClock('2026-11-24T10:00:00.000Z');

/** A value planted in every field no Dispatch bundle may carry: found nowhere in the bundle's lines. */
const SECRET = 'SECRET-n2k-7d41';
const ids: Record<string, string> = {};

beforeAll(async () => {
  a = await makeOffice('Intake office', clockA);
  b = await makeOffice('Hotline partner', clockB);
  introduce(a, b);
  introduce(b, a);
  const h = a.service.handlers;
  const facility = (await h['facility:list']({ limit: 1 })).rows[0]!;
  const attorney = await h['attorney:create']({
    givenName: 'Laura',
    familyName: 'Abogada',
    organization: 'Legal Aid',
    phone: '+1 415 555 0199',
    email: 'secret-n2k@example.org',
    barNumber: `${SECRET}-bar`,
  });
  const volunteer = await h['volunteer:create']({
    givenName: 'Vera',
    familyName: 'Voluntaria',
    phone: '+1 510 555 0142',
    email: 'vera-secret-n2k@example.org',
    signal: `${SECRET}-signal`,
    notes: `${SECRET}-volunteer-notes`,
    languages: ['es'],
    status: 'ACTIVE',
  });
  const person = await h['person:create']({
    givenName: 'Ana',
    familyName: 'Pérez',
    otherNames: [`${SECRET} alias`],
    aNumber: '123456789',
    dateOfBirth: '1990-04-02',
    countryOfBirth: 'GT',
    languages: ['mam'],
    needsInterpreter: true,
    phone: '+1 408 555 0100',
    detainedAt: '2026-11-20T07:00:00Z',
    arrestLocation: `${SECRET} arrest place`,
    arrestCounty: 'Santa Clara',
    arrestingAgency: 'ICE',
    facilityId: facility.id,
    custodyStatus: 'CONFIRMED_DETAINED',
    caseStatus: 'ASSIGNED',
    priority: 'URGENT',
    minorsAtHome: 2,
    medicalNeeds: `${SECRET} insulin`,
    contacts: [
      { name: `${SECRET} sister`, relationship: 'sister', phone: '+1 408 555 0111', okToContact: true },
    ],
    consentRecorded: true,
    reportSource: 'HOTLINE',
    notes: `${SECRET} case notes`,
    legalHold: { reason: `${SECRET} hold`, since: '2026-11-21T10:00:00Z' },
  });
  const hearing = await h['event:create']({
    personId: person.id,
    kind: 'BOND_HEARING',
    at: '2027-01-12T09:00:00-08:00',
    location: 'San Francisco Immigration Court, courtroom 3',
    judge: `${SECRET} judge`,
    outcome: `${SECRET} outcome`,
    notes: `${SECRET} hearing notes`,
  });
  const habeas = await h['event:create']({
    personId: person.id,
    kind: 'HABEAS_FILED',
    at: '2026-11-22T10:00:00Z',
    location: `${SECRET} district court`,
  });
  const call = await h['event:create']({
    personId: person.id,
    kind: 'CALL',
    at: '2026-11-23T10:00:00Z',
    notes: `${SECRET} call notes`,
  });
  const assignment = await h['assignment:create']({
    personId: person.id,
    attorneyId: attorney.id,
    role: 'LEAD',
    status: 'ACTIVE',
    notes: `${SECRET} bond strategy`,
  });
  const report = await h['report:create']({
    receivedAt: '2026-11-20T06:30:00Z',
    location: `${SECRET} corner`,
    county: 'Santa Clara',
    description: `${SECRET} what was seen`,
    verification: 'VERIFIED',
    status: 'OPEN',
    dispatchedVolunteerIds: [volunteer.id],
    personIds: [person.id],
  });
  Object.assign(ids, {
    facility: facility.id,
    attorney: attorney.id,
    volunteer: volunteer.id,
    person: person.id,
    hearing: hearing.id,
    habeas: habeas.id,
    call: call.id,
    assignment: assignment.id,
    report: report.id,
  });
});

afterAll(() => {
  for (const o of [a, b]) o?.service.close();
  removeTempDirs();
});

/** A handler's synchronous throw, as a rejection. */
const attempt = <T>(fn: () => T) => Promise.resolve().then(fn);

async function send(profile: string) {
  return a.service.handlers['bundle:export']({
    to: [b.fingerprint],
    scope: { scope: 'all' },
    redaction: profile,
  });
}

/** The change lines as the recipient reads them after every check (decrypt, signature, hash, schemas). */
async function opened(bytes: string): Promise<ChangeLine[]> {
  const db = b.service.context.session().db;
  const bundle = await openBundle(Buffer.from(bytes, 'base64'), {
    identity: loadIdentity(db),
    contactByKeyId: (k) => contactByKeyId(db, k),
    ourFingerprint: ourFingerprint(db)!,
    now: clockB.now(),
  });
  return bundle.changes;
}

const fieldsOf = (lines: ChangeLine[], id: string) =>
  Object.keys(lines.find((line) => line.id === id)?.fields ?? {}).sort();

describe('Dispatch', () => {
  let lines: ChangeLine[];

  beforeAll(async () => {
    lines = await opened((await send('Dispatch')).bytes);
  });

  it('sends only names, custody, facility, case status and priority of a person', () => {
    expect(fieldsOf(lines, ids.person!)).toEqual(
      ['caseStatus', 'custodyStatus', 'facilityId', 'familyName', 'givenName', 'priority'].sort(),
    );
  });

  it('sends hearings by time, kind and place only, and no other case event', () => {
    expect(fieldsOf(lines, ids.hearing!)).toEqual(['at', 'kind', 'location', 'personId']);
    for (const other of [ids.habeas, ids.call]) expect(lines.map((l) => l.id)).not.toContain(other);
  });

  it('sends no assignment, and volunteers, attorneys and reports without contact details or links', () => {
    const entities = new Set(lines.map((line) => line.entity));
    expect(entities.has('assignment')).toBe(false);
    for (const field of ['phone', 'email', 'signal', 'notes'])
      expect(fieldsOf(lines, ids.volunteer!)).not.toContain(field);
    for (const field of ['phone', 'email', 'barNumber', 'conflicts'])
      expect(fieldsOf(lines, ids.attorney!)).not.toContain(field);
    // Where and when, how far it is confirmed and whether it is still open: never who verified it.
    expect(fieldsOf(lines, ids.report!)).toEqual([
      'county',
      'receivedAt',
      'status',
      'verification',
      'verifiedAt',
    ]);
  });

  it('carries none of the planted values anywhere in the bundle', () => {
    const text = JSON.stringify(lines);
    expect(text).not.toContain(SECRET);
    for (const value of ['123456789', '1990-04-02', '555 01', 'example.org', 'insulin', 'sister'])
      expect(text).not.toContain(value);
  });

  it('the recipient holds none of the excluded fields after importing it', async () => {
    await b.service.handlers['bundle:import']({ bytes: (await send('Dispatch')).bytes });
    const h = b.service.handlers;
    const person = await h['person:get']({ id: ids.person! });
    expect(Object.keys(person).sort()).toEqual(
      [
        'caseStatus',
        'createdAt',
        'custodyStatus',
        'facilityId',
        'familyName',
        'givenName',
        'id',
        'priority',
        'updatedAt',
      ].sort(),
    );
    expect(person).toMatchObject({
      givenName: 'Ana',
      familyName: 'Pérez',
      custodyStatus: 'CONFIRMED_DETAINED',
    });
    const events = await h['event:list']({ filters: { personId: ids.person! } });
    expect(events.rows.map((e) => [e.kind, e.at, e.location, e.notes, e.judge])).toEqual([
      [
        'BOND_HEARING',
        '2027-01-12T17:00:00.000Z',
        'San Francisco Immigration Court, courtroom 3',
        undefined,
        undefined,
      ],
    ]);
    expect((await h['assignment:list']({})).total).toBe(0);
    const volunteer = await h['volunteer:get']({ id: ids.volunteer! });
    expect([volunteer.phone, volunteer.email, volunteer.signal, volunteer.notes]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const attorney = await h['attorney:get']({ id: ids.attorney! });
    expect([attorney.phone, attorney.email, attorney.familyName]).toEqual([undefined, undefined, 'Abogada']);
    const report = await h['report:get']({ id: ids.report! });
    expect([report.personIds, report.location, report.description]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    // Nothing excluded reached the recipient's database, in any table.
    const db = b.service.context.session().db;
    expect(db.serialize().includes(SECRET)).toBe(false);
  });

  it('is fixed: neither Dispatch nor Full can be changed', async () => {
    const h = a.service.handlers;
    for (const input of [
      { name: 'Dispatch', send: { person: ['aNumber'] } },
      { name: 'Dispatch', includeFamilyContacts: true },
      { name: 'Full', fields: {} },
    ] satisfies RedactionSetInput[])
      await expect(attempt(() => h['redaction:set'](input))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('Legal', () => {
  it('sends the case file without family contacts, and with them once ticked', async () => {
    const h = a.service.handlers;
    const legal = (await h['redaction:list'](undefined)).find((p) => p.name === 'Legal')!;
    expect(legal).toMatchObject({ builtIn: true, editable: 'familyContacts', includeFamilyContacts: false });

    const without = await opened((await send('Legal')).bytes);
    const personFields = fieldsOf(without, ids.person!);
    expect(personFields).toEqual(
      expect.arrayContaining(['aNumber', 'dateOfBirth', 'notes', 'medicalNeeds', 'legalHold']),
    );
    expect(personFields).not.toContain('contacts');
    expect(fieldsOf(without, ids.assignment!)).toContain('notes');
    expect(fieldsOf(without, ids.habeas!)).toContain('location');
    expect(without.some((line) => line.entity === 'volunteer' || line.entity === 'report')).toBe(false);
    expect(JSON.stringify(without)).not.toContain(`${SECRET} sister`);

    const ticked = await h['redaction:set']({ name: 'Legal', includeFamilyContacts: true });
    expect(ticked.find((p) => p.name === 'Legal')?.includeFamilyContacts).toBe(true);
    const withContacts = await opened((await send('Legal')).bytes);
    expect(fieldsOf(withContacts, ids.person!)).toContain('contacts');
    expect(JSON.stringify(withContacts)).toContain(`${SECRET} sister`);

    // Only the option can change: its fields stay what they are.
    await expect(
      attempt(() => h['redaction:set']({ name: 'Legal', send: { person: ['givenName'] } })),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await h['redaction:set']({ name: 'Legal', includeFamilyContacts: false });
    expect(fieldsOf(await opened((await send('Legal')).bytes), ids.person!)).not.toContain('contacts');
  });
});

describe('custom profiles send only what they list', () => {
  it('adds the fields a record needs, refuses unknown fields, and keeps the older "left out" form', async () => {
    const h = a.service.handlers;
    const list = await h['redaction:set']({
      name: 'County partner',
      send: { person: ['custodyStatus'], event: ['location'] },
      eventKinds: ['BOND_HEARING'],
    });
    const custom = list.find((p) => p.name === 'County partner')!;
    expect(custom).toMatchObject({
      builtIn: false,
      everything: false,
      editable: 'all',
      includeFamilyContacts: false,
    });
    expect([...custom.send.person!].sort()).toEqual(['custodyStatus', 'familyName', 'givenName']);
    expect([...custom.send.event!].sort()).toEqual(['at', 'kind', 'location', 'personId']);
    expect(custom.send.volunteer).toBeUndefined();
    const lines = await opened((await send('County partner')).bytes);
    expect(new Set(lines.map((l) => l.entity))).toEqual(new Set(['person', 'event']));
    expect(fieldsOf(lines, ids.person!)).toEqual(['custodyStatus', 'familyName', 'givenName']);

    await expect(
      attempt(() => h['redaction:set']({ name: 'Typo', send: { person: ['aNumbr'] } })),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      attempt(() => h['redaction:set']({ name: 'Sly', send: { person: ['contacts'] } })),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(attempt(() => h['redaction:set']({ name: 'No fields yet' }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(attempt(() => h['redaction:set']({ name: 'legal', send: {} }))).rejects.toBeInstanceOf(
      AmparoError,
    );

    // The older form lists what to leave out; every other field of every kind goes.
    const older = (
      await h['redaction:set']({ name: 'Older', fields: { person: ['aNumber', 'contacts'] } })
    ).find((p) => p.name === 'Older')!;
    expect(older.fields).toEqual({ person: ['aNumber', 'contacts'] });
    expect(older.includeFamilyContacts).toBe(false);
    expect(older.send.person).not.toContain('aNumber');
    expect(older.send.report).toContain('description');
    for (const name of ['County partner', 'Older']) await h['redaction:delete']({ name });
  });
});

describe('a purge at one office', () => {
  it("never erases the partner's copy, and the purge marker stays home", async () => {
    const h = a.service.handlers;
    const closed = await h['person:create']({
      givenName: 'Elena',
      familyName: 'Cerrada',
      caseStatus: 'CLOSED',
    });
    await b.service.handlers['bundle:import']({ bytes: (await send('Full')).bytes });
    expect((await b.service.handlers['person:get']({ id: closed.id })).familyName).toBe('Cerrada');

    clockA.advance(200 * 24 * 60 * 60 * 1000);
    clockB.advance(200 * 24 * 60 * 60 * 1000);
    expect(await h['retention:purge']({ days: 180 })).toMatchObject({ people: 1 });
    await expect(Promise.resolve().then(() => h['person:get']({ id: closed.id }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    for (const scope of ['all', 'since-last'] as const) {
      const out = await a.service.handlers['bundle:export']({
        to: [b.fingerprint],
        scope: { scope },
        redaction: 'Full',
      });
      const lines = await opened(out.bytes);
      expect(lines.filter((line) => line.id === closed.id)).toEqual([]);
      expect(lines.some((line) => line.purged !== undefined)).toBe(false);
      await b.service.handlers['bundle:import']({ bytes: out.bytes });
    }
    expect((await b.service.handlers['person:get']({ id: closed.id })).familyName).toBe('Cerrada');
  });
});
