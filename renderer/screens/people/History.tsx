import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/ipc';
import { call } from '../../api';
import { useDates } from '../../app/format';

// The audit trail of this record: who changed which fields, and when (never the values).
export function History({ personId, version }: { personId: string; version: number }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [entries, setEntries] = useState<ChannelOutput<'audit:history'>>([]);
  useEffect(() => {
    call('audit:history', { kind: 'person', id: personId }).then(setEntries, () => setEntries([]));
  }, [personId, version]);
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
