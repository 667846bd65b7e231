import type { Migration } from './types';

// Per-field causal context for sync's conflict detection (electron/core/records/causal.ts):
// `field_ctx` holds, per field, the other offices' highest stamps that the field's value was written having
// seen, as JSON `{field: [stamp, …]}`. Empty contexts are left out, so existing rows start as '{}' ("each
// field has seen only its own stamp"). Runs in the migration's transaction like every migration.

export const RECORD_TABLES = [
  'people',
  'volunteers',
  'attorneys',
  'assignments',
  'events',
  'facilities',
  'reports',
] as const;

export const m0004FieldContext: Migration = {
  version: 4,
  name: 'field-context',
  up(db) {
    for (const table of RECORD_TABLES) {
      db.exec(
        `ALTER TABLE ${table} ADD COLUMN field_ctx TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(field_ctx))`,
      );
    }
  },
};
