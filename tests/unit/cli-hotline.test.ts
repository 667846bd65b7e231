import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli';
import { makeTempDir, PASSPHRASE, removeTempDirs } from '../helpers/vault';

// The hotline from the command line: report, dispatch and workshop kinds with their filters,
// `dispatch candidates` (JSON lines, best first) and `stats outreach`.

afterEach(removeTempDirs);

const env = { AMPARO_PASSPHRASE: PASSPHRASE };
let vault: string;
const cli = (...args: string[]) => runCliInProcess(['--vault', vault, ...args], env);
const json = async (...args: string[]) => {
  const result = await cli(...args);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { id: string } & Record<string, unknown>;
};
const lines = async (...args: string[]) => {
  const result = await cli(...args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
};

beforeEach(async () => {
  vault = join(makeTempDir(), 'v');
  expect((await cli('init', '--office', 'CLI Office')).code).toBe(0);
});

describe('hotline commands', () => {
  it('lists reports by filter, ranks candidates best first and records dispatches', async () => {
    const now = new Date().toISOString();
    const report = await json(
      'add',
      'report',
      '--json',
      JSON.stringify({ receivedAt: now, county: 'Alameda', agency: 'HSI', language: 'es' }),
    );
    await json(
      'add',
      'report',
      '--json',
      JSON.stringify({ receivedAt: '2020-01-01T00:00:00Z', county: 'Marin' }),
    );
    const open = await lines(
      'list',
      'report',
      '--filter',
      'status=OPEN',
      '--filter',
      'receivedWithinHours=24',
    );
    expect(open.map((r) => r.id)).toEqual([report.id]);
    expect((await lines('list', 'report', '--filter', 'county=Marin')).length).toBe(1);

    const volunteer = (given: string, extra: object) =>
      json(
        'add',
        'volunteer',
        '--json',
        JSON.stringify({ givenName: given, familyName: 'V', roles: ['LEGAL_OBSERVER'], ...extra }),
      );
    await volunteer('Far', { counties: ['Marin'] });
    const near = await volunteer('Near', { counties: ['Alameda'], languages: ['es'] });
    const ranked = await lines('dispatch', 'candidates', report.id);
    expect(ranked.map((c) => (c.volunteer as { givenName: string }).givenName)).toEqual(['Near', 'Far']);
    expect(await lines('dispatch', 'candidates', report.id, '--role', 'rapid-responder')).toEqual([]);

    const sent = await json(
      'add',
      'dispatch',
      '--json',
      JSON.stringify({ reportId: report.id, volunteerId: near.id, sentAt: now }),
    );
    expect(sent.status).toBe('SENT');
    const dispatches = await lines('list', 'dispatch', '--filter', `reportId=${report.id}`);
    expect(dispatches.map((d) => d.id)).toEqual([sent.id]);
    const missing = await cli('dispatch', 'candidates', 'f'.repeat(32));
    expect(missing.code).toBe(4);
  });

  it('prints outreach totals per county between two dates', async () => {
    for (const [date, county, attendees] of [
      ['2026-01-10', 'Alameda', 30],
      ['2026-02-10', 'Alameda', 20],
      ['2026-02-11', 'Fresno', 50],
      ['2025-06-01', 'Fresno', 10],
    ] as const)
      await json(
        'add',
        'workshop',
        '--json',
        JSON.stringify({ date, county, language: 'es', attendees, cardsHandedOut: attendees * 2 }),
      );
    const stats = await json('stats', 'outreach', '--from', '2026-01-01', '--to', '2026-12-31');
    expect(stats.total).toEqual({ workshops: 3, attendees: 100, cards: 200 });
    expect(stats.counties).toEqual([
      { county: 'Alameda', workshops: 2, attendees: 50, cards: 100 },
      { county: 'Fresno', workshops: 1, attendees: 50, cards: 100 },
    ]);
    const workshops = await lines(
      'list',
      'workshop',
      '--filter',
      'county=Fresno',
      '--filter',
      'from=2026-01-01',
    );
    expect(workshops.length).toBe(1);
    expect((await cli('stats', 'outreach', '--from', 'January')).code).toBe(1);
  });
});
