// Crash safety of imports: the shipped CLI entry point (bundled as shipped, with the crash points of
// tests/helpers/crash-points.ts) is SIGKILLed while it imports a large CSV file and a large bundle, each
// trial on a fresh copy of the same vault. A calibration run traces the import's transaction (the statement
// numbers of its BEGIN and COMMIT, and how long it took). Two kinds of kill then follow, and only those
// that land inside that transaction count towards the required numbers, so a fast or a busy machine
// changes how long the test takes, never what it proves:
// - seeded: the child kills itself N SQL statements after the transaction's BEGIN, N drawn within the
//   transaction, and at its edges (just before BEGIN, just after BEGIN, just before COMMIT, just after
//   COMMIT). The child reports where it stopped, so the state the vault must be in is known exactly;
// - timed: a delay counted from the child's announcement of BEGIN, drawn from the transaction's last
//   observed duration, repeated until enough have landed inside. These also stop the process inside
//   native code (an INSERT, the COMMIT, the checkpoint), which statement boundaries never do.
// After every kill the vault must unlock, pass PRAGMA integrity_check and the audit chain check, and hold
// either none or all of the interrupted work: the counts prove it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { labelSeed, rng } from '../fixtures/fuzz/rng';
import {
  CRASH_CLI,
  bundleEntry,
  copyVault,
  parseTrace,
  runAndKill,
  type SpawnOptions,
} from '../helpers/crash-spawn';
import { makeTempDir, PASSPHRASE, removeTempDirs, testService, unlockedService } from '../helpers/vault';

const SEED = Number(process.env.AMPARO_FUZZ_SEED ?? 20261124);
/** Seeded kills required inside the import's transaction (besides the four edge points). */
const SEEDED_INSIDE = 10;
/** Timed kills required inside the import's transaction, and the most attempts allowed to get them. */
const TIMED_INSIDE = 6;
const TIMED_ATTEMPTS = 40;
const CSV_ROWS = 10_000;
const BUNDLE_PEOPLE = 2_000;
/** A generous bound: on a loaded machine every run is slower, and timed kills may need retries. */
const TIMEOUT = 900_000;

let cli: string;
const env = { AMPARO_PASSPHRASE: PASSPHRASE };

beforeAll(async () => {
  cli = await bundleEntry(CRASH_CLI);
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
    // A large CSV import builds its table's indexes again at its end: none may be left out by a kill.
    const indexes = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
      .all();
    return { integrity, audit, counts, indexes };
  } finally {
    service.close();
  }
}

type Where = 'before' | 'inside' | 'after';

interface Trial {
  kind: 'seeded' | 'timed';
  where: Where;
  applied: boolean;
}

/**
 * Runs the calibration, the seeded kills and the timed kills for one import. `check` asserts the vault is
 * sound and holds none or all of the work, and says which.
 */
async function trials(
  label: string,
  template: string,
  args: string[],
  check: (vaultDir: string) => Promise<boolean>,
): Promise<Trial[]> {
  const run = async (options: SpawnOptions) => {
    const vaultDir = copyVault(template, join(makeTempDir(), 'v'));
    const outcome = await runAndKill(cli, ['--vault', vaultDir, ...args], {
      ...options,
      env: { ...env, ...options.env },
    });
    expect(outcome.hung, outcome.stderr).toBe(false);
    if (!outcome.killed) expect(outcome.code, outcome.stderr).toBe(0);
    return { vaultDir, outcome, trace: parseTrace(outcome.stderr) };
  };

  const full = await run({});
  expect(await check(full.vaultDir)).toBe(true);
  // The import's transaction is the one that runs the most statements.
  const spans = full.trace.transactions.map((tx) => (tx.end ?? tx.begin) - tx.begin);
  const work = spans.indexOf(Math.max(...spans)) + 1;
  const tx = full.trace.transactions[work - 1]!;
  expect(tx).toMatchObject({ how: 'COMMIT', end: expect.any(Number) });
  const { begin, end } = tx as { begin: number; end: number };
  let workMs = tx.ms ?? 0;
  const r = rng(labelSeed(SEED, label));
  const out: Trial[] = [];

  // Seeded: the child kills itself at a point of the import's transaction and says where it was.
  const seeded = async (point: string) => {
    const { vaultDir, outcome, trace } = await run({ env: { AMPARO_CRASH_IN: `${work}:${point}` } });
    expect(outcome.killed, `no kill at ${point}`).toBe(true);
    expect(trace.kill, `no kill at ${point}`).toBeDefined();
    const { open, closed } = trace.kill!;
    const where: Where = open === work ? 'inside' : closed >= work ? 'after' : 'before';
    const applied = await check(vaultDir);
    // Exact: the import is there if and only if its COMMIT ran.
    expect(applied, `kill at ${point} (${where})`).toBe(where === 'after');
    out.push({ kind: 'seeded', where, applied });
    return where;
  };
  for (const [point, where] of [
    ['before-begin', 'before'],
    ['+0', 'inside'],
    ['before-commit', 'inside'],
    ['after-commit', 'after'],
  ] as const) {
    expect(await seeded(point)).toBe(where);
  }
  // Statements inside the transaction as the calibration run counted them; a run that counts fewer (a
  // clock-dependent write less) may take a draw past its COMMIT, which then does not count as inside.
  for (let n = 0, inside = 0; inside < SEEDED_INSIDE && n < SEEDED_INSIDE * 2; n++) {
    if ((await seeded(`+${r.int(end - begin)}`)) === 'inside') inside++;
  }

  // Timed: from the BEGIN announcement, a delay within the transaction's last observed duration.
  for (let n = 0, inside = 0; inside < TIMED_INSIDE && n < TIMED_ATTEMPTS; n++) {
    const delay = Math.round(r.next() * workMs);
    const { vaultDir, outcome, trace } = await run({
      killOnOutput: `crash begin ${work} `,
      killAfterMs: delay,
    });
    const timedTx = trace.transactions[work - 1];
    // A run that got to its COMMIT measured the transaction at this machine's current pace.
    if (timedTx?.ms !== undefined) workMs = timedTx.ms;
    const where: Where = !timedTx ? 'before' : timedTx.end === undefined ? 'inside' : 'after';
    const applied = await check(vaultDir);
    // Killed between BEGIN and the COMMIT's announcement: either state, as long as it is whole.
    if (where !== 'inside') expect(applied).toBe(where === 'after');
    if (outcome.killed && where === 'inside') inside++;
    out.push({ kind: 'timed', where, applied });
  }

  const tally = (kind: Trial['kind']) => {
    const of = out.filter((t) => t.kind === kind);
    const n = (where: Where, applied?: boolean) =>
      of.filter((t) => t.where === where && (applied === undefined || t.applied === applied)).length;
    return `${kind}: runs=${of.length} before=${n('before')} inside=${n('inside')} (applied ${n('inside', true)}) after=${n('after')}`;
  };
  console.log(
    `crash ${label}: transaction ${work} statements ${begin}..${end} of ${full.trace.total} ` +
      `calibrationMs=${Math.round(full.outcome.ms)} lastWorkMs=${workMs}; ${tally('seeded')}; ${tally('timed')}`,
  );
  return out;
}

