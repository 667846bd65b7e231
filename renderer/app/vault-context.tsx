import { createContext, useContext } from 'react';
import type { VaultKind, VaultStatus } from '../../shared/vault';

// What screens inside the shell may do to the vault as a whole: learn which vault is open (the training
// banner, the training section of Settings), hand the app a new status after a switch, or lock so the
// unlock screen opens with a given vault preselected.

export interface VaultActions {
  status: VaultStatus;
  /** The core switched vaults (a training vault was just created and opened). */
  switched(status: VaultStatus): void;
  /** Locks, then shows the unlock screen with `vault` chosen. */
  lockTo(vault: VaultKind): void;
}

export const VaultContext = createContext<VaultActions | null>(null);

export function useVault(): VaultActions {
  const actions = useContext(VaultContext);
  if (!actions) throw new Error('useVault outside the app shell');
  return actions;
}
