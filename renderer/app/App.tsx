import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../shared/errors';
import type { LockReason, VaultKind, VaultStatus } from '../../shared/vault';
import { call, errorCode, subscribe } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { AppShell } from '../screens/AppShell';
import { AnnouncerProvider } from './announcer';
import { CreateVault } from '../screens/CreateVault';
import { RestoreVault } from '../screens/RestoreVault';
import { Unlock } from '../screens/Unlock';
import { useShortcut } from './useShortcut';
import { VaultContext, type VaultActions } from './vault-context';

type View =
  | { kind: 'loading' }
  | { kind: 'failed'; code: ErrorCode }
  | { kind: 'absent' }
  | { kind: 'restore' }
  | { kind: 'locked'; reason: LockReason | null; preferred?: VaultKind; restored?: boolean }
  | { kind: 'unlocked'; status: VaultStatus };

function viewFor(status: VaultStatus, reason: LockReason | null = null): View {
  if (status.state === 'absent') return { kind: 'absent' };
  if (status.state === 'locked') return { kind: 'locked', reason };
  return { kind: 'unlocked', status };
}

export function App() {
  return (
    <AnnouncerProvider>
      <Views />
    </AnnouncerProvider>
  );
}

function Views() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>({ kind: 'loading' });

  useEffect(() => {
    call('vault:status')
      .then((status) => setView(viewFor(status)))
      .catch((error: unknown) => setView({ kind: 'failed', code: errorCode(error) }));
    // The Node side locks on idle, suspend and screen lock; whatever was on screen goes away at once.
    return subscribe('vault:locked', ({ reason }) => setView({ kind: 'locked', reason }));
  }, []);

  const lockTo = useCallback((preferred: VaultKind) => {
    void call('vault:lock').then(() => setView({ kind: 'locked', reason: 'manual', preferred }));
  }, []);
  const lockNow = useCallback(() => {
    void call('vault:lock').then(() => setView({ kind: 'locked', reason: 'manual' }));
  }, []);
  useShortcut('l', lockNow, view.kind === 'unlocked');

  const status = view.kind === 'unlocked' ? view.status : null;
  const actions = useMemo<VaultActions | null>(
    () => (status ? { status, switched: (next) => setView(viewFor(next)), lockTo } : null),
    [status, lockTo],
  );

  switch (view.kind) {
    case 'loading':
      return <main className="gate" aria-busy="true" aria-label={t('app.name')} />;
    case 'failed':
      return (
        <main className="gate">
          <ErrorAlert code={view.code} />
        </main>
      );
    case 'absent':
      return (
        <CreateVault
          onCreated={(created) => setView(viewFor(created))}
          onRestore={() => setView({ kind: 'restore' })}
        />
      );
    case 'restore':
      return (
        <RestoreVault
          onCancel={() => setView({ kind: 'absent' })}
          onRestored={() => setView({ kind: 'locked', reason: null, restored: true })}
        />
      );
    case 'locked':
      return (
        <Unlock
          reason={view.reason}
          preferred={view.preferred ?? 'office'}
          restored={view.restored ?? false}
          onUnlocked={(unlocked) => setView(viewFor(unlocked))}
        />
      );
    case 'unlocked':
      return (
        <VaultContext.Provider value={actions}>
          {/* A remount per vault: no screen state of one vault survives into the other. */}
          <AppShell key={view.status.vault ?? 'office'} status={view.status} onLock={lockNow} />
        </VaultContext.Provider>
      );
  }
}
