import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import { parseStamp, STAMP_PATTERN } from '../../electron/core/records/hlc';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { manualClock, removeTempDirs, unlockedService } from '../helpers/vault';
import { decodeClocks } from '../../electron/core/records/clocks';

// What sync's per-field merge relies on: every write stamps exactly the fields it changed with one HLC
// stamp, unchanged fields keep their stamps, clearing a field stamps it too, a no-op update stamps
// nothing, and a delete leaves a stamped tombstone row instead of removing it.

let service: AmparoService;
const clock = manualClock('2026-11-24T10:00:00.000Z');

async function call<C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(service.handlers, channel, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as ChannelOutput<C>;
}

function row(id: string): { clock: string; fieldClocks: Record<string, string>; deletedAt: string | null } {
  const raw = service.context
    .session()
    .db.prepare('SELECT clock, field_clocks, deleted_at FROM people WHERE id = ?')
    .get(id) as { clock: string; field_clocks: string; deleted_at: string | null };
  return {
    clock: raw.clock,
    fieldClocks: decodeClocks(raw.field_clocks),
    deletedAt: raw.deleted_at,
  };
}

beforeEach(async () => {
  clock.set('2026-11-24T10:00:00.000Z');
  ({ service } = await unlockedService({ clock }));
});
afterEach(() => {
  service.close();
  removeTempDirs();
});

describe('per-field clocks and tombstones', () => {
  it('stamps only the changed fields and keeps a tombstone on delete', async () => {
    const officeId = service.context.session().office.id;
    const person = await call('person:create', {
      givenName: 'Lucía',
      familyName: 'Hernández',
      phone: '+1 510 555 0100',
    });
    const created = row(person.id);
    expect(created.clock).toMatch(STAMP_PATTERN);
    expect(parseStamp(created.clock).office).toBe(officeId);
    expect(Object.keys(created.fieldClocks).sort()).toEqual(['familyName', 'givenName', 'phone']);
    expect(new Set(Object.values(created.fieldClocks))).toEqual(new Set([created.clock]));

    clock.advance(60_000);
    await call('person:update', { id: person.id, patch: { familyName: 'Hernández Ruiz', phone: null } });
    const updated = row(person.id);
    expect(updated.clock > created.clock).toBe(true);
    expect(updated.fieldClocks.givenName).toBe(created.clock);
    expect(updated.fieldClocks.familyName).toBe(updated.clock);
    // The cleared field keeps a stamp so the removal itself can win a merge.
    expect(updated.fieldClocks.phone).toBe(updated.clock);

    clock.advance(60_000);
    await call('person:update', { id: person.id, patch: { givenName: 'Lucía' } });
    expect(row(person.id)).toEqual(updated);

    clock.advance(60_000);
    await call('person:delete', { id: person.id });
    const tombstone = row(person.id);
    expect(tombstone.deletedAt).toBe('2026-11-24T10:03:00.000Z');
    expect(tombstone.clock > updated.clock).toBe(true);
    expect(tombstone.fieldClocks).toEqual(updated.fieldClocks);
  });

  it('stamps stay strictly increasing when the wall clock goes backwards between writes', async () => {
    const a = await call('person:create', { givenName: 'Ana', familyName: 'Pérez' });
    clock.set('2026-11-24T09:00:00.000Z');
    const b = await call('person:create', { givenName: 'Beto', familyName: 'Ruiz' });
    expect(row(b.id).clock > row(a.id).clock).toBe(true);
  });
});
