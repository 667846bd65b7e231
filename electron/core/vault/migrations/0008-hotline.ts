import type { Migration } from './types';

// Hotline, dispatch and outreach: filled in below.
export const m0008Hotline: Migration = {
  version: 8,
  name: 'hotline',
  up() {},
};
