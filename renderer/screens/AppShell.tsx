import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../shared/vault';
import { NavigationContext, type Location } from '../app/navigation';
import { ROUTES } from '../app/routes';
import { useShortcut } from '../app/useShortcut';
import { LanguageSwitch } from '../components/LanguageSwitch';

export function AppShell({ status, onLock }: { status: VaultStatus; onLock(): void }) {
  const { t } = useTranslation();
  const [location, setLocation] = useState<Location>({ section: ROUTES[0]?.id ?? 'settings' });
  const route = ROUTES.find((r) => r.id === location.section) ?? ROUTES[0];
  const mainRef = useRef<HTMLElement>(null);
  const navigate = useCallback((to: Location) => setLocation(to), []);
  const navigation = useMemo(() => ({ location, navigate }), [location, navigate]);
  useShortcut('i', () => navigate({ section: 'people', id: 'new' }));

  // Move focus to the new page's heading so keyboard and screen-reader users land in it, unless the page
  // already focused its own first field (the intake form does).
  useEffect(() => {
    const main = mainRef.current;
    if (main && !main.contains(document.activeElement)) main.querySelector<HTMLElement>('h2')?.focus();
  }, [location]);

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
        <main ref={mainRef} className="content">
          {status.vault === 'training' ? <TrainingBanner /> : null}
          {status.rollback ? <RollbackBanner /> : null}
          {route?.render()}
        </main>
      </div>
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
