import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../shared/vault';
import { ROUTES } from '../app/routes';

export function AppShell({ status, onLock }: { status: VaultStatus; onLock(): void }) {
  const { t } = useTranslation();
  const [routeId, setRouteId] = useState(ROUTES[0]?.id ?? 'settings');
  const route = ROUTES.find((r) => r.id === routeId) ?? ROUTES[0];
  const mainRef = useRef<HTMLElement>(null);

  // Move focus to the new section's heading so keyboard and screen-reader users land in it.
  useEffect(() => {
    mainRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [routeId]);

  return (
    <div className="shell">
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
                  aria-current={r.id === routeId ? 'page' : undefined}
                  onClick={() => setRouteId(r.id)}
                >
                  {t(r.labelKey)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="lock" onClick={onLock} aria-keyshortcuts="Control+L Meta+L">
          {t('shell.lock')} <kbd>{t('shell.lockShortcut')}</kbd>
        </button>
      </aside>
      <main ref={mainRef} className="content">
        {route?.render()}
      </main>
    </div>
  );
}
