import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_UI_BACKUP_BYTES } from '../../shared/channels/vault';
import { call, errorCode } from '../api';
import { GateHeader } from '../components/GateHeader';
import { ScreenHeading } from '../components/ScreenHeading';
import { NewPassphraseFields, useNewPassphrase } from '../components/NewPassphraseFields';
import { PassphraseField } from '../components/PassphraseField';
import { DropZone } from './sync/DropZone';
import { bytesToBase64 } from './sync/files';

// First-run "Restore from a backup": the picked file's bytes go to the core, which restores into this
// computer's own vault folder only while it is empty, so nothing is ever overwritten. The restored vault
// gets the passphrase chosen here and opens on the unlock screen.

/** Codes whose generic wording ("this vault") would mislead here; the rest use errors.<CODE>. */
const RESTORE_ERRORS = ['WRONG_PASSPHRASE', 'VAULT_CORRUPT', 'VAULT_EXISTS', 'VAULT_TOO_NEW', 'TOO_LARGE'];

export function RestoreVault({ onCancel, onRestored }: { onCancel(): void; onRestored(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [backupPassphrase, setBackupPassphrase] = useState('');
  const next = useNewPassphrase();
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setError(null);
    if (!file || backupPassphrase === '' || !next.valid) return;
    if (file.size > MAX_UI_BACKUP_BYTES) {
      setError('TOO_LARGE');
      return;
    }
    setBusy(true);
    try {
      const backup = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      await call('vault:restore', { backup, backupPassphrase, newPassphrase: next.value });
      onRestored();
    } catch (caught) {
      setError(errorCode(caught));
      // The alert says what went wrong; the emptied passphrase field need not repeat "required".
      setBackupPassphrase('');
      setAttempted(false);
    } finally {
      setBusy(false);
    }
  };

  const message = error
    ? RESTORE_ERRORS.includes(error)
      ? t(`restore.error.${error}`)
      : t(`errors.${error}`, { defaultValue: t('errors.INTERNAL') })
    : null;

  return (
    <main className="gate">
      <GateHeader />
      <form onSubmit={submit} noValidate aria-labelledby="restore-title" aria-busy={busy} className="card">
        <ScreenHeading id="restore-title">{t('restore.title')}</ScreenHeading>
        <p>{t('restore.intro')}</p>
        <DropZone label={t('restore.file')} accept=".age" disabled={busy} onFile={setFile} />
        {file ? (
          <p className="field-help">{t('restore.chosen', { name: file.name })}</p>
        ) : attempted ? (
          <p className="field-error">{t('restore.fileRequired')}</p>
        ) : null}
        <PassphraseField
          label={t('restore.backupPassphrase')}
          value={backupPassphrase}
          onChange={setBackupPassphrase}
          autoComplete="current-password"
          error={attempted && backupPassphrase === '' ? t('restore.backupPassphraseRequired') : undefined}
        />
        <NewPassphraseFields
          passphrase={next}
          attempted={attempted}
          label={t('restore.newPassphrase')}
          confirmLabel={t('restore.confirm')}
          help={t('restore.newPassphraseHelp')}
        />
        {message ? (
          <p role="alert" className="alert">
            {message}
          </p>
        ) : null}
        {busy ? (
          <p role="status" className="notice">
            {t('restore.working')}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('restore.submit')}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('restore.back')}
          </button>
        </div>
      </form>
    </main>
  );
}
