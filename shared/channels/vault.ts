import { z } from 'zod';
import { NewPassphrase, OfficeName, Passphrase, VaultKind, VaultStatus } from '../vault';

// The vault's own channels: status, create, unlock, lock and passphrase change, which work while locked;
// and vault management from the UI: restoring a backup on the first-run screen, and the separate training
// vault. Neither takes a path: the core restores into its own (absent) vault folder and derives the
// training vault's folder itself. The backup file crosses IPC as base64, like bundles.

/**
 * The largest backup the UI restores (256 MiB). The whole file crosses IPC as one string; a bigger vault
 * is restored with `amparo restore`, which reads the file directly.
 */
export const MAX_UI_BACKUP_BYTES = 256 * 1024 * 1024;
const MAX_UI_BACKUP_BASE64 = Math.ceil(MAX_UI_BACKUP_BYTES / 3) * 4;

export const vaultChannels = {
  'vault:status': { input: z.undefined(), output: VaultStatus },
  'vault:create': {
    input: z.object({ officeName: OfficeName, passphrase: NewPassphrase }).strict(),
    output: VaultStatus,
  },
  /** `vault` picks the office vault (the default) or the training vault. */
  'vault:unlock': {
    input: z.object({ passphrase: Passphrase, vault: VaultKind.optional() }).strict(),
    output: VaultStatus,
  },
  'vault:lock': { input: z.undefined(), output: VaultStatus },
  'vault:changePassphrase': {
    input: z.object({ current: Passphrase, next: NewPassphrase }).strict(),
    output: VaultStatus,
  },
  /** Works only while no vault is open and the office vault is absent: it never overwrites a vault. */
  'vault:restore': {
    input: z
      .object({
        backup: z.string().min(1).max(MAX_UI_BACKUP_BASE64),
        backupPassphrase: Passphrase,
        newPassphrase: NewPassphrase,
      })
      .strict(),
    output: z.object({ status: VaultStatus, backupCreatedAt: z.string() }),
  },
  /**
   * From an unlocked office vault: creates the training vault with its own passphrase, fills it with
   * synthetic records, locks the office vault and leaves the training vault open.
   */
  'vault:createTraining': {
    input: z.object({ officeName: OfficeName, passphrase: NewPassphrase }).strict(),
    output: VaultStatus,
  },
  /** From an unlocked office vault: deletes the training vault for good (a fresh one for the next training). */
  'vault:deleteTraining': { input: z.undefined(), output: VaultStatus },
} as const;