const insideCount = (results: Trial[], kind: Trial['kind']) =>
  results.filter((t) => t.kind === kind && t.where === 'inside').length;

describe('kill -9 during imports', () => {
  it(
    `a ${CSV_ROWS}-row CSV import is all or nothing across ${SEEDED_INSIDE + TIMED_INSIDE}+ kills inside it`,
    async () => {
      const { service, vaultDir: template } = await unlockedService();
      service.close();
      const csv = join(makeTempDir(), 'people.csv');
      const lines = ['givenName,familyName,notes'];
      for (let i = 0; i < CSV_ROWS; i++) lines.push(`Given${i},Family${i},Note ${i}`);
      writeFileSync(csv, `${lines.join('\n')}\n`);
      const pristine = (await inspect(copyVault(template, join(makeTempDir(), 'v')), [])).indexes;
      const results = await trials('csv', template, ['import-csv', 'person', csv], async (vaultDir) => {
        const { integrity, audit, counts, indexes } = await inspect(vaultDir, ['people']);
        expect(integrity).toBe('ok');
        expect(indexes).toEqual(pristine);
        expect(audit).toMatchObject({ ok: true, value: { ok: true } });
        expect([0, CSV_ROWS]).toContain(counts.people);
        return counts.people === CSV_ROWS;
      });
      expect(insideCount(results, 'seeded')).toBeGreaterThanOrEqual(SEEDED_INSIDE);
      expect(insideCount(results, 'timed')).toBeGreaterThanOrEqual(TIMED_INSIDE);
    },
    TIMEOUT,
  );

  it(
    `a ${BUNDLE_PEOPLE}-person bundle import is all or nothing across ${SEEDED_INSIDE + TIMED_INSIDE}+ kills inside it`,
    async () => {
      const a = await unlockedService({ officeName: 'Sender' });
      const b = await unlockedService({ officeName: 'Receiver' });
      const call = async (s: typeof a.service, ch: string, input?: unknown) => {
        const res = await dispatch(s.handlers, ch, input);
        if (!res.ok) throw new Error(`${ch}: ${res.error.code} ${res.error.message}`);
        return res.value as Record<string, unknown>;
      };
      const aContact = await call(b.service, 'contact:add', {
        card: (await call(a.service, 'card:export')).card,
      });
      // A bundle from an office not yet verified is refused; the receiver has compared fingerprints.
      await call(b.service, 'contact:verify', { fingerprint: aContact.fingerprint });
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
      // The contacts were added but never verified here, so the import is confirmed as the CLI requires.
      const results = await trials(
        'bundle',
        b.vaultDir,
        ['bundle', 'import', file, '--yes'],
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
      expect(insideCount(results, 'seeded')).toBeGreaterThanOrEqual(SEEDED_INSIDE);
      expect(insideCount(results, 'timed')).toBeGreaterThanOrEqual(TIMED_INSIDE);
    },
    TIMEOUT,
  );
});
