import { useState, type DependencyList } from 'react';
import type { DeadlineItem, DeadlineQuery } from '../../../shared/channels/casework';
import { call } from '../../api';
import { useAction, useCall } from '../../app/useCall';

/** The deadlines for a query, and marking a typed one done (the list reloads after). */
export function useDeadlines(query: DeadlineQuery, deps: DependencyList = []) {
  const list = useCall('deadline:upcoming', query, deps);
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const markDone = useAction(async (item: DeadlineItem) => {
    if (!item.deadlineId) return;
    setBusyKey(item.key);
    try {
      await call('deadline:update', { id: item.deadlineId, patch: { done: true } });
      list.reload();
    } finally {
      setBusyKey(null);
    }
  });
  return { list, markDone, busyKey };
}
