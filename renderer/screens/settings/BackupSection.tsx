import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSPHRASE_MIN_LENGTH } from '../../../shared/vault';
import { call, errorCode } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PassphraseField } from '../../components/PassphraseField';
import { base64ToBytes, saveFile } from '../sync/files';

// "Back up now": the core encrypts a snapshot with age under the passphrase given here, and the renderer
// offers the ciphertext as a download. Restoring happens where there is no vault yet (it never overwrites
// one): on Amparo's first screen, or with the command, which this section explains.

export function BackupSection() {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tooShort = attempted && [...passphrase].length < PASSPHRASE_MIN_LENGTH;
  const mismatch = attempted && confirm !== passphrase;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setSaved(null);
    setError(null);
    if ([...passphrase].length < PASSPHRASE_MIN_LENGTH || confirm !== passphrase) return;
    setBusy(true);
    try {
      const backup = await call('backup:create', { passphrase });
      saveFile(base64ToBytes(backup.bytes), backup.fileName);
      setSaved(backup.fileName);
      setPassphrase('');
      setConfirm('');
      setAttempted(false);
    } catch (caught) {
      setError(errorCode(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="backup-title">
      <h3 id="backup-title">{t('settings.backup.title')}</h3>
      <p>{t('settings.backup.intro')}</p>
      <p role="note" className="alert">
        {t('settings.backup.warning')}
      </p>
      <PassphraseField
        label={t('settings.backup.passphrase')}
        value={passphrase}
        onChange={setPassphrase}
        autoComplete="new-password"
        error={tooShort ? t('passphrase.strength.too-short', { min: PASSPHRASE_MIN_LENGTH }) : undefined}
      />
      <p className="field-help">{t('settings.backup.passphraseHelp')}</p>
      <PassphraseField
        label={t('settings.backup.confirm')}
        value={confirm}
        onChange={setConfirm}
        autoComplete="new-password"
        error={mismatch ? t('create.mismatch') : undefined}
      />
      <ErrorAlert code={error} />
      {saved ? <p role="status">{t('settings.backup.done', { fileName: saved })}</p> : null}
      <button type="submit" disabled={busy}>
        {busy ? t('settings.backup.working') : t('settings.backup.button')}
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
