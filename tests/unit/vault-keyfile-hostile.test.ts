// Hostile key files: vault.key.json with absurd Argon2 costs, wrong lengths or wrong types is refused with
// KEYFILE_INVALID before any derivation runs, never as INTERNAL; what the app itself writes is accepted.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import type * as kdf from '../../electron/core/vault/kdf';
import { KDF_FLOOR, KdfParams } from '../../electron/core/vault/kdf';
import { KeyFile, wrapKey } from '../../electron/core/vault/keyfile';
import { ERROR_CODES } from '../../shared/errors';
import { PASSPHRASE, removeTempDirs, unlockedService } from '../helpers/vault';

// Counts Argon2 runs, to prove a refused file never reached one.
const argon2 = vi.hoisted(() => ({ runs: 0 }));
vi.mock('../../electron/core/vault/kdf', async (importOriginal) => {
  const actual = await importOriginal<typeof kdf>();
  return {
    ...actual,
    deriveKek: (...args: Parameters<typeof actual.deriveKek>) => {
      argon2.runs++;
      return actual.deriveKek(...args);
    },
  };
});

const SEED = Number(process.env.AMPARO_FUZZ_SEED ?? 20261124);
const RUNS = 300;

let service: Awaited<ReturnType<typeof unlockedService>>['service'];
let keyPath: string;
let original: string;
const tally: Record<string, number> = {};

beforeAll(async () => {
  const made = await unlockedService();
  service = made.service;
  keyPath = join(made.vaultDir, 'vault.key.json');
  service.lock('manual');
  original = readFileSync(keyPath, 'utf8');
});

beforeEach(() => {
  writeFileSync(keyPath, original);
  if (service.isUnlocked()) service.lock('manual');
});

afterAll(() => {
  writeFileSync(keyPath, original);
  service?.close();
  removeTempDirs();
  console.log(`vault-keyfile-hostile seed=${SEED} mutations=${RUNS} outcomes=${JSON.stringify(tally)}`);
});

type Json = Record<string, unknown>;
const b64 = (bytes: number) => randomBytes(bytes).toString('base64');

/** The real key file with `change` applied to a copy of it. */
function mutated(change: (file: { format: unknown; kdf: Json; wrap: Json } & Json) => void): string {
  const file = JSON.parse(original);
  change(file);
  return JSON.stringify(file);
}

async function unlockWith(text: string) {
  writeFileSync(keyPath, text);
  const runs = argon2.runs;
  const result = await dispatch(service.handlers, 'vault:unlock', { passphrase: PASSPHRASE }, () => {});
  if (result.ok) service.lock('manual');
  const outcome = result.ok ? 'ok' : result.error.code;
  tally[outcome] = (tally[outcome] ?? 0) + 1;
  return { result, derived: argon2.runs > runs };
}

const HOSTILE: [string, (file: { kdf: Json; wrap: Json } & Json) => void][] = [
  ['4 GiB of Argon2 memory', (f) => (f.kdf.memoryKiB = 4_194_304)],
  ['3 GiB of Argon2 memory', (f) => (f.kdf.memoryKiB = 3_145_728)],
  ['1 TiB of Argon2 memory', (f) => (f.kdf.memoryKiB = 2 ** 30)],
  ['a million passes', (f) => (f.kdf.iterations = 1_000_000)],
  ['1 GiB times 64 passes', (f) => Object.assign(f.kdf, { memoryKiB: 1_048_576, iterations: 64 })],
  ['255 lanes', (f) => (f.kdf.parallelism = 255)],
  ['no lanes', (f) => (f.kdf.parallelism = 0)],
  ['memory below a KiB per block', (f) => (f.kdf.memoryKiB = 8)],
  ['fractional memory', (f) => (f.kdf.memoryKiB = 8192.5)],
  ['memory as text', (f) => (f.kdf.memoryKiB = '8192')],
  ['passes as null', (f) => (f.kdf.iterations = null)],
  ['another KDF', (f) => (f.kdf.name = 'argon2i')],
  ['a 3-byte salt', (f) => (f.kdf.salt = b64(3))],
  ['a 4-byte salt', (f) => (f.kdf.salt = b64(4))],
  ['a 1 KiB salt', (f) => (f.kdf.salt = b64(1024))],
  ['a salt that is not base64', (f) => (f.kdf.salt = 'not*base64')],
  ['a salt with stray padding', (f) => (f.kdf.salt = `${f.kdf.salt as string}==`)],
  ['a 1-byte tag', (f) => (f.wrap.tag = b64(1))],
  ['an 8-byte tag', (f) => (f.wrap.tag = b64(8))],
  ['an 8-byte nonce', (f) => (f.wrap.iv = b64(8))],
  ['a 16-byte wrapped key', (f) => (f.wrap.ciphertext = b64(16))],
  ['a 64-byte wrapped key', (f) => (f.wrap.ciphertext = b64(64))],
  ['another cipher', (f) => (f.wrap.alg = 'A128GCM')],
  ['an unknown field', (f) => (f.kdf.extra = 1)],
  ['format as text', (f) => (f.format = '1')],
  ['no kdf', (f) => delete (f as Json).kdf],
  ['kdf as an array', (f) => (f.kdf = [] as unknown as Json)],
];

