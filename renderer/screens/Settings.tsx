import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useAction, useCall } from '../app/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { NewPassphraseFields, useNewPassphrase } from '../components/NewPassphraseFields';
import { PassphraseField } from '../components/PassphraseField';
import { CsvImport } from './csv/CsvImport';
import { BackupSection } from './settings/BackupSection';
import { RetentionSection } from './settings/RetentionSection';
import { TimeZoneSection } from './settings/TimeZoneSection';
import { TrainingSection } from './settings/TrainingSection';
import { ScreenHeading } from '../components/ScreenHeading';

// Settings in sections, one on screen at a time, so none is a long scroll away.
const SECTIONS = ['general', 'data', 'backup', 'retention', 'training', 'security'] as const;
type Section = (typeof SECTIONS)[number];

export function Settings() {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('general');
  return (
    <section aria-labelledby="section-title" className="stack">
      <ScreenHeading>{t('settings.title')}</ScreenHeading>
      <div role="group" aria-label={t('settings.sections')} className="views">
        {SECTIONS.map((id) => (
          <button type="button" key={id} aria-pressed={section === id} onClick={() => setSection(id)}>
            {t(`settings.tabs.${id}`)}
          </button>
        ))}
      </div>
      {section === 'general' ? (
        <>
          <GeneralSettings />
          <OperatorName />
          <TimeZoneSection />
        </>
      ) : null}
      {section === 'data' ? <CsvImport /> : null}
      {section === 'backup' ? <BackupSection /> : null}
      {section === 'retention' ? <RetentionSection /> : null}
      {section === 'training' ? <TrainingSection /> : null}
      {section === 'security' ? <ChangePassphrase /> : null}
    </section>
  );
}

function GeneralSettings() {
  const { t } = useTranslation();
  const prefs = useCall('prefs:get');
  // What the user typed, shown over the stored value once they start editing.
  const [typed, setTyped] = useState<string | null>(null);
  const minutes = typed ?? (prefs.data ? String(prefs.data.idleLockMinutes) : '');
  const [saved, setSaved] = useState(false);
  const store = useAction(async () => {
    await call('prefs:set', { idleLockMinutes: Number(minutes) });
    setSaved(true);
  });

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void store.run();
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
        onChange={(event) => setTyped(event.target.value)}
      />
      <ErrorAlert code={store.error} />
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
  const change = useAction(async () => {
    await call('vault:changePassphrase', { current, next: next.value });
    setCurrent('');
    next.reset();
    setAttempted(false);
    setDone(true);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setDone(false);
    if (!next.valid) {
      change.reset();
      return;
    }
    void change.run();
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
      <ErrorAlert code={change.error} />
      {done ? <p role="status">{t('settings.changed')}</p> : null}
      <button type="submit" disabled={change.busy}>
        {t('settings.change')}
      </button>
    </form>
  );
}

/** The name written into the audit log for changes made on this laptop. */
function OperatorName() {
  const { t } = useTranslation();
  // Without a name the call only reads the current one.
  const stored = useCall('settings:operator', {});
  const [typed, setTyped] = useState<string | null>(null);
  const name = typed ?? stored.data?.name ?? '';
  const [saved, setSaved] = useState(false);
  const store = useAction(async () => {
    await call('settings:operator', { name });
    setSaved(true);
  });
  const save = (event: FormEvent) => {
    event.preventDefault();
    void store.run();
  };
  return (
    <form className="card" onSubmit={save} aria-labelledby="operator-title">
      <h3 id="operator-title">{t('settings.operatorTitle')}</h3>
      <Field
        label={t('settings.operator')}
        value={name}
        onChange={(e) => setTyped(e.target.value)}
        help={t('settings.operatorHelp')}
        maxLength={80}
      />
      <ErrorAlert code={store.error} />
      {saved ? <p role="status">{t('settings.saved')}</p> : null}
      <button type="submit">{t('settings.save')}</button>
    </form>
  );
}
