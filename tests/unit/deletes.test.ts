import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAgeKey } from '../../electron/core/sync/identity';
import { loadIdentity } from '../../electron/core/sync/store';
import { introduceAll, makeOffice, type Office } from '../helpers/sync-offices';
import { manualClock, removeTempDirs } from '../helpers/vault';

// Deletes that erase, and that can't take a live case from a partner office: Recently deleted, erasure
// (nothing left but id, kind and the deletion), a person's events going with her, legal holds, and the
// two- and three-office rules (an unseen edit beats a delete; a held case is never deleted by a bundle).

const DAY = 24 * 60 * 60 * 1000;
const clocks = { a: manualClock(), b: manualClock(), c: manualClock() };
let a: Office;
let b: Office;
let c: Office;

async function send(from: Office, to: Office, scope: 'all' | 'since-last' = 'since-last') {
  const out = await from.service.handlers['bundle:export']({
    to: [to.fingerprint],
    scope: { scope },
    redaction: 'Full',
  });
  return { bytes: out.bytes, summary: await to.service.handlers['bundle:import']({ bytes: out.bytes }) };
}

const rejects = (work: () => unknown) => expect(Promise.resolve().then(work)).rejects;

/** Every value in every table of the (decrypted) vault, as text: what "erased" must not contain. */
function vaultText(office: Office): string {
  const { db } = office.service.context.session();
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
    name: string;
  }[];
  return tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
}

beforeAll(async () => {
  a = await makeOffice('Office A', clocks.a);
  b = await makeOffice('Office B', clocks.b);
  c = await makeOffice('Office C', clocks.c);
  introduceAll([a, b, c]);
});

afterAll(() => {
  for (const office of [a, b, c]) office.service.close();
  removeTempDirs();
});

