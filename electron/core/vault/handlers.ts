import type { VaultKind, VaultStatus } from '../../../shared/vault';
import type { HandlerGroup } from '../kernel/context';

/** The vault operations the service exposes; implemented by service.ts, which owns the session. */
export interface VaultControl {
  status(): VaultStatus;
  create(officeName: string, passphrase: string): Promise<VaultStatus>;
  unlock(passphrase: string, vault: VaultKind): Promise<VaultStatus>;
  lock(): VaultStatus;
  changePassphrase(current: string, next: string): Promise<VaultStatus>;
  /** Into the office vault folder, only while it is absent. The backup arrives as bytes, never a path. */
  restore(
    backup: Uint8Array,
    backupPassphrase: string,
    newPassphrase: string,
  ): Promise<{ status: VaultStatus; backupCreatedAt: string }>;
  createTraining(officeName: string, passphrase: string): Promise<VaultStatus>;
  deleteTraining(): VaultStatus;
}

export function vaultHandlers(vault: VaultControl): HandlerGroup {
  return {
    'vault:status': () => vault.status(),
    'vault:create': ({ officeName, passphrase }) => vault.create(officeName, passphrase),
    'vault:unlock': ({ passphrase, vault: kind }) => vault.unlock(passphrase, kind ?? 'office'),
    'vault:lock': () => vault.lock(),
    'vault:changePassphrase': ({ current, next }) => vault.changePassphrase(current, next),
    'vault:restore': ({ backup, backupPassphrase, newPassphrase }) =>
      vault.restore(Buffer.from(backup, 'base64'), backupPassphrase, newPassphrase),
    'vault:createTraining': ({ officeName, passphrase }) => vault.createTraining(officeName, passphrase),
    'vault:deleteTraining': () => vault.deleteTraining(),
  };
}
