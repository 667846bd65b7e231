import type { Migration } from './types';

// Reserved: filled in by the sync-at-scale work (people's sort/filter columns written by the row writer).
export const m0014PeoplePlainColumns: Migration = {
  version: 14,
  name: 'people-plain-columns',
  up() {},
};
