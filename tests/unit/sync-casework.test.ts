import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facilityId } from '../../electron/core/records/facilities';
import { introduce, makeOffice, recordDump, type Office } from '../helpers/sync-offices';
import { manualClock, removeTempDirs } from '../helpers/vault';

// Deadlines and transfers travel in bundles like every record: a person's deadlines go with her (even in a
// bundle of chosen people), Legal sends them, and where she is held follows the latest transfer by date at
// the recipient too, whichever office typed which transfer.

let a: Office;
let b: Office;
const clockA = manualClock('2026-12-03T18:00:00.000Z');
const clockB = manualClock('2026-12-03T18:05:00.000Z');
const MESA = facilityId('mesa-verde');
const JENA = facilityId('central-louisiana');
const SF = facilityId('sf-field-office');

beforeAll(async () => {
  a = await makeOffice('Oakland intake', clockA);
  b = await makeOffice('Legal partner', clockB);
  introduce(a, b);
  introduce(b, a);
});
afterAll(() => {
  for (const o of [a, b]) o?.service.close();
  removeTempDirs();
});

const send = async (from: Office, to: Office, redaction: string, personIds?: string[]) => {
  const out = await from.service.handlers['bundle:export']({
    to: [to.fingerprint],
    scope: personIds ? { scope: 'people', personIds } : { scope: 'all' },
    redaction,
  });
  return to.service.handlers['bundle:import']({ bytes: out.bytes });
};

describe('deadlines and transfers in bundles', () => {
  it('a chosen person goes with her deadlines and transfers, under the Legal profile', async () => {
    const ana = await a.service.handlers['person:create']({ givenName: 'Ana', familyName: 'Ruiz' });
    await a.service.handlers['deadline:create']({
      personId: ana.id,
      what: 'File the bond packet',
      dueAt: '2026-12-11T17:00-08:00',
    });
    await a.service.handlers['event:create']({
      personId: ana.id,
      kind: 'TRANSFER',
      at: '2026-11-29T10:00:00-08:00',
      facilityId: MESA,
    });
    await a.service.handlers['event:create']({
      personId: ana.id,
      kind: 'TRANSFER',
      at: '2026-12-01T07:00:00-08:00',
      facilityId: JENA,
      fromFacilityId: MESA,
    });
    await send(a, b, 'Legal', [ana.id]);
    expect(recordDump(b, ['deadlines'])).toEqual(recordDump(a, ['deadlines']));
    const rows = (await b.service.handlers['deadline:upcoming']({ personId: ana.id })).rows;
    expect(rows.map((r) => [r.what, r.dueAt])).toEqual([
      ['File the bond packet', '2026-12-12T01:00:00.000Z'],
    ]);
    const history = await b.service.handlers['custody:history']({ personId: ana.id });
    expect(history.current.facilityId).toBe(JENA);
    expect(history.entries[0]?.fromFacilityId).toBe(MESA);

    // The partner types a back-dated transfer; back home she is still in Jena.
    await b.service.handlers['event:create']({
      personId: ana.id,
      kind: 'TRANSFER',
      at: '2026-11-28T15:00:00-08:00',
      facilityId: SF,
    });
    expect((await b.service.handlers['person:get']({ id: ana.id })).facilityId).toBe(JENA);
    await send(b, a, 'Full');
    expect((await a.service.handlers['custody:history']({ personId: ana.id })).current.facilityId).toBe(JENA);
    expect((await a.service.handlers['person:get']({ id: ana.id })).facilityId).toBe(JENA);
    expect(recordDump(a, ['people', 'events', 'deadlines'])).toEqual(
      recordDump(b, ['people', 'events', 'deadlines']),
    );
  });

  it('Dispatch does not send deadlines', async () => {
    const luis = await a.service.handlers['person:create']({ givenName: 'Luis', familyName: 'Mora' });
    await a.service.handlers['deadline:create']({
      personId: luis.id,
      what: 'Call',
      dueAt: '2026-12-20T17:00:00Z',
    });
    await send(a, b, 'Dispatch');
    expect((await b.service.handlers['deadline:list']({ filters: { personId: luis.id } })).total).toBe(0);
  });
});
