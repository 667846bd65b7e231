import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../shared/sync-channels';
import { call, errorCode } from '../../api';
import { useDates } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Concurrent edits of one field. Last-writer-wins already picked the current value; the coordinator can
 * keep either one, and the choice then travels to other offices like any edit.
 */
export function ConflictsView({ conflicts, onChange }: { conflicts: Conflict[]; onChange(): void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [error, setError] = useState<string | null>(null);
  const [resolved, setResolved] = useState(false);

  const resolve = async (id: string, keep: 'local' | 'incoming') => {
    setError(null);
    setResolved(false);
    try {
      await call('conflict:resolve', { id, keep });
      setResolved(true);
      onChange();
    } catch (caught) {
      setError(errorCode(caught));
    }
  };

  const field = (c: Conflict) => t(`${c.kind}.${c.field}`, { defaultValue: c.field });
  return (
    <section className="card" aria-labelledby="conflicts-title">
      <h3 id="conflicts-title">{t('sync.conflicts.title', { count: conflicts.length })}</h3>
      <p className="muted">{t('sync.conflicts.explain')}</p>
      {resolved ? <p role="status">{t('sync.conflicts.resolved')}</p> : null}
      <ErrorAlert code={error} />
      {conflicts.length === 0 ? (
        <p className="muted">{t('sync.conflicts.none')}</p>
      ) : (
        <ul className="plain stack">
          {conflicts.map((c) => (
            <li key={c.id} className="conflict">
              <p>
                <strong>{t(`sync.kinds.${c.kind}`)}</strong> <span className="mono">{c.recordId}</span> —{' '}
                {field(c)}
              </p>
              <p className="muted">
                {t('sync.conflicts.from', { office: c.incomingOffice, date: dates.dateTime(c.createdAt) })}
              </p>
              <dl className="fields">
                <dt>{t('sync.conflicts.local')}</dt>
                <dd>
                  {show(c.localValue)} {c.current === 'local' ? <em>{t('sync.conflicts.current')}</em> : null}
                </dd>
                <dt>{t('sync.conflicts.incoming')}</dt>
                <dd>
                  {show(c.incomingValue)}{' '}
                  {c.current === 'incoming' ? <em>{t('sync.conflicts.current')}</em> : null}
                </dd>
              </dl>
              <div className="actions">
                <button type="button" onClick={() => void resolve(c.id, 'local')}>
                  {t('sync.conflicts.keepLocal')}
                </button>
                <button type="button" onClick={() => void resolve(c.id, 'incoming')}>
                  {t('sync.conflicts.keepIncoming')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
