import type { Migration } from './types';

// Reserved: indexes in the deadlines list's own order.
export const m0015DeadlineOrder: Migration = {
  version: 15,
  name: '0015-deadline-order',
  up() {},
};
