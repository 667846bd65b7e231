import type { Migration } from './types';

// The dashboard's deadlines card lists the first few deadlines of each source in due order, ties broken by
// id, and stops reading there. An index on the due date alone makes SQLite sort every row sharing a date
// before returning the first (thousands, when a coalition's habeas returns fall on one day); these indexes
// hold each source in the list's exact order, so a short list reads a short stretch of each.

export const m0015DeadlineOrder: Migration = {
  version: 15,
  name: 'deadline-order',
  up(db) {
    db.exec(`
      DROP INDEX people_decided_on;
      CREATE INDEX people_decided_on ON people (decided_on, id)
        WHERE decided_on IS NOT NULL AND deleted_at IS NULL;
      DROP INDEX people_habeas_return;
      CREATE INDEX people_habeas_return ON people (habeas_return_due, id)
        WHERE habeas_return_due IS NOT NULL AND deleted_at IS NULL;
      DROP INDEX deadlines_open;
      CREATE INDEX deadlines_open ON deadlines (done, due_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX events_bond_hearings ON events (at, person_id, id)
        WHERE deleted_at IS NULL AND kind = 'BOND_HEARING';
    `);
  },
};
