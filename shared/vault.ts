import { z } from 'zod';

// Vault-level shapes shared by the core, the CLI and the renderer.

export const PASSPHRASE_MIN_LENGTH = 12;
export const PASSPHRASE_MAX_LENGTH = 1024;

export const Passphrase = z.string().max(PASSPHRASE_MAX_LENGTH);

/** A new passphrase: length is checked here, the strength hint is advisory (see passphraseStrength). */
export const NewPassphrase = z
  .string()
  .min(PASSPHRASE_MIN_LENGTH, { message: `Use at least ${PASSPHRASE_MIN_LENGTH} characters` })
  .max(PASSPHRASE_MAX_LENGTH);

// Control characters would end up in window titles' neighbours, file exports and cards; refuse them.
// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

export const OfficeName = z
  .string()
  .trim()
  .min(1, { message: 'Enter the office name' })
  .max(80, { message: 'Use at most 80 characters' })
  .regex(NO_CONTROL_CHARS, { message: 'Remove control characters' });

export const VaultState = z.enum(['absent', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof VaultState>;

/**
 * The vaults one installation knows: the office's real one, and an optional training vault filled with
 * synthetic data. Their folders are fixed by the core (never a path from the renderer).
 */
export const VaultKind = z.enum(['office', 'training']);
export type VaultKind = z.infer<typeof VaultKind>;

export const VaultStatus = z.object({
  state: VaultState,
  /** Known only while unlocked: the office name lives inside the encrypted database. */
  office: z.string().nullable(),
  /** The office's public fingerprint, or null until the office has a sync identity. */
  fingerprint: z.string().nullable(),
  schemaVersion: z.number().int().nullable(),
  /** Which vault is open (null while locked): the UI shows a training banner for 'training'. */
  vault: VaultKind.nullable(),
  /** A training vault exists beside the office vault, so the unlock screen offers the choice. */
  trainingVault: z.boolean(),
  /**
   * Present after an unlock that found the vault older than the one last opened on this computer (its
   * audit chain lacks the newest entry this computer saw): changes made since then are missing.
   */
  rollback: z.object({ expectedEntries: z.number().int(), foundEntries: z.number().int() }).optional(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const LockReason = z.enum(['manual', 'idle', 'suspend', 'screen-lock', 'passphrase-changed']);
export type LockReason = z.infer<typeof LockReason>;

export type StrengthLevel = 'too-short' | 'weak' | 'fair' | 'strong';

/**
 * A quick, honest hint for the create screen. It counts length and variety only; it does not claim to
 * know a passphrase is safe. Long multi-word passphrases score best, which is the advice we give.
 */
export function passphraseStrength(passphrase: string): StrengthLevel {
  const length = [...passphrase].length;
  if (length < PASSPHRASE_MIN_LENGTH) return 'too-short';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(passphrase)).length;
  const distinct = new Set(passphrase.toLowerCase()).size;
  if (distinct < 6) return 'weak';
  const words = passphrase.trim().split(/\s+/).length;
  if (length >= 20 && (words >= 4 || classes >= 3)) return 'strong';
  if (length >= 16 || classes >= 3) return 'fair';
  return 'weak';
}
