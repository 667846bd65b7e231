import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import { runRetention } from '../../electron/core/maintenance/retention';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { runCliInProcess } from '../helpers/cli';
import {
  findMarkers,
  manualClock,
  PASSPHRASE,
  removeTempDirs,
  testService,
  unlockedService,
} from '../helpers/vault';

// Retention against a real encrypted vault: who goes (exactly), what is left (purge markers, audit
// entries with field names only), and that the data is gone from the database file itself: the decrypted
// image (free pages included) no longer holds a marker planted in a purged case.

afterEach(removeTempDirs);

const DAY = 24 * 60 * 60 * 1000;
const MARKER = 'MARKER-ret-93c1-Huaman';

async function call<C extends Channel>(
  service: AmparoService,
  channel: C,
  input?: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await dispatch(service.handlers, channel, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as ChannelOutput<C>;
}

/** Three closed cases of different ages, one open old case, one recently closed case. */
async function seeded() {
  const clock = manualClock('2026-01-01T10:00:00.000Z');
  const { service, vaultDir } = await unlockedService({ clock });
  const person = (givenName: string, familyName: string, extra: Record<string, unknown> = {}) =>
    call(service, 'person:create', { givenName, familyName, ...extra });
  const oldClosed = await person('Rosa', MARKER, { caseStatus: 'CLOSED', notes: `${MARKER} notes` });
  const oldClosed2 = await person('Juan', 'Pérez', { caseStatus: 'CLOSED' });
  const oldOpen = await person('Marta', 'Gómez', { caseStatus: 'ASSIGNED' });
  await call(service, 'event:create', {
    personId: oldClosed.id,
    kind: 'CALL',
    at: clock.now().toISOString(),
    notes: `${MARKER} call`,
  });
  clock.advance(200 * DAY);
  const recentClosed = await person('Lucía', 'Flores', { caseStatus: 'CLOSED' });
  clock.advance(10 * DAY);
  return { service, vaultDir, clock, oldClosed, oldClosed2, oldOpen, recentClosed };
}

const image = (service: AmparoService) => service.context.session().db.serialize();

describe('retention', () => {
  it('is off by default and stores the setting inside the vault', async () => {
    const { service } = await unlockedService();
    expect(await call(service, 'retention:get')).toEqual({
      closedCaseDays: null,
      closedContactsDays: null,
      falseAlarmHours: null,
      reportDays: null,
      inactiveVolunteerMonths: null,
      lastRun: null,
    });
    expect(await call(service, 'retention:set', { closedCaseDays: 180 })).toMatchObject({
      closedCaseDays: 180,
    });
    expect(await call(service, 'retention:set', { closedCaseDays: null })).toMatchObject({
      closedCaseDays: null,
    });
    const bad = await dispatch(service.handlers, 'retention:set', { closedCaseDays: 0 });
    expect(bad.ok ? 'OK' : bad.error.code).toBe('INVALID_INPUT');
    service.close();
  });

  it('previews exactly the closed cases older than N days', async () => {
    const { service, oldClosed, oldClosed2 } = await seeded();
    const preview = await call(service, 'retention:preview', { days: 180 });
    expect(preview.count).toBe(2);
    // Ordered by family name: "MARKER-…" before "Pérez".
    expect(preview.people).toEqual([
      { id: oldClosed.id, name: `Rosa ${MARKER}` },
      { id: oldClosed2.id, name: 'Juan Pérez' },
    ]);
    expect((await call(service, 'retention:preview', { days: 5 })).count).toBe(3);
    expect((await call(service, 'retention:preview', { days: 365 })).count).toBe(0);
    service.close();
  });

  it('purges the data, leaves markers and audit entries, and the file no longer holds it', async () => {
    const { service, vaultDir, oldClosed, oldClosed2, oldOpen, recentClosed } = await seeded();
    // The test can fail: before the purge the decrypted image holds the marker.
    expect(image(service).includes(MARKER)).toBe(true);

    const result = await call(service, 'retention:purge', { days: 180 });
    expect(result).toMatchObject({ people: 2, events: 1, assignments: 0 });

    for (const gone of [oldClosed, oldClosed2]) {
      expect(await dispatch(service.handlers, 'person:get', { id: gone.id })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    for (const kept of [oldOpen, recentClosed]) {
      expect((await call(service, 'person:get', { id: kept.id })).id).toBe(kept.id);
    }
    const db = service.context.session().db;
    const markers = db.prepare('SELECT kind, id FROM purged ORDER BY kind, id').all() as { kind: string }[];
    expect(markers.map((m) => m.kind).sort()).toEqual(['event', 'person', 'person']);
    const history = await call(service, 'audit:history', { kind: 'person', id: oldClosed.id });
    const purgeEntry = history.find((e) => e.action === 'purge');
    expect(purgeEntry?.fields).toEqual(['caseStatus', 'familyName', 'givenName', 'notes']);
    expect(JSON.stringify(history)).not.toContain(MARKER);
    expect(await call(service, 'audit:verify')).toMatchObject({ ok: true });
    expect((await call(service, 'person:list', { search: 'Rosa' })).total).toBe(0);
    expect(await call(service, 'retention:get')).toMatchObject({ lastRun: { purged: 2 } });

    // Gone from every page of the database (free pages included), then from the files after lock.
    expect(image(service).includes(MARKER)).toBe(false);
    service.lock('manual');
    expect(findMarkers(vaultDir, [MARKER])).toEqual([]);
    const reopened = testService(vaultDir);
    await reopened.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    const rdb = reopened.context.session().db;
    expect(image(reopened).includes(MARKER)).toBe(false);
    // No stale pages beyond the database's end that serialize() would not see.
    const pages =
      (rdb.pragma('page_count', { simple: true }) as number) *
      (rdb.pragma('page_size', { simple: true }) as number);
    expect(statSync(join(vaultDir, 'vault.db')).size).toBe(pages);
    expect(rdb.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('runs on unlock when enabled, and not when off', async () => {
    const { service, vaultDir, clock, oldClosed } = await seeded();
    service.lock('manual');
    const again = testService(vaultDir, { clock });
    await again.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    expect((await call(again, 'person:get', { id: oldClosed.id })).id).toBe(oldClosed.id);
    await call(again, 'retention:set', { closedCaseDays: 180 });
    again.lock('manual');
    await again.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    expect(await dispatch(again.handlers, 'person:get', { id: oldClosed.id })).toMatchObject({ ok: false });
    expect((await call(again, 'retention:get')).lastRun).toEqual({
      at: clock.now().toISOString(),
      purged: 2,
      reports: 0,
      volunteers: 0,
      familyContacts: 0,
    });
    again.close();
  });

  it('a run with nothing due changes no record', async () => {
    const { service, clock } = await seeded();
    const before = (await call(service, 'person:list', {})).total;
    expect(runRetention(service.context, { days: 3000 }, clock.now())).toMatchObject({ people: 0 });
    expect((await call(service, 'person:list', {})).total).toBe(before);
    service.close();
  });
});

describe('retention from the CLI', () => {
  it('retention --days N, purge --dry-run lists, purge removes', async () => {
    const { service, vaultDir, oldClosed } = await seeded();
    service.close();
    const env = { AMPARO_PASSPHRASE: PASSPHRASE };
    const cli = (...args: string[]) => runCliInProcess([...args, '--vault', vaultDir], env);
    expect(JSON.parse((await cli('retention')).stdout)).toMatchObject({ closedCaseDays: null });
    expect((await cli('purge')).code).toBe(1); // off, and no --days
    expect((await cli('retention', '--days', '0')).code).toBe(1);
    // The CLI runs on the system clock: the seeded cases are months old by then.
    const preview = JSON.parse((await cli('purge', '--days', '180', '--dry-run')).stdout);
    expect(preview.people.map((p: { id: string }) => p.id)).toContain(oldClosed.id);
    expect(JSON.parse((await cli('retention', '--days', '180')).stdout)).toMatchObject({
      closedCaseDays: 180,
    });
    expect(JSON.parse((await cli('retention', '--days', 'off')).stdout)).toMatchObject({
      closedCaseDays: null,
    });
    const purged = JSON.parse((await cli('purge', '--days', '180')).stdout);
    expect(purged.people).toBe(preview.count);
    expect((await cli('get', 'person', oldClosed.id)).code).toBe(4);
  });
});
