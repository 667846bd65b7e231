import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { NewPassphraseFields, useNewPassphrase } from '../../components/NewPassphraseFields';
import { base64ToBytes, saveFile } from '../sync/files';

// "Back up now": the core encrypts a snapshot with age under the passphrase given here, and the renderer
// offers the ciphertext as a download. Restoring happens where there is no vault yet (it never overwrites
// one): on Amparo's first screen, or with the command, which this section explains.

export function BackupSection() {
  const { t } = useTranslation();
  const passphrase = useNewPassphrase();
  const [attempted, setAttempted] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const backUp = useAction(async () => {
    const backup = await call('backup:create', { passphrase: passphrase.value });
    saveFile(base64ToBytes(backup.bytes), backup.fileName);
    setSaved(backup.fileName);
    passphrase.reset();
    setAttempted(false);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setSaved(null);
    if (!passphrase.valid) {
      backUp.reset();
      return;
    }
    void backUp.run();
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="backup-title">
      <h3 id="backup-title">{t('settings.backup.title')}</h3>
      <p>{t('settings.backup.intro')}</p>
      <p role="note" className="alert">
        {t('settings.backup.warning')}
      </p>
      <NewPassphraseFields
        passphrase={passphrase}
        attempted={attempted}
        label={t('settings.backup.passphrase')}
        confirmLabel={t('settings.backup.confirm')}
        help={t('settings.backup.passphraseHelp')}
        showStrength={false}
      />
      {backUp.busy ? <JobProgress kinds={['backup']} /> : null}
      <ErrorAlert code={backUp.error} />
      {saved ? <p role="status">{t('settings.backup.done', { fileName: saved })}</p> : null}
      <button type="submit" disabled={backUp.busy}>
        {backUp.busy ? t('settings.backup.working') : t('settings.backup.button')}
      </button>
      <h4>{t('settings.backup.restoreTitle')}</h4>
      <p>{t('settings.backup.restoreIntro')}</p>
      <p>{t('settings.backup.restoreCli')}</p>
      <pre>
        <code>amparo restore amparo-backup.age --vault NEW-FOLDER</code>
      </pre>
    </form>
  );
}
