import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeading } from '../../components/ScreenHeading';
import { SelectField } from '../../components/SelectField';
import { DeadlineList } from './DeadlineList';
import { useDeadlines } from './useDeadlines';

// Every open deadline of the office: typed ones and those that follow from the case file (BIA appeal,
// habeas return, bond hearing). Overdue first, marked in red and in words; then by due date.

const WINDOWS = ['7', '30', '90', 'all'] as const;

export function DeadlinesScreen() {
  const { t } = useTranslation();
  const [window, setWindow] = useState<(typeof WINDOWS)[number]>('30');
  const [includeDone, setIncludeDone] = useState(false);
  const query = {
    ...(window === 'all' ? {} : { days: Number(window) }),
    ...(includeDone ? { includeDone } : {}),
  };
  const { list, markDone, busyKey } = useDeadlines(query);
  const rows = list.data?.rows ?? [];
  const overdue = rows.filter((row) => row.overdue).length;

  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('deadlines.title')}</ScreenHeading>
      <p className="field-help">{t('deadlines.intro')}</p>
      <div className="deadline-filters">
        <SelectField
          label={t('deadlines.window')}
          value={window}
          options={WINDOWS.map((value) => ({ value, label: t(`deadlines.windows.${value}`) }))}
          onChange={(value) => setWindow(value as (typeof WINDOWS)[number])}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={includeDone}
            onChange={(event) => setIncludeDone(event.target.checked)}
          />
          {t('deadlines.includeDone')}
        </label>
      </div>
      <ErrorAlert code={list.error ?? markDone.error} />
      {list.data ? (
        <section className="card" aria-labelledby="deadlines-list-title">
          <h2 id="deadlines-list-title">
            {t('deadlines.count', { count: rows.length })}
            {overdue > 0 ? (
              <span className="deadline-flag"> {t('deadlines.overdueCount', { count: overdue })}</span>
            ) : null}
          </h2>
          {rows.length === 0 ? <p>{t('deadlines.none')}</p> : null}
          <DeadlineList items={rows} onDone={(item) => void markDone.run(item)} busyKey={busyKey} />
          <p className="muted">{t('deadlines.zone', { zone: list.data.zone })}</p>
        </section>
      ) : null}
    </section>
  );
}
