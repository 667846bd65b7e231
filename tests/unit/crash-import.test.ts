// Crash safety of imports (issue 5, item 3): the real CLI (bundled as the shipped one is) is SIGKILLed at
// seeded moments while it imports a large CSV file and a large bundle. Each trial starts from a fresh copy of
// the same vault. After every kill the vault must unlock, pass PRAGMA integrity_check and the audit chain
// check, and hold either none or all of the interrupted work: the counts prove it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { rng } from '../fixtures/fuzz/rng';
import { CLI, bundleEntry, copyVault, runAndKill } from '../helpers/crash-spawn';
import { makeTempDir, PASSPHRASE, removeTempDirs, testService, unlockedService } from '../helpers/vault';

const SEED = Number(process.env.AMPARO_FUZZ_SEED ?? 20261124);
const TRIALS = 20;
const CSV_ROWS = 10_000;
const BUNDLE_PEOPLE = 2_000;

let cli: string;
const env = { AMPARO_PASSPHRASE: PASSPHRASE };

beforeAll(async () => {
  cli = await bundleEntry(CLI);
});

afterAll(() => {
  if (cli) rmSync(cli, { force: true });
  removeTempDirs();
});

/** Unlocks a vault after a kill and returns what the checks need. */
async function inspect(vaultDir: string, tables: string[]) {
  const service = testService(vaultDir);
  try {
    await service.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    const db = service.context.session().db;
    const integrity = db.pragma('integrity_check', { simple: true });
    const audit = await dispatch(service.handlers, 'audit:verify', undefined);
    const counts = Object.fromEntries(
      tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
    );
    return { integrity, audit, counts };
  } finally {
    service.close();
  }
}

interface Trial {
  delay: number;
  killed: boolean;
  applied: boolean;
}

/** Calibrates on one full run, then kills TRIALS runs at seeded moments across that run's span. */
async function trials(
  label: string,
  template: string,
  args: (vaultDir: string) => string[],
  check: (vaultDir: string) => Promise<boolean>,
): Promise<Trial[]> {
  const full = await runAndKill(
    cli,
    ['--vault', copyVault(template, join(makeTempDir(), 'v')), ...args('')],
    {
      env,
    },
  );
  const startup = await runAndKill(cli, ['--vault', template, 'status'], { env });
  expect(full.code, full.stderr).toBe(0);
  const r = rng(SEED ^ label.length);
  const out: Trial[] = [];
  for (let i = 0; i < TRIALS; i++) {
    const vaultDir = copyVault(template, join(makeTempDir(), 'v'));
    // Mostly inside the work (after start-up), sometimes before it or right at the end.
    const delay = Math.round(startup.ms * 0.8 + r.next() * (full.ms - startup.ms * 0.8) * 1.1);
    const run = await runAndKill(cli, ['--vault', vaultDir, ...args(vaultDir)], { env, killAfterMs: delay });
    if (!run.killed) expect(run.code, run.stderr).toBe(0);
    out.push({ delay, killed: run.killed, applied: await check(vaultDir) });
  }
  const killed = out.filter((t) => t.killed);
  console.log(
    `crash ${label}: trials=${out.length} killed=${killed.length} ` +
      `killed-before-commit=${killed.filter((t) => !t.applied).length} ` +
      `killed-after-commit=${killed.filter((t) => t.applied).length} ` +
      `finished-first=${out.length - killed.length} fullRunMs=${Math.round(full.ms)} startupMs=${Math.round(startup.ms)}`,
  );
  return out;
}

describe('kill -9 during imports', () => {
  it(`a ${CSV_ROWS}-row CSV import is all or nothing across ${TRIALS} kills`, async () => {
    const { service, vaultDir: template } = await unlockedService();
    service.close();
    const csv = join(makeTempDir(), 'people.csv');
    const lines = ['givenName,familyName,notes'];
    for (let i = 0; i < CSV_ROWS; i++) lines.push(`Given${i},Family${i},Note ${i}`);
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const results = await trials(
      'csv',
      template,
      () => ['import-csv', 'person', csv],
      async (vaultDir) => {
        const { integrity, audit, counts } = await inspect(vaultDir, ['people']);
        expect(integrity).toBe('ok');
        expect(audit).toMatchObject({ ok: true, value: { ok: true } });
        expect([0, CSV_ROWS]).toContain(counts.people);
        return counts.people === CSV_ROWS;
      },
    );
    expect(results.filter((t) => t.killed).length).toBeGreaterThanOrEqual(TRIALS / 2);
  }, 240_000);

  it(`a ${BUNDLE_PEOPLE}-person bundle import is all or nothing across ${TRIALS} kills`, async () => {
    const a = await unlockedService({ officeName: 'Sender' });
    const b = await unlockedService({ officeName: 'Receiver' });
    const call = async (s: typeof a.service, ch: string, input?: unknown) => {
      const res = await dispatch(s.handlers, ch, input);
      if (!res.ok) throw new Error(`${ch}: ${res.error.code} ${res.error.message}`);
      return res.value as Record<string, unknown>;
    };
    await call(b.service, 'contact:add', { card: (await call(a.service, 'card:export')).card });
    const bCard = await call(b.service, 'card:export');
    const bContact = await call(a.service, 'contact:add', { card: bCard.card });
    await call(a.service, 'demo:generate', {
      people: BUNDLE_PEOPLE,
      volunteers: 0,
      attorneys: 0,
      eventsPerPerson: 0,
      seed: 7,
    });
    const exported = await call(a.service, 'bundle:export', {
      to: [bContact.fingerprint],
      scope: { scope: 'all' },
      redaction: 'Full',
      confirmUnverified: true,
    });
    const file = join(makeTempDir(), 'big.amparo');
    writeFileSync(file, Buffer.from(exported.bytes as string, 'base64'));
    a.service.close();
    b.service.close();
    const results = await trials(
      'bundle',
      b.vaultDir,
      () => ['bundle import', file].flatMap((w) => w.split(' ')),
      async (vaultDir) => {
        const { integrity, audit, counts } = await inspect(vaultDir, ['people', 'bundles_in']);
        expect(integrity).toBe('ok');
        expect(audit).toMatchObject({ ok: true, value: { ok: true } });
        // All or nothing: the records and the bundle's receipt land together.
        const state = `${counts.people}/${counts.bundles_in}`;
        expect([`0/0`, `${BUNDLE_PEOPLE}/1`]).toContain(state);
        return counts.bundles_in === 1;
      },
    );
    expect(results.filter((t) => t.killed).length).toBeGreaterThanOrEqual(TRIALS / 2);
  }, 300_000);
});
