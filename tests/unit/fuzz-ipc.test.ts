// IPC fuzzing: seeded random and malformed payloads for EVERY channel of the contract go
// through dispatch into a real unlocked service (encrypted vault in a temp dir). Each answer must be ok or a
// typed error whose code is in ERROR_CODES and is not INTERNAL; no throw may escape dispatch; an
// INVALID_INPUT answer must leave the database digest (a canonical dump of every table) unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import { ERROR_CODES } from '../../shared/errors';
import { CHANNELS, contract, type Channel } from '../../shared/ipc';
import { caseSeed, labelSeed, rng } from '../fixtures/fuzz/rng';
import { dbDigest } from '../fixtures/fuzz/digest';
import { hostile, valueFor } from '../fixtures/fuzz/zod-values';
import { PASSPHRASE, removeTempDirs, unlockedService } from '../helpers/vault';

const BASE_SEED = Number(process.env.AMPARO_FUZZ_SEED ?? 20261124);
const CASES_PER_CHANNEL = 30;
// Channels whose successful calls are deliberately expensive (scrypt for a backup, a re-unlock after a lock)
// get fewer cases so the suite stays within its CI budget.
const FEWER: Partial<Record<string, number>> = {
  'backup:create': 8,
  'vault:lock': 12,
  'vault:createTraining': 6,
};
const REGRESSIONS = (
  JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'fuzz', 'regressions.json'), 'utf8'),
  ) as {
    cases: { suite: string; channel?: string; seed: number; index?: number }[];
  }
).cases.filter((c) => c.suite === 'ipc');

/** The payload of case `i` (seeded): a quarter wholly hostile, the rest schema-shaped with random damage. */
function inputFor(channel: Channel, seed: number, i: number): unknown {
  const r = rng(seed);
  const input =
    i % 4 === 0 ? hostile(r) : valueFor(contract[channel].input, r, ids, i % 4 === 1 ? 0.3 : 0.05);
  return tame(channel, input);
}

let service: AmparoService;
const ids: string[] = [];
const tally: Record<string, number> = {};
const internals: string[] = [];

const digest = () => dbDigest(service.context.session().db);

/** Keeps demo:generate small so the database (and so each digest) stays cheap; its schema is still fuzzed. */
function tame(channel: Channel, input: unknown): unknown {
  if (channel !== 'demo:generate' || !input || typeof input !== 'object') return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const [k, v] of Object.entries(out)) if (typeof v === 'number' && k !== 'seed' && v > 3) out[k] = 3;
  return out;
}

function collectIds(value: unknown): void {
  if (!value || typeof value !== 'object') return;
  const id = (value as { id?: unknown }).id;
  if (typeof id === 'string' && /^[0-9a-f]{32}$/.test(id) && !ids.includes(id)) ids.push(id);
}

async function runCase(channel: unknown, input: unknown, where: string): Promise<void> {
  const before = service.isUnlocked() ? digest() : null;
  let result;
  try {
    result = await dispatch(service.handlers, channel, input, (ch, err) =>
      internals.push(`${ch}: ${err instanceof Error ? err.name : typeof err}`),
    );
  } catch (err) {
    throw new Error(`${where}: a throw escaped dispatch: ${String(err)}`, { cause: err });
  }
  const outcome = result.ok ? 'ok' : result.error.code;
  tally[outcome] = (tally[outcome] ?? 0) + 1;
  if (!result.ok) {
    expect(ERROR_CODES, where).toContain(result.error.code);
    expect(result.error.code, `${where}: ${result.error.message}`).not.toBe('INTERNAL');
    expect(typeof result.error.message, where).toBe('string');
    if (result.error.code === 'INVALID_INPUT' && before !== null) expect(digest(), where).toBe(before);
  } else collectIds(result.value);
  // A fuzzed vault:createTraining succeeded (the training vault is now open): go back to the office vault.
  if ((await service.handlers['vault:status'](undefined)).vault === 'training') service.lock('manual');
  // A fuzzed vault:lock succeeded: unlock again so the next cases reach the real service.
  if (!service.isUnlocked()) await service.handlers['vault:unlock']({ passphrase: PASSPHRASE });
}

beforeAll(async () => {
  ({ service } = await unlockedService());
});

afterAll(() => {
  service?.close();
  removeTempDirs();
  const total = Object.values(tally).reduce((a, b) => a + b, 0);
  console.log(
    `fuzz-ipc seed=${BASE_SEED} channels=${CHANNELS.length} cases=${total} outcomes=${JSON.stringify(tally)}`,
  );
});

describe('IPC fuzzing against a real unlocked vault', () => {
  it('replays the regression cases in tests/fixtures/fuzz/regressions.json', async () => {
    internals.length = 0;
    for (const c of REGRESSIONS) {
      expect(CHANNELS, 'regression channel').toContain(c.channel);
      const channel = c.channel as Channel;
      await runCase(channel, inputFor(channel, c.seed, c.index ?? 1), `regression ${channel} seed=${c.seed}`);
    }
    expect(internals).toEqual([]);
  });

  for (const channel of CHANNELS) {
    it(`${channel}: ${CASES_PER_CHANNEL} shaped and hostile payloads give ok or a typed error`, async () => {
      internals.length = 0;
      const base = labelSeed(BASE_SEED, channel);
      for (let i = 0; i < (FEWER[channel] ?? CASES_PER_CHANNEL); i++) {
        const seed = caseSeed(base, i);
        await runCase(channel, inputFor(channel, seed, i), `${channel} seed=${seed} index=${i}`);
      }
      expect(internals, `untyped failures on ${channel}`).toEqual([]);
    });
  }

  it('unknown or malformed channel names give UNKNOWN_CHANNEL', async () => {
    const r = rng(BASE_SEED);
    for (let i = 0; i < 60; i++) {
      const name = i % 2 ? `${r.pick(CHANNELS)}x` : hostile(r);
      const result = await dispatch(service.handlers, name, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      tally.UNKNOWN_CHANNEL = (tally.UNKNOWN_CHANNEL ?? 0) + 1;
    }
  });

  it('the fuzzed vault still verifies its audit chain and passes integrity_check', async () => {
    const db = service.context.session().db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const audit = await dispatch(service.handlers, 'audit:verify', undefined);
    expect(audit).toMatchObject({ ok: true, value: { ok: true } });
  });
});
