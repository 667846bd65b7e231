import type { Migration } from './types';

// Two things stability reads to tell sooner which changes no write can still be concurrent with:
// - each bundle this office sends is remembered with the "held since" it said (the greatest stamp of a
//   write this office made before it came to hold what the bundle says it holds), so this office can bound
//   its own earlier writes as tightly as its partners bound theirs. Null for bundles sent before: their
//   own stamp stands in, as before.
// - the clock's last stamp given to a write, kept apart from its last stamp overall (which received stamps
//   push forward). It starts as the last stamp overall: every write so far is at or below it.

export const m0018BundleHeldSince: Migration = {
  version: 18,
  name: 'bundle-held-since',
  up(db) {
    db.exec(`
      ALTER TABLE sync_promises ADD COLUMN held_since TEXT;
      INSERT INTO settings (key, value) SELECT 'hlc.written', value FROM settings WHERE key = 'hlc';
    `);
  },
};
