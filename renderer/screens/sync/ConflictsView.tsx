import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conflict, Contact } from '../../../shared/channels/sync';
import { call, errorCode } from '../../api';
import { useDates } from '../../app/format';
import { useNavigation } from '../../app/navigation';
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
export function ConflictsView(props: { conflicts: Conflict[]; contacts: Contact[]; onChange(): void }) {
  const { conflicts, onChange } = props;
  const { t } = useTranslation();
  const dates = useDates();
  const { navigate } = useNavigation();
  const names = usePersonNames(conflicts);
  const office = (id: string) => props.contacts.find((c) => c.officeId === id)?.officeName ?? id;
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
                <strong>{t(`sync.kinds.${c.kind}`)}</strong>{' '}
                {names[c.recordId] ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => navigate({ section: 'people', id: c.recordId })}
                  >
                    {names[c.recordId]}
                  </button>
                ) : (
                  <span className="mono">{c.recordId}</span>
                )}{' '}
                — {field(c)}
              </p>
              <p className="muted">
                {t('sync.conflicts.from', {
                  office: office(c.incomingOffice),
                  date: dates.dateTime(c.createdAt),
                })}
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

/** Display names of the people the conflicts are about (other kinds are shown by id). */
function usePersonNames(conflicts: Conflict[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const ids = [...new Set(conflicts.filter((c) => c.kind === 'person').map((c) => c.recordId))]
    .sort()
    .join(',');
  useEffect(() => {
    if (ids === '') return;
    let current = true;
    void Promise.all(
      ids.split(',').map((id) =>
        call('person:get', { id }).then(
          (p) => [id, `${p.givenName} ${p.familyName}`] as const,
          () => null,
        ),
      ),
    ).then((pairs) => {
      if (current) setNames(Object.fromEntries(pairs.filter((pair) => pair !== null)));
    });
    return () => {
      current = false;
    };
  }, [ids]);
  return names;
}
