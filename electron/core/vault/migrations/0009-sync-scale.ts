import type { Migration } from './types';

// Sync at network scale (sync/knowledge.ts, sync/reach.ts, sync/stability.ts):
// - `knowledge` now means "every write up to this stamp is held" (it meant "the highest stamp seen"), so the
//   old rows, which promise nothing, are dropped; the vault relearns it from the next complete bundles.
// - `peer_reports`: what each office said in its own latest bundles (knowledge, bundles imported, stable).
// - bundles in and out keep what they promised (knowledge, base, recipients' offices), so the sender can tell
//   what each contact has or is about to have.
// - conflicts get a lookup index by record field (their id is now derived from the losing write).
export const m0009SyncScale: Migration = {
  version: 9,
  name: 'sync-scale',
  up(db) {
    db.exec(`
      DELETE FROM knowledge;
      CREATE TABLE peer_reports (
        office_id TEXT PRIMARY KEY,
        knowledge TEXT NOT NULL CHECK (json_valid(knowledge)),
        received TEXT NOT NULL CHECK (json_valid(received)),
        stable TEXT NOT NULL CHECK (json_valid(stable)),
        reported_at TEXT NOT NULL
      ) STRICT;
      -- One row per bundle made or imported that promises its recipients something: the sender's office,
      -- its own stamp, the recipients' office ids, its knowledge, and whether it is complete (raises the
      -- recipients' knowledge) or a redacted stream (only tells what was sent to them).
      CREATE TABLE sync_promises (
        bundle_id TEXT PRIMARY KEY,
        sender_office TEXT NOT NULL,
        high_clock TEXT NOT NULL,
        recipients TEXT NOT NULL CHECK (json_valid(recipients)),
        knowledge TEXT NOT NULL CHECK (json_valid(knowledge)),
        complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
        -- For a bundle this office made under a profile that removes fields: the profile's name.
        profile TEXT
      ) STRICT;
      CREATE INDEX sync_promises_sender ON sync_promises (sender_office, high_clock);
      CREATE INDEX sync_conflicts_field ON sync_conflicts (kind, record_id, field);
    `);
  },
};
