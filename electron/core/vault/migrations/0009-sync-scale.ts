import type { Migration } from './types';

// Sync at network scale: filled in below.
export const m0009SyncScale: Migration = {
  version: 9,
  name: 'sync-scale',
  up() {},
};
