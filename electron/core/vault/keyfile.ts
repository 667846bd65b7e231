import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { AmparoError, type FieldIssue } from '../../../shared/errors';
import { base64Bytes, deriveKek, KdfParams } from './kdf';
import { vaultPath, writeFileAtomic, writeFileExclusive } from './files';

// vault.key.json holds what is needed to turn a passphrase into the database key (DEK), and nothing more:
// the KDF parameters, the salt and the DEK wrapped with AES-256-GCM under the Argon2id-derived KEK. The
// passphrase itself is never stored, and the DEK never changes when the passphrase does.

const KEYFILE_FORMAT = 1;
// Binds the ciphertext to its purpose and format, so a wrapped key can't be replayed in another role.
const AAD = Buffer.from(`amparo vault key v${KEYFILE_FORMAT}`, 'utf8');
// GCM's usual 12-byte nonce and full 16-byte tag; the ciphertext is exactly the DEK.
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DEK_BYTES = 32;
// A real key file is about 400 bytes; anything far larger is not one, and is not read into memory.
const MAX_KEYFILE_BYTES = 64 * 1024;

export const KeyFile = z
  .object({
    format: z.literal(KEYFILE_FORMAT),
    kdf: KdfParams,
    wrap: z
      .object({
        alg: z.literal('A256GCM'),
        iv: base64Bytes(IV_BYTES, IV_BYTES, 'The nonce'),
        ciphertext: base64Bytes(DEK_BYTES, DEK_BYTES, 'The wrapped key'),
        tag: base64Bytes(TAG_BYTES, TAG_BYTES, 'The tag'),
      })
      .strict(),
  })
  .strict();
export type KeyFile = z.infer<typeof KeyFile>;

export function wrapKey(dek: Buffer, kek: Buffer, kdf: KdfParams): KeyFile {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(dek), cipher.final()]);
  return {
    format: KEYFILE_FORMAT,
    kdf,
    wrap: {
      alg: 'A256GCM',
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
  };
}

/** Returns the DEK, or throws WRONG_PASSPHRASE when the GCM tag does not verify. */
export function unwrapKey(file: KeyFile, kek: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(file.wrap.iv, 'base64'));
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(file.wrap.tag, 'base64'));
  try {
    const dek = Buffer.concat([
      decipher.update(Buffer.from(file.wrap.ciphertext, 'base64')),
      decipher.final(),
    ]);
    if (dek.length !== DEK_BYTES) throw new AmparoError('VAULT_CORRUPT', 'The vault key file is damaged.');
    return dek;
  } catch (error) {
    if (error instanceof AmparoError) throw error;
    throw new AmparoError('WRONG_PASSPHRASE', 'That passphrase does not open this vault.');
  }
}

export async function unlockKeyFile(file: KeyFile, passphrase: string): Promise<Buffer> {
  const kek = await deriveKek(passphrase, file.kdf);
  try {
    return unwrapKey(file, kek);
  } finally {
    kek.fill(0);
  }
}

export function keyFileExists(vaultDir: string): boolean {
  return existsSync(vaultPath(vaultDir, 'key'));
}

/**
 * Reads and checks vault.key.json. Everything Argon2 and AES-GCM will be given is checked here, before any
 * derivation runs: a file that is not JSON is VAULT_CORRUPT, one that is JSON but not a key file this version
 * accepts (wrong types, absurd costs, wrong lengths) is KEYFILE_INVALID, naming the settings at fault.
 */
export function readKeyFile(vaultDir: string): KeyFile {
  const path = vaultPath(vaultDir, 'key');
  if (!existsSync(path)) throw new AmparoError('VAULT_NOT_FOUND', 'There is no vault in this folder.');
  let raw: unknown;
  try {
    const stat = statSync(path);
    if (stat.isFile() && stat.size > MAX_KEYFILE_BYTES) {
      throw invalidKeyFile([{ path: '(file)', message: `A key file is at most ${MAX_KEYFILE_BYTES} bytes` }]);
    }
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof AmparoError) throw error;
    throw new AmparoError('VAULT_CORRUPT', 'The vault key file is damaged.');
  }
  const parsed = KeyFile.safeParse(raw);
  if (parsed.success) return parsed.data;
  const format = (raw as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format > KEYFILE_FORMAT) {
    throw new AmparoError('VAULT_TOO_NEW', 'This vault was made by a newer version of Amparo.');
  }
  throw invalidKeyFile(
    parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(file)', message: issue.message })),
  );
}

function invalidKeyFile(issues: FieldIssue[]): AmparoError {
  return new AmparoError(
    'KEYFILE_INVALID',
    'The vault key file asks for settings this version of Amparo does not accept, so it was not used. ' +
      'It may have been altered or made by another program. Restore the vault from a backup.',
    issues,
  );
}

export function createKeyFile(vaultDir: string, file: KeyFile): void {
  writeFileExclusive(vaultPath(vaultDir, 'key'), `${JSON.stringify(file, null, 2)}\n`);
}

export function replaceKeyFile(vaultDir: string, file: KeyFile): void {
  writeFileAtomic(vaultPath(vaultDir, 'key'), `${JSON.stringify(file, null, 2)}\n`);
}
