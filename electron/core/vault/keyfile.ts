import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AmparoError } from '../../../shared/errors';
import { deriveKek, KdfParams } from './kdf';
import { vaultPath, writeFileAtomic, writeFileExclusive } from './files';

// vault.key.json holds what is needed to turn a passphrase into the database key (DEK), and nothing more:
// the KDF parameters, the salt and the DEK wrapped with AES-256-GCM under the Argon2id-derived KEK. The
// passphrase itself is never stored, and the DEK never changes when the passphrase does.

const KEYFILE_FORMAT = 1;
// Binds the ciphertext to its purpose and format, so a wrapped key can't be replayed in another role.
const AAD = Buffer.from(`amparo vault key v${KEYFILE_FORMAT}`, 'utf8');
const B64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);

export const KeyFile = z
  .object({
    format: z.literal(KEYFILE_FORMAT),
    kdf: KdfParams,
    wrap: z.object({ alg: z.literal('A256GCM'), iv: B64, ciphertext: B64, tag: B64 }).strict(),
  })
  .strict();
export type KeyFile = z.infer<typeof KeyFile>;

export const DEK_BYTES = 32;

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

export function readKeyFile(vaultDir: string): KeyFile {
  const path = vaultPath(vaultDir, 'key');
  if (!existsSync(path)) throw new AmparoError('VAULT_NOT_FOUND', 'There is no vault in this folder.');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AmparoError('VAULT_CORRUPT', 'The vault key file is damaged.');
  }
  const parsed = KeyFile.safeParse(raw);
  if (parsed.success) return parsed.data;
  const format = (raw as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format > KEYFILE_FORMAT) {
    throw new AmparoError('VAULT_TOO_NEW', 'This vault was made by a newer version of Amparo.');
  }
  throw new AmparoError('VAULT_CORRUPT', 'The vault key file is damaged.');
}

export function createKeyFile(vaultDir: string, file: KeyFile): void {
  writeFileExclusive(vaultPath(vaultDir, 'key'), `${JSON.stringify(file, null, 2)}\n`);
}

export function replaceKeyFile(vaultDir: string, file: KeyFile): void {
  writeFileAtomic(vaultPath(vaultDir, 'key'), `${JSON.stringify(file, null, 2)}\n`);
}
