import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockReason, VaultStatus } from '../../shared/vault';
import { call, errorCode } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PassphraseField } from '../components/PassphraseField';

export function Unlock({
  reason,
  onUnlocked,
}: {
  reason: LockReason | null;
  onUnlocked(status: VaultStatus): void;
}) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const status = await call('vault:unlock', { passphrase });
      setPassphrase('');
      onUnlocked(status);
    } catch (caught) {
      setError(errorCode(caught));
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="gate">
      <header className="gate-header">
        <h1>{t('app.name')}</h1>
        <LanguageSwitch />
      </header>
      <form onSubmit={submit} aria-labelledby="unlock-title" className="card">
        <h2 id="unlock-title">{t('unlock.title')}</h2>
        {reason ? (
          <p className="notice" role="status">
            {t(`unlock.reason.${reason}`)}
          </p>
        ) : null}
        <PassphraseField
          label={t('unlock.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          autoFocus
          autoComplete="current-password"
        />
        <ErrorAlert code={error} />
        <button type="submit" className="primary" disabled={busy || passphrase.length === 0}>
          {busy ? t('unlock.working') : t('unlock.submit')}
        </button>
      </form>
    </main>
  );
}
