import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../shared/vault';
import { PASSPHRASE_MIN_LENGTH } from '../../shared/vault';
import { call, errorCode } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PassphraseField } from '../components/PassphraseField';

export function CreateVault({
  onCreated,
  onRestore,
}: {
  onCreated(status: VaultStatus): void;
  /** Opens the "Restore from a backup" screen instead of making an empty vault. */
  onRestore(): void;
}) {
  const { t } = useTranslation();
  const [office, setOffice] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const officeError = attempted && office.trim() === '' ? t('create.officeRequired') : undefined;
  const lengthError =
    attempted && [...passphrase].length < PASSPHRASE_MIN_LENGTH
      ? t('passphrase.strength.too-short', { min: PASSPHRASE_MIN_LENGTH })
      : undefined;
  const mismatch = attempted && confirm !== passphrase ? t('create.mismatch') : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setError(null);
    if (office.trim() === '' || [...passphrase].length < PASSPHRASE_MIN_LENGTH || confirm !== passphrase)
      return;
    setBusy(true);
    try {
      onCreated(await call('vault:create', { officeName: office.trim(), passphrase }));
    } catch (caught) {
      setError(errorCode(caught));
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
      <p className="tagline">{t('app.tagline')}</p>
      <form onSubmit={submit} noValidate aria-labelledby="create-title" className="card">
        <h2 id="create-title">{t('create.title')}</h2>
        <p>{t('create.intro')}</p>
        <Field
          label={t('create.office')}
          value={office}
          onChange={(event) => setOffice(event.target.value)}
          help={t('create.officeHelp')}
          error={officeError}
          autoFocus
          maxLength={80}
        />
        <PassphraseField
          label={t('create.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          showStrength
          error={lengthError}
          autoComplete="new-password"
        />
        <PassphraseField
          label={t('create.confirm')}
          value={confirm}
          onChange={setConfirm}
          error={mismatch}
          autoComplete="new-password"
        />
        <ErrorAlert code={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('create.working') : t('create.submit')}
        </button>
      </form>
      <section className="card" aria-labelledby="restore-offer-title">
        <h2 id="restore-offer-title">{t('restore.offerTitle')}</h2>
        <p>{t('restore.offerIntro')}</p>
        <button type="button" onClick={onRestore}>
          {t('restore.open')}
        </button>
      </section>
    </main>
  );
}
