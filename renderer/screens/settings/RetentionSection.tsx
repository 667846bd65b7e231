import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SUGGESTED_RETENTION_DAYS, type PurgePreview } from '../../../shared/maintenance-channels';
import { call, errorCode } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';

// Retention of closed cases: an automatic purge on unlock (off by default), and a manual "Purge now" that
// always shows who goes before anything is removed.

export function RetentionSection() {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(false);
  const [days, setDays] = useState(String(SUGGESTED_RETENTION_DAYS));
  const [saved, setSaved] = useState(false);
  const [preview, setPreview] = useState<PurgePreview | null>(null);
  const [purged, setPurged] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('retention:get').then((settings) => {
      setEnabled(settings.closedCaseDays !== null);
      if (settings.closedCaseDays !== null) setDays(String(settings.closedCaseDays));
    });
  }, []);

  const run = async (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (caught) {
      setError(errorCode(caught));
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setPurged(null);
    void run(async () => {
      await call('retention:set', { closedCaseDays: enabled ? Number(days) : null });
      setSaved(true);
    });
  };

  const showPreview = () =>
    run(async () => {
      setPurged(null);
      setPreview(await call('retention:preview', { days: Number(days) }));
    });

  const purgeNow = () => {
    if (!preview || !window.confirm(t('settings.retention.confirm', { count: preview.count }))) return;
    void run(async () => {
      const result = await call('retention:purge', { days: preview.days });
      setPurged(result.people);
      setPreview(null);
    });
  };

  return (
    <form className="card" onSubmit={save} aria-labelledby="retention-title">
      <h3 id="retention-title">{t('settings.retention.title')}</h3>
      <p>{t('settings.retention.intro')}</p>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('settings.retention.enable')}
      </label>
      <Field
        label={t('settings.retention.days')}
        type="number"
        min={1}
        max={3650}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        help={t('settings.retention.daysHelp', { days: SUGGESTED_RETENTION_DAYS })}
      />
      <ErrorAlert code={error} />
      {saved ? <p role="status">{t('settings.saved')}</p> : null}
      <div className="row">
        <button type="submit" disabled={busy}>
          {t('settings.save')}
        </button>
        <button type="button" disabled={busy} onClick={() => void showPreview()}>
          {t('settings.retention.preview')}
        </button>
      </div>
      {preview ? (
        <section aria-labelledby="purge-preview-title">
          <h4 id="purge-preview-title">{t('settings.retention.previewTitle', { count: preview.count })}</h4>
          {preview.count > 0 ? (
            <>
              <ul aria-label={t('settings.retention.previewList')}>
                {preview.people.map((p) => (
                  <li key={p.id}>{p.name}</li>
                ))}
              </ul>
              <button type="button" className="danger" disabled={busy} onClick={purgeNow}>
                {t('settings.retention.purge')}
              </button>
            </>
          ) : null}
        </section>
      ) : null}
      {purged !== null ? <p role="status">{t('settings.retention.done', { count: purged })}</p> : null}
    </form>
  );
}
