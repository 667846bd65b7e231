import type { Migration } from './types';

// Placeholder: rebuilds the people search index (filled in shortly).
export const m0012PeopleSearchDigits: Migration = {
  version: 12,
  name: 'people-search-digits',
  up() {},
};
