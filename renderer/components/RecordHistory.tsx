import { useTranslation } from 'react-i18next';
import type { Kind } from '../../shared/model';
import { useDates } from '../app/format';
import { useCall } from '../app/useCall';

// The audit trail of one record: who changed which fields, and when (never the values). `fieldLabel` names a
// field in the UI language; `version` is bumped by the page after an edit so the trail is read again.
export function RecordHistory({
  kind,
  id,
  version,
  fieldLabel,
}: {
  kind: Kind;
  id: string;
  version: number;
  fieldLabel(field: string): string;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const history = useCall('audit:history', { kind, id }, [version]);
  // Secondary to the record above it: a history that can't be read is left empty, without an error.
  const entries = history.error ? [] : (history.data ?? []);
  const titleId = `history-title-${kind}`;
  return (
    <section aria-labelledby={titleId} className="card">
      <h3 id={titleId}>{t('history.title')}</h3>
      <ol className="plain">
        {entries.map((entry) => (
          <li key={entry.seq}>
            <time dateTime={entry.at}>{dates.dateTime(entry.at)}</time> —{' '}
            {t(`history.action.${entry.action}`)}
            {entry.fields.length ? `: ${entry.fields.map(fieldLabel).join(', ')}` : ''}
            {entry.operator ? <span className="muted"> · {entry.operator}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
