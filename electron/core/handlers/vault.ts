import type { VaultStatus } from '../../../shared/vault';
import type { HandlerGroup } from '../context';

/** The vault operations the service exposes; implemented by service.ts, which owns the session. */
export interface VaultControl {
  status(): VaultStatus;
  create(officeName: string, passphrase: string): Promise<VaultStatus>;
  unlock(passphrase: string): Promise<VaultStatus>;
  lock(): VaultStatus;
  changePassphrase(current: string, next: string): Promise<VaultStatus>;
}

export function vaultHandlers(vault: VaultControl): HandlerGroup {
  return {
    'vault:status': () => vault.status(),
    'vault:create': ({ officeName, passphrase }) => vault.create(officeName, passphrase),
    'vault:unlock': ({ passphrase }) => vault.unlock(passphrase),
    'vault:lock': () => vault.lock(),
    'vault:changePassphrase': ({ current, next }) => vault.changePassphrase(current, next),
  };
}
