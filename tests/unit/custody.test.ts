import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import { facilityId } from '../../electron/core/records/facilities';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { manualClock, PASSPHRASE, removeTempDirs, unlockedService } from '../helpers/vault';

// Transfers and custody history: where a person is now is the latest transfer by date, whatever order
// the transfers were typed in; editing the facility directly records a transfer.

let service: AmparoService;
const clock = manualClock('2026-12-03T18:00:00.000Z');
const MESA = facilityId('mesa-verde');
const JENA = facilityId('central-louisiana');
const SF = facilityId('sf-field-office');

async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(service.handlers, channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as ChannelOutput<C>;
}

beforeEach(async () => {
  clock.set('2026-12-03T18:00:00.000Z');
  ({ service } = await unlockedService({ clock }));
});
afterEach(() => {
  service.close();
  removeTempDirs();
});

describe('custody history', () => {
  it('a back-dated transfer typed last does not become the current place', async () => {
    const person = await call('person:create', { givenName: 'Marta', familyName: 'Cruz' });
    const transfer = (at: string, facility: string) =>
      call('event:create', { personId: person.id, kind: 'TRANSFER', at, facilityId: facility });
    await transfer('2026-11-29T10:00:00-08:00', MESA);
    await transfer('2026-12-01T07:00:00-08:00', JENA);
    await transfer('2026-11-28T15:00:00-08:00', SF);

    const history = await call('custody:history', { personId: person.id });
    expect(history.current).toEqual({ facilityId: JENA, since: '2026-12-01T15:00:00.000Z' });
    expect(history.entries.map((e) => [e.facilityId, e.fromFacilityId])).toEqual([
      [JENA, MESA],
      [MESA, SF],
      [SF, null],
    ]);
    const stored = await call('person:get', { id: person.id });
    expect(stored.facilityId).toBe(JENA);
    expect(stored.custodyStatus).toBe('TRANSFERRED');
  });

  it('moving a transfer in time changes where the person is', async () => {
    const person = await call('person:create', { givenName: 'Ana', familyName: 'Paz' });
    const first = await call('event:create', {
      personId: person.id,
      kind: 'TRANSFER',
      at: '2026-11-29T18:00:00Z',
      facilityId: MESA,
    });
    await call('event:create', {
      personId: person.id,
      kind: 'TRANSFER',
      at: '2026-12-01T15:00:00Z',
      facilityId: JENA,
    });
    await call('event:update', { id: first.id, patch: { at: '2026-12-02T09:00:00Z' } });
    expect((await call('custody:history', { personId: person.id })).current.facilityId).toBe(MESA);
    expect((await call('person:get', { id: person.id })).facilityId).toBe(MESA);
  });

  it('editing the facility records a transfer from where the person was', async () => {
    const person = await call('person:create', { givenName: 'Luz', familyName: 'Rey', facilityId: SF });
    expect((await call('custody:history', { personId: person.id })).entries).toEqual([]);
    clock.set('2026-12-04T17:30:00.000Z');
    const updated = await call('person:update', { id: person.id, patch: { facilityId: MESA } });
    expect(updated.facilityId).toBe(MESA);
    const history = await call('custody:history', { personId: person.id });
    expect(history.entries).toHaveLength(1);
    expect(history.entries[0]).toMatchObject({
      at: '2026-12-04T17:30:00.000Z',
      facilityId: MESA,
      fromFacilityId: SF,
    });
    // The same facility again is no move.
    await call('person:update', { id: person.id, patch: { facilityId: MESA, notes: 'seen' } });
    expect((await call('custody:history', { personId: person.id })).entries).toHaveLength(1);
  });

  it('refuses a transfer to a facility that does not exist', async () => {
    const person = await call('person:create', { givenName: 'Eva', familyName: 'Sol' });
    const result = await dispatch(service.handlers, 'event:create', {
      personId: person.id,
      kind: 'TRANSFER',
      at: '2026-12-01T15:00:00Z',
      facilityId: 'f'.repeat(32),
    });
    expect(result.ok).toBe(false);
    expect((await call('person:get', { id: person.id })).facilityId).toBeUndefined();
  });

  it('the seed list holds out-of-state centres, each with a source note', async () => {
    const { rows } = await call('facility:list', { limit: 1000 });
    const names = rows.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Central Louisiana ICE Processing Center',
        'Port Isabel Service Processing Center',
        'Northwest ICE Processing Center',
      ]),
    );
    for (const facility of rows) expect(facility.source).toMatch(/\S/);
  });
});

describe('deleting a transfer', () => {
  it('puts the person back where the latest remaining transfer took her, and restoring moves her again', async () => {
    const person = await call('person:create', { givenName: 'Rita', familyName: 'Luna' });
    await call('event:create', {
      personId: person.id,
      kind: 'TRANSFER',
      at: '2026-11-29T18:00:00Z',
      facilityId: MESA,
    });
    const jena = await call('event:create', {
      personId: person.id,
      kind: 'TRANSFER',
      at: '2026-12-01T15:00:00Z',
      facilityId: JENA,
    });
    await call('event:delete', { id: jena.id });
    expect((await call('person:get', { id: person.id })).facilityId).toBe(MESA);
    expect((await call('custody:history', { personId: person.id })).current.facilityId).toBe(MESA);
    await call('deleted:restore', { kind: 'event', id: jena.id });
    expect((await call('person:get', { id: person.id })).facilityId).toBe(JENA);
  });
});

describe('the facility list of an older vault', () => {
  it('gains the centres added since at unlock, but not one the office deleted', async () => {
    const port = facilityId('port-isabel');
    // As a vault made before Port Isabel was on the list: its row was never there.
    service.context.session().db.prepare('DELETE FROM facilities WHERE id = ?').run(port);
    await call('facility:delete', { id: MESA });
    await call('vault:lock');
    await call('vault:unlock', { passphrase: PASSPHRASE });
    expect((await call('facility:get', { id: port })).name).toBe('Port Isabel Service Processing Center');
    expect((await dispatch(service.handlers, 'facility:get', { id: MESA })).ok).toBe(false);
  });
});
