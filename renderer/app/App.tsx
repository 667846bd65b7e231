import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockReason, VaultStatus } from '../../shared/vault';
import { call, errorCode, subscribe } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { AppShell } from '../screens/AppShell';
import { CreateVault } from '../screens/CreateVault';
import { Unlock } from '../screens/Unlock';
import { useShortcut } from './useShortcut';

type View =
  | { kind: 'loading' }
  | { kind: 'failed'; code: string }
  | { kind: 'absent' }
  | { kind: 'locked'; reason: LockReason | null }
  | { kind: 'unlocked'; status: VaultStatus };

function viewFor(status: VaultStatus, reason: LockReason | null = null): View {
  if (status.state === 'absent') return { kind: 'absent' };
  if (status.state === 'locked') return { kind: 'locked', reason };
  return { kind: 'unlocked', status };
}

export function App() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>({ kind: 'loading' });

  useEffect(() => {
    call('vault:status')
      .then((status) => setView(viewFor(status)))
      .catch((error: unknown) => setView({ kind: 'failed', code: errorCode(error) }));
    // The Node side locks on idle, suspend and screen lock; whatever was on screen goes away at once.
    return subscribe('vault:locked', ({ reason }) => setView({ kind: 'locked', reason }));
  }, []);

  const lockNow = useCallback(() => {
    void call('vault:lock').then(() => setView({ kind: 'locked', reason: 'manual' }));
  }, []);
  useShortcut('l', lockNow, view.kind === 'unlocked');

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
      return <CreateVault onCreated={(status) => setView(viewFor(status))} />;
    case 'locked':
      return <Unlock reason={view.reason} onUnlocked={(status) => setView(viewFor(status))} />;
    case 'unlocked':
      return <AppShell status={view.status} onLock={lockNow} />;
  }
}
