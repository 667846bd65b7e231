import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useDates } from '../../app/format';
import { setOfficeZone } from '../../app/office-zone';
import { useAction, useCall } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';

// The office's time zone: "today", "this week", expiries and every time shown are read in it. Empty
// follows this computer's zone.

function zoneNames(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const names = supported ? supported('timeZone') : [];
  return names.includes('UTC') ? names : [...names, 'UTC'];
}

export function TimeZoneSection() {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const stored = useCall('settings:timeZone', {});
  const [typed, setTyped] = useState<string | null>(null);
  const value = typed ?? (stored.data?.chosen ? stored.data.zone : '');
  const [saved, setSaved] = useState(false);
  const options = useMemo(() => zoneNames().map((zone) => ({ value: zone, label: zone })), []);
  const store = useAction(async () => {
    const result = await call('settings:timeZone', { zone: value === '' ? null : value });
    stored.replace(result);
    setOfficeZone(result.zone);
    setTyped(null);
    setSaved(true);
  });
  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void store.run();
  };
  return (
    <form className="card" onSubmit={save} aria-labelledby="time-zone-title">
      <h3 id="time-zone-title">{t('settings.timeZone.title')}</h3>
      <p className="field-help">{t('settings.timeZone.intro')}</p>
      <SelectField
        label={t('settings.timeZone.label')}
        value={value}
        options={options}
        emptyLabel={t('settings.timeZone.system', { zone: stored.data?.system ?? '' })}
        onChange={(next) => {
          setSaved(false);
          setTyped(next);
        }}
      />
      {stored.data ? (
        <p className="field-help">
          {t('settings.timeZone.now', { zone: stored.data.zone, time: dateTime(new Date().toISOString()) })}
        </p>
      ) : null}
      <ErrorAlert code={store.error ?? stored.error} />
      {saved ? <p role="status">{t('settings.saved')}</p> : null}
      <button type="submit" disabled={store.busy}>
        {t('settings.save')}
      </button>
    </form>
  );
}
