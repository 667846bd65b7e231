import type { Migration } from './types';

// What each office said in its latest bundles now includes when it came to hold what it holds: the
// greatest stamp it had written or received before that. Stability uses it to know which of an office's
// writes could not have seen a change, without waiting a round for the office's later writes too.
// Null for offices whose bundles don't say it yet (older Amparo): their latest stamp stands in for it.

export const m0016HeldSince: Migration = {
  version: 16,
  name: 'held-since',
  up(db) {
    db.exec('ALTER TABLE peer_reports ADD COLUMN held_since TEXT');
  },
};
