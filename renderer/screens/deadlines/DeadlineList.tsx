import { useTranslation } from 'react-i18next';
import type { DeadlineItem } from '../../../shared/channels/casework';
import { useDates } from '../../app/format';
import { useNavigation } from '../../app/navigation';

// One list of deadlines, as the Deadlines screen, the dashboard and the person page show it: overdue ones
// first (the core's order), marked in red and in words, each with its due date and time of day in the
// office's zone.

export function DeadlineList({
  items,
  showPerson = true,
  onDone,
  busyKey,
}: {
  items: readonly DeadlineItem[];
  showPerson?: boolean;
  /** Offered on typed deadlines not done yet. */
  onDone?: (item: DeadlineItem) => void;
  busyKey?: string | null;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const { navigate } = useNavigation();
  return (
    <ul className="plain deadlines">
      {items.map((item) => {
        const label = item.kind === 'MANUAL' ? (item.what ?? '') : t(`deadlines.kind.${item.kind}`);
        const state = item.done ? 'done' : item.overdue ? 'overdue' : 'open';
        return (
          <li key={item.key} className={`deadline ${state}`}>
            {item.overdue ? <strong className="deadline-flag">{t('deadlines.overdue')}</strong> : null}
            {item.done ? <span className="deadline-flag done">{t('deadlines.done')}</span> : null}
            <span className="deadline-what">{label}</span>
            {showPerson ? (
              <>
                {' — '}
                <button
                  type="button"
                  className="link"
                  onClick={() => navigate({ section: 'people', id: item.personId })}
                >
                  {item.personName}
                </button>
              </>
            ) : null}
            <span className="deadline-due">
              {' · '}
              {t(item.overdue ? 'deadlines.wasDue' : 'deadlines.due', {
                when: dates.dateTime(item.dueAt),
              })}{' '}
              <span className="muted">
                (<time dateTime={item.dueAt}>{dates.relative(item.dueAt)}</time>)
              </span>
            </span>
            {item.responsible ? (
              <span className="muted">
                {' · '}
                {t(`deadlines.responsible.${item.responsible.kind}`, {
                  name: item.responsible.name ?? t('deadlines.unknownName'),
                })}
              </span>
            ) : null}
            {onDone && item.deadlineId && !item.done ? (
              <button
                type="button"
                className="deadline-action"
                disabled={busyKey === item.key}
                onClick={() => onDone(item)}
                aria-label={t('deadlines.markDoneLabel', { what: label })}
              >
                {t('deadlines.markDone')}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