describe('local deletes', () => {
  it('moves a person and her events to Recently deleted, hidden, and restores them together', async () => {
    const h = a.service.handlers;
    const person = await h['person:create']({ givenName: 'Ana', familyName: 'Delgado' });
    const event = await h['event:create']({
      personId: person.id,
      kind: 'BOND_HEARING',
      at: '2027-01-05T17:00:00Z',
    });
    const result = await h['person:delete']({ id: person.id });
    expect(result).toEqual({ id: person.id, deleted: true, erased: false });
    await rejects(() => h['person:get']({ id: person.id })).toMatchObject({ code: 'NOT_FOUND' });
    await rejects(() => h['event:get']({ id: event.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await h['person:list']({ search: 'Delgado' })).total).toBe(0);
    const recent = await h['deleted:list'](undefined);
    expect(recent.keepDays).toBe(14);
    expect(recent.items.map((i) => [i.kind, i.id])).toEqual(
      expect.arrayContaining([
        ['person', person.id],
        ['event', event.id],
      ]),
    );
    // The event names its owner, so the screen shows it inside her row.
    expect(recent.items.find((i) => i.id === event.id)?.owner).toEqual({ kind: 'person', id: person.id });
    expect(recent.items.find((i) => i.id === person.id)?.owner).toBeUndefined();
    await h['deleted:restore']({ kind: 'person', id: person.id });
    expect((await h['person:get']({ id: person.id })).familyName).toBe('Delgado');
    expect((await h['event:get']({ id: event.id })).kind).toBe('BOND_HEARING');
    expect((await h['person:list']({ search: 'Delgado' })).total).toBe(1);
  });

  it('erases after the office keeps it N days (checked at unlock), leaving no value behind', async () => {
    const h = a.service.handlers;
    const person = await h['person:create']({
      givenName: 'Zoila',
      familyName: 'Quintanilla',
      notes: 'home address: 1234 Calle Erasable',
    });
    await h['person:delete']({ id: person.id });
    expect(vaultText(a)).toContain('Calle Erasable');
    // Every office's clock moves on together, so later bundles stay within the clock-skew limit.
    for (const clock of Object.values(clocks)) clock.advance(15 * DAY);
    // Lock and unlock runs the erasure, as the app does.
    await h['vault:lock'](undefined);
    await h['vault:unlock']({ passphrase: 'correct horse battery staple' });
    const text = vaultText(a);
    expect(text).not.toContain('Calle Erasable');
    expect(text).not.toContain('Quintanilla');
    expect((await h['deleted:list'](undefined)).items.map((i) => i.id)).not.toContain(person.id);
    // The audit keeps the events (who, when, which record), never values.
    const history = await h['audit:history']({ kind: 'person', id: person.id });
    expect(history.map((e) => e.action)).toEqual(['create', 'delete', 'erase']);
  });

  it('erases at once when asked, or when the office keeps deletes 0 days', async () => {
    const h = a.service.handlers;
    const first = await h['person:create']({ givenName: 'Forget', familyName: 'Me-Now' });
    expect(await h['person:delete']({ id: first.id, eraseNow: true })).toMatchObject({ erased: true });
    expect(vaultText(a)).not.toContain('Me-Now');
    await h['deleted:setKeepDays']({ days: 0 });
    const second = await h['person:create']({ givenName: 'Zero', familyName: 'Days-Kept' });
    expect(await h['person:delete']({ id: second.id })).toMatchObject({ erased: true });
    expect(vaultText(a)).not.toContain('Days-Kept');
    await h['deleted:setKeepDays']({ days: 14 });
  });

  it('"Erase now" in Recently deleted erases a person with the events and assignments that went with her', async () => {
    const h = a.service.handlers;
    const person = await h['person:create']({ givenName: 'Olvido', familyName: 'Pronto' });
    const event = await h['event:create']({
      personId: person.id,
      kind: 'MASTER_CALENDAR',
      at: '2027-02-01T17:00:00Z',
      notes: 'courtroom note Erasable-Event',
    });
    await h['person:delete']({ id: person.id });
    expect(vaultText(a)).toContain('Erasable-Event');
    await h['deleted:erase']({ kind: 'person', id: person.id });
    expect(vaultText(a)).not.toContain('Erasable-Event');
    expect(vaultText(a)).not.toContain('Pronto');
    const left = (await h['deleted:list'](undefined)).items.map((i) => i.id);
    expect(left).not.toContain(person.id);
    expect(left).not.toContain(event.id);
  });

  it('deletes, restores and erases a hotline report with its dispatches, never the volunteer or a linked person', async () => {
    const h = a.service.handlers;
    const volunteer = await h['volunteer:create']({
      givenName: 'Obdulia',
      familyName: 'Observa',
      roles: ['LEGAL_OBSERVER'],
      status: 'ACTIVE',
    });
    const report = await h['report:create']({
      receivedAt: '2026-11-24T18:20:00Z',
      location: '1400 International Blvd',
      county: 'Alameda',
      agency: 'ICE',
      verification: 'UNVERIFIED',
      status: 'OPEN',
    });
    const [dispatch] = await h['dispatch:send']({ reportId: report.id, volunteerIds: [volunteer.id] });
    await h['dispatch:update']({ id: dispatch!.id, patch: { notes: 'report-back Erasable-Dispatch' } });
    const person = await h['person:create']({ givenName: 'Lina', familyName: 'Linked', reportId: report.id });
    const other = await h['report:create']({
      receivedAt: '2026-11-24T19:00:00Z',
      location: 'Elsewhere',
      verification: 'UNVERIFIED',
      status: 'OPEN',
    });
    const [kept] = await h['dispatch:send']({ reportId: other.id, volunteerIds: [volunteer.id] });

    await h['report:delete']({ id: report.id });
    await rejects(() => h['dispatch:get']({ id: dispatch!.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await h['dispatch:list']({ filters: { reportId: report.id } })).total).toBe(0);
    expect((await h['dispatch:get']({ id: kept!.id })).reportId).toBe(other.id);
    expect((await h['volunteer:get']({ id: volunteer.id })).familyName).toBe('Observa');
    expect((await h['person:get']({ id: person.id })).familyName).toBe('Linked');
    const recent = (await h['deleted:list'](undefined)).items.map((i) => [i.kind, i.id]);
    expect(recent).toEqual(
      expect.arrayContaining([
        ['report', report.id],
        ['dispatch', dispatch!.id],
      ]),
    );

    await h['deleted:restore']({ kind: 'report', id: report.id });
    expect((await h['dispatch:get']({ id: dispatch!.id })).notes).toBe('report-back Erasable-Dispatch');

    await h['report:delete']({ id: report.id });
    await h['deleted:erase']({ kind: 'report', id: report.id });
    expect(vaultText(a)).not.toContain('Erasable-Dispatch');
    const left = (await h['deleted:list'](undefined)).items.map((i) => i.id);
    expect(left).not.toContain(dispatch!.id);
    expect((await h['dispatch:get']({ id: kept!.id })).status).toBe('SENT');
  });

  it('refuses to delete a person on legal hold, or her events, until the hold is cleared', async () => {
    const h = a.service.handlers;
    const person = await h['person:create']({ givenName: 'Hilda', familyName: 'Held' });
    const event = await h['event:create']({ personId: person.id, kind: 'CALL', at: '2026-12-01T10:00:00Z' });
    await h['hold:set']({ personId: person.id, reason: 'Habeas petition pending' });
    expect((await h['person:get']({ id: person.id })).legalHold?.reason).toBe('Habeas petition pending');
    await rejects(() => h['person:delete']({ id: person.id })).toMatchObject({ code: 'LEGAL_HOLD' });
    await rejects(() => h['event:delete']({ id: event.id })).toMatchObject({ code: 'LEGAL_HOLD' });
    await h['hold:clear']({ personId: person.id });
    expect(await h['person:delete']({ id: person.id })).toMatchObject({ deleted: true });
  });
});

describe('deletes between offices', () => {
  it('the import preview names a deleted person and what goes with her: events, deadlines, next hearing', async () => {
    const person = await a.service.handlers['person:create']({ givenName: 'Vera', familyName: 'Vista' });
    const hearing = await a.service.handlers['event:create']({
      personId: person.id,
      kind: 'BOND_HEARING',
      at: '2027-01-05T17:00:00.000Z',
    });
    await a.service.handlers['deadline:create']({
      personId: person.id,
      what: 'Bond brief',
      dueAt: '2027-01-03T17:00:00.000Z',
    });
    await send(a, b);
    await a.service.handlers['person:delete']({ id: person.id });
    const out = await a.service.handlers['bundle:export']({
      to: [b.fingerprint],
      scope: { scope: 'since-last' },
      redaction: 'Full',
    });
    const preview = await b.service.handlers['bundle:preview']({ bytes: out.bytes });
    expect(preview.deletes.find((d) => d.id === person.id)).toMatchObject({
      kind: 'person',
      label: 'Vera Vista',
      takes: { events: 1, assignments: 0, deadlines: 1, nextHearing: hearing.at },
    });
    await b.service.handlers['bundle:import']({ bytes: out.bytes });
  });

  it('a bundle carries only the tombstone of a deleted person, as stock age shows', async () => {
    const person = await a.service.handlers['person:create']({
      givenName: 'Rosalba',
      familyName: 'Tombstone-Only',
      aNumber: '201555099',
      phone: '510-555-0177',
    });
    await send(a, b);
    await a.service.handlers['person:delete']({ id: person.id });
    const { bytes } = await send(a, b, 'all');
    expect(
      await rejects(() => b.service.handlers['person:get']({ id: person.id })).toMatchObject({
        code: 'NOT_FOUND',
      }),
    );
    const ageBin = '/usr/bin/age';
    if (!existsSync(ageBin)) {
      console.warn('skipping the stock-age half: /usr/bin/age is not installed');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'amparo-erase-'));
    try {
      const now = b.service.context.clock.now();
      writeFileSync(join(dir, 'b.key'), exportAgeKey(loadIdentity(b.service.context.session().db), now));
      writeFileSync(join(dir, 'x.amparo'), Buffer.from(bytes, 'base64'));
      const sh = (cmd: string) => execSync(cmd, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
      sh('age -d -i b.key x.amparo | tar -x');
      const lines = sh('gunzip -c changes.jsonl.gz');
      expect(lines).toContain(person.id);
      for (const value of ['Tombstone-Only', 'Rosalba', '201555099', '510-555-0177']) {
        expect(lines).not.toContain(value);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an edit relayed through a third office outlives a delete that had not seen it', async () => {
    const person = await a.service.handlers['person:create']({ givenName: 'Rita', familyName: 'Relay' });
    await send(a, b);
    await send(a, c);
    clocks.c.advance(1000);
    await c.service.handlers['person:update']({ id: person.id, patch: { arrestCounty: 'Alameda' } });
    await send(c, b); // B has seen C's edit …
    clocks.a.advance(5000);
    await a.service.handlers['person:delete']({ id: person.id }); // … A has not, and deletes.
    const { summary } = await send(a, b);
    expect(summary).toMatchObject({ deleted: 0, conflicts: 0, deleteConflicts: 1 });
    expect((await b.service.handlers['person:get']({ id: person.id })).arrestCounty).toBe('Alameda');
    const pending = await b.service.handlers['deleted:pending'](undefined);
    expect(pending).toEqual([expect.objectContaining({ kind: 'person', id: person.id, held: false })]);
    // B keeps the record: A gets it back, and the conflict closes at both.
    await b.service.handlers['deleted:keep']({ kind: 'person', id: person.id });
    await send(b, a);
    expect((await a.service.handlers['person:get']({ id: person.id })).arrestCounty).toBe('Alameda');
    expect(await a.service.handlers['deleted:pending'](undefined)).toEqual([]);
    expect(await b.service.handlers['deleted:pending'](undefined)).toEqual([]);
  });

  it('never deletes a held case through a bundle: the delete becomes a conflict', async () => {
    const person = await a.service.handlers['person:create']({ givenName: 'Olga', familyName: 'Hold' });
    await send(a, b);
    clocks.b.advance(1000);
    await b.service.handlers['hold:set']({ personId: person.id, reason: 'Bond hearing 12/5' });
    clocks.a.advance(5000);
    await a.service.handlers['person:delete']({ id: person.id });
    const { summary } = await send(a, b);
    expect(summary).toMatchObject({ deleted: 0, conflicts: 0, deleteConflicts: 1 });
    expect((await b.service.handlers['person:get']({ id: person.id })).legalHold?.reason).toBe(
      'Bond hearing 12/5',
    );
    // The hold travels back and outlives the delete at A too.
    await send(b, a);
    expect((await a.service.handlers['person:get']({ id: person.id })).givenName).toBe('Olga');
  });

  it('a restore travels as an edit and brings the record back where it was erased', async () => {
    const person = await a.service.handlers['person:create']({ givenName: 'Lázaro', familyName: 'Back' });
    await send(a, b);
    await b.service.handlers['deleted:setKeepDays']({ days: 0 });
    clocks.a.advance(1000);
    await a.service.handlers['person:delete']({ id: person.id });
    await send(a, b); // erased at B at once
    expect(vaultText(b)).not.toContain('Lázaro');
    clocks.a.advance(1000);
    await a.service.handlers['deleted:restore']({ kind: 'person', id: person.id });
    await send(a, b);
    expect((await b.service.handlers['person:get']({ id: person.id })).givenName).toBe('Lázaro');
    await b.service.handlers['deleted:setKeepDays']({ days: 14 });
  });
});
