import type { Migration } from './types';

// What the inbox folder watcher handled, kept in the vault so an unlock does not decrypt old bundles again.
// inbox_files has one row per file content (SHA-256 of the bytes): imported, or refused with its error code
// (and the sender's fingerprint when the signature named a contact). `retry` marks refusals to try again
// (their sender was added or verified since); `dismissed_at` hides a refusal's notice. inbox_paths is the
// cheap pre-check: a path whose size and mtime are unchanged since it was hashed is not read again.

export const m0005InboxFiles: Migration = {
  version: 5,
  name: 'inbox-files',
  up(db) {
    db.exec(`
      CREATE TABLE inbox_files (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size >= 0),
        file TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'refused')),
        code TEXT,
        bundle_id TEXT,
        sender_fingerprint TEXT,
        handled_at TEXT NOT NULL,
        retry INTEGER NOT NULL DEFAULT 0 CHECK (retry IN (0, 1)),
        dismissed_at TEXT,
        CHECK ((outcome = 'refused') = (code IS NOT NULL))
      ) STRICT;
      CREATE INDEX inbox_files_refused ON inbox_files (handled_at) WHERE outcome = 'refused';

      CREATE TABLE inbox_paths (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        sha256 TEXT NOT NULL
      ) STRICT;
      CREATE INDEX inbox_paths_sha256 ON inbox_paths (sha256);
    `);
  },
};
