import { argon2id } from 'hash-wasm';
import { z } from 'zod';

// Argon2id turns the passphrase into the key-encryption key (KEK). hash-wasm runs the same WebAssembly in
// Node, in Electron (whose BoringSSL has no Argon2) and in the CLI. Parameters are stored in the key file,
// so a later version can raise them without breaking existing vaults.

/** The Argon2id floor: 64 MiB, 3 passes. Vaults made by the app or the CLI never go below it. */
export const KDF_FLOOR = { memoryKiB: 65_536, iterations: 3 } as const;
/** Calibration raises the passes until one derivation takes about this long on this machine. */
export const KDF_TARGET_MS = 500;
const MAX_ITERATIONS = 10;

/**
 * What a key file may ask for. A hostile or damaged file must be refused before Argon2 runs: hash-wasm cannot
 * allocate 2 GiB or more (it would fail as an internal error), and huge costs would hang the unlock. Vaults
 * made here use 64 MiB, 3 to 10 passes and one lane; tests use less.
 */
export const KDF_BOUNDS = {
  memoryKiB: { min: 1024, max: 1_048_576 },
  iterations: { min: 1, max: 64 },
  parallelism: { min: 1, max: 16 },
  /** Memory times passes: 4 GiB (64 MiB x 64, or 1 GiB x 4), about six times the most calibration writes. */
  maxWorkKiB: 4_194_304,
  saltBytes: { min: 16, max: 64 },
} as const;

/** Base64 as Buffer writes it, decoding to a length within bounds (Buffer.from ignores stray characters). */
export function base64Bytes(min: number, max: number, what: string) {
  return z.string().refine(
    (text) => {
      const bytes = Buffer.from(text, 'base64');
      return bytes.toString('base64') === text && bytes.length >= min && bytes.length <= max;
    },
    { message: min === max ? `${what} must be ${min} bytes` : `${what} must be ${min} to ${max} bytes` },
  );
}

const bounded = (name: string, { min, max }: { min: number; max: number }) =>
  z
    .number()
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

export const KdfParams = z
  .object({
    name: z.literal('argon2id'),
    memoryKiB: bounded('Argon2 memory (KiB)', KDF_BOUNDS.memoryKiB),
    iterations: bounded('Argon2 passes', KDF_BOUNDS.iterations),
    parallelism: bounded('Argon2 lanes', KDF_BOUNDS.parallelism),
    salt: base64Bytes(KDF_BOUNDS.saltBytes.min, KDF_BOUNDS.saltBytes.max, 'The salt'),
  })
  .strict()
  .refine((p) => p.memoryKiB * p.iterations <= KDF_BOUNDS.maxWorkKiB, {
    message: 'Argon2 memory times passes must be at most 4 GiB',
    path: ['iterations'],
  });
export type KdfParams = z.infer<typeof KdfParams>;

/** Options for creating a vault. `fixed` exists for tests, which would otherwise spend seconds per vault. */
export interface KdfOptions {
  fixed?: { memoryKiB: number; iterations: number };
}

export async function deriveKek(passphrase: string, params: KdfParams): Promise<Buffer> {
  const out = await argon2id({
    password: passphrase.normalize('NFC'),
    salt: Buffer.from(params.salt, 'base64'),
    parallelism: params.parallelism,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Picks parameters for a new vault: the floor, with more passes while a derivation stays under the target.
 * Returns the parameters and the time one derivation took with them (reported by the CLI and the README).
 */
export async function calibrate(
  salt: Buffer,
  options: KdfOptions = {},
): Promise<{ params: KdfParams; millis: number }> {
  const base = { name: 'argon2id' as const, parallelism: 1, salt: salt.toString('base64') };
  if (options.fixed) {
    const params = { ...base, ...options.fixed };
    return { params, millis: await time(params) };
  }
  let params: KdfParams = { ...base, ...KDF_FLOOR };
  let millis = await time(params);
  while (millis < KDF_TARGET_MS && params.iterations < MAX_ITERATIONS) {
    // Scale linearly: passes cost about the same each, so one step usually lands on the target.
    const next = Math.min(
      MAX_ITERATIONS,
      Math.max(params.iterations + 1, Math.ceil((params.iterations * KDF_TARGET_MS) / millis)),
    );
    params = { ...params, iterations: next };
    millis = await time(params);
  }
  return { params, millis };
}

async function time(params: KdfParams): Promise<number> {
  const started = performance.now();
  const kek = await deriveKek('calibration', params);
  kek.fill(0);
  return Math.round(performance.now() - started);
}
