import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultStatus } from '../../shared/vault';
import { call } from '../api';
import { useAction } from '../app/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { GateHeader } from '../components/GateHeader';
import { ScreenHeading } from '../components/ScreenHeading';
import { NewPassphraseFields, useNewPassphrase } from '../components/NewPassphraseFields';

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
  const passphrase = useNewPassphrase();
  const [attempted, setAttempted] = useState(false);
  const create = useAction(async () => {
    onCreated(await call('vault:create', { officeName: office.trim(), passphrase: passphrase.value }));
  });

  const officeError = attempted && office.trim() === '' ? t('create.officeRequired') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (office.trim() === '' || !passphrase.valid) {
      create.reset();
      return;
    }
    void create.run();
  };

  return (
    <main className="gate">
      <GateHeader />
      <p className="tagline">{t('app.tagline')}</p>
      <form onSubmit={submit} noValidate aria-labelledby="create-title" className="card">
        <ScreenHeading id="create-title">{t('create.title')}</ScreenHeading>
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
        <NewPassphraseFields
          passphrase={passphrase}
          attempted={attempted}
          label={t('create.passphrase')}
          confirmLabel={t('create.confirm')}
        />
        <ErrorAlert code={create.error} />
        <button type="submit" className="primary" disabled={create.busy}>
          {create.busy ? t('create.working') : t('create.submit')}
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
