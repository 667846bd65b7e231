import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorCode } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { NewPassphraseFields, useNewPassphrase } from '../components/NewPassphraseFields';
import { PassphraseField } from '../components/PassphraseField';
import { CsvImport } from './CsvImport';
import { BackupSection } from './settings/BackupSection';
import { RetentionSection } from './settings/RetentionSection';
import { TrainingSection } from './settings/TrainingSection';

export function Settings() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="section-title" className="stack">
      <h2 id="section-title" tabIndex={-1}>
        {t('settings.title')}
      </h2>
      <GeneralSettings />
      <OperatorName />
      <CsvImport />
      <TrainingSection />
      <BackupSection />
      <RetentionSection />
      <ChangePassphrase />
    </section>
  );
}

function GeneralSettings() {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('prefs:get').then((prefs) => setMinutes(String(prefs.idleLockMinutes)));
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setError(null);
    try {
      await call('prefs:set', { idleLockMinutes: Number(minutes) });
      setSaved(true);
    } catch (caught) {
      setError(errorCode(caught));
    }
  };

  return (
    <form className="card" onSubmit={save} aria-labelledby="general-title">
      <h3 id="general-title">{t('settings.general')}</h3>
      <p className="field-help">{t('settings.languageHint')}</p>
      <Field
        label={t('settings.idle')}
        type="number"
        min={1}
        max={240}
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
      />
      <ErrorAlert code={error} />
      {saved ? <p role="status">{t('settings.saved')}</p> : null}
      <button type="submit">{t('settings.save')}</button>
    </form>
  );
}

function ChangePassphrase() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const next = useNewPassphrase();
  const [attempted, setAttempted] = useState(false);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setDone(false);
    setError(null);
    if (!next.valid) return;
    setBusy(true);
    try {
      await call('vault:changePassphrase', { current, next: next.value });
      setCurrent('');
      next.reset();
      setAttempted(false);
      setDone(true);
    } catch (caught) {
      setError(errorCode(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="passphrase-title">
      <h3 id="passphrase-title">{t('settings.passphraseTitle')}</h3>
      <p>{t('settings.passphraseIntro')}</p>
      <PassphraseField
        label={t('settings.current')}
        value={current}
        onChange={setCurrent}
        autoComplete="current-password"
      />
      <NewPassphraseFields
        passphrase={next}
        attempted={attempted}
        label={t('settings.next')}
        confirmLabel={t('settings.confirm')}
      />
      <ErrorAlert code={error} />
      {done ? <p role="status">{t('settings.changed')}</p> : null}
      <button type="submit" disabled={busy}>
        {t('settings.change')}
      </button>
    </form>
  );
}

/** The name written into the audit log for changes made on this laptop. */
function OperatorName() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void call('settings:operator', {}).then((r) => setName(r.name));
  }, []);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await call('settings:operator', { name });
    setSaved(true);
  };
  return (
    <form className="card" onSubmit={save} aria-labelledby="operator-title">
      <h3 id="operator-title">{t('settings.operatorTitle')}</h3>
      <Field
        label={t('settings.operator')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        help={t('settings.operatorHelp')}
        maxLength={80}
      />
      {saved ? <p role="status">{t('settings.saved')}</p> : null}
      <button type="submit">{t('settings.save')}</button>
    </form>
  );
}
