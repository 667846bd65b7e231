import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorCode } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';

/**
 * The watched inbox folder (a Syncthing share, a USB stick). Bundles there are imported after full checks,
 * except from offices that are not verified: those are listed as notices on the Offices screen.
 */
export function InboxSettings() {
  const { t } = useTranslation();
  const [folder, setFolder] = useState('');
  const [active, setActive] = useState<string | null>(null);
  const [saved, setSaved] = useState<'on' | 'off' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('inbox:get').then(
      (result) => {
        setActive(result.folder);
        setFolder(result.folder ?? '');
      },
      (caught: unknown) => setError(errorCode(caught)),
    );
  }, []);

  const save = async (next: string | null) => {
    setError(null);
    setSaved(null);
    try {
      const result = await call('inbox:set', { folder: next });
      setActive(result.folder);
      setFolder(result.folder ?? '');
      setSaved(result.folder ? 'on' : 'off');
    } catch (caught) {
      setError(errorCode(caught));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (folder.trim() !== '') void save(folder.trim());
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="inbox-title">
      <h3 id="inbox-title">{t('sync.inbox.title')}</h3>
      <p>{t('sync.inbox.explain')}</p>
      <p className="field-help">{t('sync.inbox.partial')}</p>
      <p className="field-help">{t('sync.inbox.untouched')}</p>
      <Field
        label={t('sync.inbox.folder')}
        value={folder}
        maxLength={4096}
        spellCheck={false}
        placeholder={t('sync.inbox.placeholder')}
        onChange={(event) => setFolder(event.target.value)}
      />
      <p>{active ? t('sync.inbox.watching', { folder: active }) : t('sync.inbox.off')}</p>
      <ErrorAlert code={error} />
      {saved ? (
        <p role="status">{saved === 'on' ? t('sync.inbox.savedOn') : t('sync.inbox.savedOff')}</p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={folder.trim() === ''}>
          {t('sync.inbox.save')}
        </button>
        <button type="button" disabled={active === null} onClick={() => void save(null)}>
          {t('sync.inbox.turnOff')}
        </button>
      </div>
    </form>
  );
}
