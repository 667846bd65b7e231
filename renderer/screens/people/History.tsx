import { useTranslation } from 'react-i18next';
import { useDates } from '../../app/format';
import { useCall } from '../../app/useCall';

// The audit trail of this record: who changed which fields, and when (never the values).
export function History({ personId, version }: { personId: string; version: number }) {
  const { t } = useTranslation();
  const dates = useDates();
  const history = useCall('audit:history', { kind: 'person', id: personId }, [version]);
  // Secondary to the record above it: a history that can't be read is left empty, without an error.
  const entries = history.error ? [] : (history.data ?? []);
  return (
    <section aria-labelledby="history-title" className="card">
      <h3 id="history-title">{t('history.title')}</h3>
      <ol className="plain">
        {entries.map((entry) => (
          <li key={entry.seq}>
            <time dateTime={entry.at}>{dates.dateTime(entry.at)}</time> —{' '}
            {t(`history.action.${entry.action}`)}
            {entry.fields.length
              ? `: ${entry.fields.map((f) => t(`person.${f}`, { defaultValue: f })).join(', ')}`
              : ''}
            {entry.operator ? <span className="muted"> · {entry.operator}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
