import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../../api';
import { useLoad } from '../../app/useCall';

/**
 * What waits on the Offices screen's conflicts tab (field conflicts and partners' deletes to review),
 * counted again on every navigation and whenever a bundle comes in, so it shows from any screen.
 */
export function useConflictCount(visit: number): number {
  const counted = useLoad(async () => {
    const [conflicts, pending] = await Promise.all([call('conflict:list'), call('deleted:pending')]);
    return conflicts.length + pending.length;
  }, [visit]);
  const { reload } = counted;
  useEffect(() => subscribe('sync:imported', reload), [reload]);
  useEffect(() => subscribe('sync:refused', reload), [reload]);
  return counted.error ? 0 : (counted.data ?? 0);
}

/** A count beside a section's name; read as words ("3 conflicts to review"), shown as a number. */
export function NavBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <>
      {' '}
      <span className="nav-badge" aria-hidden="true">
        {count}
      </span>
      <span className="visually-hidden">{t('shell.conflictsBadge', { count })}</span>
    </>
  );
}
