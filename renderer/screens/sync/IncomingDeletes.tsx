import { useTranslation } from 'react-i18next';
import type { BundleSummary } from '../../../shared/channels/sync';
import { useRecordName, useTakenAlong } from '../deleted/labels';

// The deletes a bundle brings, in its preview: each record by name and what a person takes along, so
// nobody applies a partner's delete of a case without seeing whose it is.

/** "Deleted: 2 · Deleted there, changed here: 1", added to the counts only when there are any. */
export function useDeleteCounts() {
  const { t } = useTranslation();
  return (summary: BundleSummary) =>
    [
      summary.deleted > 0 ? t('sync.import.deleted', { count: summary.deleted }) : null,
      summary.deleteConflicts > 0
        ? t('sync.import.deleteConflicts', { count: summary.deleteConflicts })
        : null,
    ]
      .filter((part): part is string => part !== null)
      .map((part) => ` · ${part}`)
      .join('');
}

/**
 * A person's events and assignments come as deletes of their own. When the people's "takes along" already
 * count them, they are not listed again, one line per hearing; any the counts don't cover are.
 */
function shown(deletes: BundleSummary['deletes']): BundleSummary['deletes'] {
  const people = deletes.filter((item) => item.kind === 'person');
  const taken = (key: 'events' | 'assignments' | 'deadlines') =>
    people.reduce((sum, item) => sum + (item.takes?.[key] ?? 0), 0);
  const covered = (kind: 'event' | 'assignment' | 'deadline', key: 'events' | 'assignments' | 'deadlines') =>
    deletes.filter((item) => item.kind === kind).length <= taken(key);
  const hide = new Set<string>([
    ...(covered('event', 'events') ? ['event'] : []),
    ...(covered('assignment', 'assignments') ? ['assignment'] : []),
    ...(covered('deadline', 'deadlines') ? ['deadline'] : []),
  ]);
  return [...people, ...deletes.filter((item) => item.kind !== 'person' && !hide.has(item.kind))];
}

export function IncomingDeletes({ summary }: { summary: BundleSummary }) {
  const { t } = useTranslation();
  const recordName = useRecordName();
  const takenAlong = useTakenAlong();
  if (summary.deletes.length === 0) return null;
  return (
    <section className="incoming-deletes notice warning" aria-labelledby="incoming-deletes-title">
      <h5 id="incoming-deletes-title">{t('sync.import.deletesTitle')}</h5>
      <p>{t('sync.import.deletesExplain')}</p>
      <ul>
        {shown(summary.deletes).map((item) => {
          const name = recordName(item.kind, item.label);
          const along = item.takes ? takenAlong(item.takes) : null;
          return (
            <li key={`${item.kind}:${item.id}`}>
              {item.kind === 'person' ? null : `${t(`sync.kinds.${item.kind}`)}: `}
              <strong>{name}</strong>
              {along ? ` — ${t('deleted.withAlong', { what: along })}` : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
