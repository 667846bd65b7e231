import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../shared/vault';
import { NavigationContext, type LeaveGuard, type Location } from '../app/navigation';
import { ROUTES } from '../app/routes';
import { useShortcut } from '../app/useShortcut';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NavBadge, useConflictCount } from './shell/ConflictCount';

export function AppShell({ status, onLock }: { status: VaultStatus; onLock(): void }) {
  const { t } = useTranslation();
  // Every navigation is a new `visit`: the screen is keyed by it, so it mounts afresh and its ScreenHeading
  // takes focus and is announced, even when only the record id changed.
  const [{ location, visit }, setPlace] = useState<{ location: Location; visit: number }>({
    location: { section: ROUTES[0]?.id ?? 'settings' },
    visit: 0,
  });
  const route = ROUTES.find((r) => r.id === location.section) ?? ROUTES[0];
  const leaveGuard = useRef<LeaveGuard | null>(null);
  const [asking, setAsking] = useState<Location | null>(null);
  const go = useCallback((to: Location) => {
    leaveGuard.current = null;
    setAsking(null);
    setPlace((current) => ({ location: to, visit: current.visit + 1 }));
  }, []);
  const navigate = useCallback((to: Location) => (leaveGuard.current?.() ? setAsking(to) : go(to)), [go]);
  const guard = useCallback((check: LeaveGuard) => {
    leaveGuard.current = check;
    return () => {
      if (leaveGuard.current === check) leaveGuard.current = null;
    };
  }, []);
  const navigation = useMemo(() => ({ location, navigate, guard }), [location, navigate, guard]);
  useShortcut('i', () => navigate({ section: 'people', id: 'new' }));
  const conflicts = useConflictCount(visit);

  return (
    <NavigationContext.Provider value={navigation}>
      <div className={status.vault === 'training' ? 'shell training' : 'shell'}>
        <aside className="sidebar">
          <p className="brand">{t('app.name')}</p>
          {status.office ? <p className="office">{t('shell.office', { name: status.office })}</p> : null}
          <nav aria-label={t('shell.navigation')}>
            <ul>
              {ROUTES.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    className="nav-item"
                    aria-current={r.id === location.section ? 'page' : undefined}
                    onClick={() => navigate({ section: r.id })}
                  >
                    {t(r.labelKey)}
                    {r.id === 'offices' ? <NavBadge count={conflicts} /> : null}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className="sidebar-footer">
            <LanguageSwitch />
            <button type="button" className="lock" onClick={onLock} aria-keyshortcuts="Control+L Meta+L">
              {t('shell.lock')} <kbd>{t('shell.lockShortcut')}</kbd>
            </button>
          </div>
        </aside>
        <main className="content">
          {status.vault === 'training' ? <TrainingBanner /> : null}
          {status.rollback ? <RollbackBanner /> : null}
          <div key={visit} className="screen">
            {route?.render()}
          </div>
        </main>
      </div>
      {asking ? (
        <ConfirmDialog
          title={t('shell.leave.title')}
          confirmLabel={t('shell.leave.confirm')}
          cancelLabel={t('shell.leave.cancel')}
          danger
          onConfirm={() => go(asking)}
          onCancel={() => setAsking(null)}
        >
          <p>{t('shell.leave.body')}</p>
        </ConfirmDialog>
      ) : null}
    </NavigationContext.Provider>
  );
}

/**
 * Always on screen in the training vault, whatever the section, so nobody mistakes synthetic records for
 * real ones or logs a real call into the training vault. The window title stays "Amparo" either way.
 */
function TrainingBanner() {
  const { t } = useTranslation();
  return (
    <section className="training-banner" aria-label={t('training.banner')}>
      <strong>{t('training.banner')}</strong> <span>{t('training.bannerHelp')}</span>
    </section>
  );
}

/**
 * Shown after an unlock that found this vault older than the one last opened on this computer (an old
 * copy of the folder put back, or writes the disk lost). Hiding it lasts until the vault locks; the audit
 * log keeps the finding.
 */
function RollbackBanner() {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState(false);
  if (hidden) return null;
  return (
    <section className="rollback-banner" role="alert">
      <p>
        <strong>{t('shell.rollbackTitle')}</strong> <span>{t('shell.rollbackHelp')}</span>
      </p>
      <button type="button" onClick={() => setHidden(true)}>
        {t('shell.rollbackDismiss')}
      </button>
    </section>
  );
}