describe('hostile vault key files', () => {
  it.each(HOSTILE)('refuses %s with KEYFILE_INVALID before Argon2 runs', async (_label, change) => {
    const { result, derived } = await unlockWith(mutated(change));
    expect(result).toMatchObject({ ok: false, error: { code: 'KEYFILE_INVALID' } });
    const error = (result as { ok: false; error: { message: string; issues?: unknown[] } }).error;
    expect(error.message).toMatch(/^The vault key file .+\.$/);
    expect(error.issues?.length).toBeGreaterThan(0);
    expect(derived).toBe(false);
    expect(service.isUnlocked()).toBe(false);
  });

  it('refuses a key file far larger than one, without parsing it', async () => {
    const { result, derived } = await unlockWith(mutated((f) => (f.padding = 'x'.repeat(1_000_000))));
    expect(result).toMatchObject({ ok: false, error: { code: 'KEYFILE_INVALID' } });
    expect(derived).toBe(false);
  });

  it('still opens with the untouched key file, and calls a non-JSON file damaged', async () => {
    expect((await unlockWith(original)).result.ok).toBe(true);
    const { result, derived } = await unlockWith(original.slice(0, 40));
    expect(result).toMatchObject({ ok: false, error: { code: 'VAULT_CORRUPT' } });
    expect(derived).toBe(false);
  });

  it('accepts every key file the app writes: the floor up to the most passes calibration picks', () => {
    for (const iterations of [KDF_FLOOR.iterations, 10]) {
      const kdf = { name: 'argon2id' as const, ...KDF_FLOOR, iterations, parallelism: 1, salt: b64(16) };
      expect(KdfParams.safeParse(kdf).success).toBe(true);
      expect(KeyFile.safeParse(wrapKey(randomBytes(32), randomBytes(32), kdf)).success).toBe(true);
    }
    // Tests make cheaper vaults (8 MiB, one pass); the file this suite mutates is one.
    expect(JSON.parse(original).kdf).toMatchObject({ memoryKiB: 8192, iterations: 1, parallelism: 1 });
  });
});

// Values a mutation may put anywhere. None is a valid but expensive cost (say 1 GiB of memory), which would
// only make the suite slow.
const hostileValue = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    0.5,
    1,
    7,
    8192,
    65_536,
    1_048_577,
    2_097_152,
    4_194_304,
    2 ** 31,
    2 ** 32 + 1,
    Number.MAX_SAFE_INTEGER,
    1e308,
    '',
    'AAAA',
    'AA==',
    '8192',
    'argon2id',
    'A256GCM',
    '!!!!',
    null,
    true,
    [],
    {},
  ),
  fc.integer({ min: 0, max: 80 }).map(b64),
  fc.string({ maxLength: 12 }),
);

const PATHS = [
  ['format'],
  ['kdf'],
  ['kdf', 'name'],
  ['kdf', 'memoryKiB'],
  ['kdf', 'iterations'],
  ['kdf', 'parallelism'],
  ['kdf', 'salt'],
  ['wrap'],
  ['wrap', 'alg'],
  ['wrap', 'iv'],
  ['wrap', 'ciphertext'],
  ['wrap', 'tag'],
  ['kdf', 'extra'],
] as const;

const structural = fc
  .array(fc.tuple(fc.constantFrom(...PATHS), hostileValue, fc.boolean()), { minLength: 1, maxLength: 3 })
  .map((edits) =>
    mutated((file) => {
      for (const [path, value, remove] of edits) {
        let target: Json = file;
        for (const key of path.slice(0, -1)) {
          const next = target[key];
          if (typeof next !== 'object' || next === null) return;
          target = next as Json;
        }
        const last = path[path.length - 1] as string;
        if (remove) delete target[last];
        else target[last] = value;
      }
    }),
  );

const bytes = fc
  .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 })
  .map((flips) => {
    const buf = Buffer.from(original, 'utf8');
    for (const [at, value] of flips) buf[at % buf.length] = value;
    return buf.toString('latin1');
  });

describe('key file fuzzing', () => {
  it(`${RUNS} mutations of a real key file: always a typed code, never INTERNAL`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(structural, bytes), async (text) => {
        const { result, derived } = await unlockWith(text);
        if (result.ok) return;
        expect(ERROR_CODES).toContain(result.error.code);
        expect(result.error.code, `${result.error.message}\n${text}`).not.toBe('INTERNAL');
        if (['KEYFILE_INVALID', 'VAULT_CORRUPT'].includes(result.error.code)) expect(derived).toBe(false);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 180_000);
});
