import type { Migration } from './types';

// The office this vault belongs to, and small key/value settings (sync options, redaction profiles, etc.).
export const m0001Office: Migration = {
  version: 1,
  name: 'office',
  up(db) {
    db.exec(`
      CREATE TABLE office (
        id TEXT PRIMARY KEY CHECK (length(id) = 16),
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
