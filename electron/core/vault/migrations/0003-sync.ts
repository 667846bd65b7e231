import type { Migration } from './types';

// Office-to-office sync. The office's own keys live only here, inside the encrypted database:
// key_id is the minisign key id as 16 lower-case hex (byte order as stored in signatures), signing_secret the
// 32-byte Ed25519 seed in base64, signing_public the 32-byte public key in base64, age_identity/age_recipient
// the AGE-SECRET-KEY-1… / age1… strings. Contacts keep the verified card they were added from, and the
// minisign public key as its 56-character base64 line.

export const m0003Sync: Migration = {
  version: 3,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        key_id TEXT NOT NULL,
        signing_secret TEXT NOT NULL,
        signing_public TEXT NOT NULL,
        age_identity TEXT NOT NULL,
        age_recipient TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE contacts (
        fingerprint TEXT PRIMARY KEY,
        office_id TEXT NOT NULL,
        office_name TEXT NOT NULL,
        key_id TEXT NOT NULL UNIQUE,
        minisign_public TEXT NOT NULL,
        age_recipient TEXT NOT NULL,
        card TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('unverified', 'verified', 'revoked')),
        added_at TEXT NOT NULL,
        verified_at TEXT,
        revoked_at TEXT,
        revoked_reason TEXT
      ) STRICT;

      CREATE TABLE bundles_in (
        bundle_id TEXT PRIMARY KEY,
        sender_fingerprint TEXT NOT NULL,
        sender_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        new_count INTEGER NOT NULL,
        updated_count INTEGER NOT NULL,
        conflict_count INTEGER NOT NULL,
        source TEXT NOT NULL
      ) STRICT;
      CREATE INDEX bundles_in_imported ON bundles_in (imported_at);

      CREATE TABLE bundles_out (
        bundle_id TEXT PRIMARY KEY,
        sequence INTEGER NOT NULL,
        recipients TEXT NOT NULL CHECK (json_valid(recipients)),
        created_at TEXT NOT NULL,
        high_clock TEXT NOT NULL,
        change_count INTEGER NOT NULL
      ) STRICT;

      -- Highest HLC stamp seen from each office, ours included.
      CREATE TABLE knowledge (
        office_id TEXT PRIMARY KEY,
        clock TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_conflicts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT NOT NULL,
        local_value TEXT,
        local_clock TEXT NOT NULL,
        incoming_value TEXT,
        incoming_clock TEXT NOT NULL,
        incoming_office TEXT NOT NULL,
        bundle_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT
      ) STRICT;
      CREATE INDEX sync_conflicts_open ON sync_conflicts (created_at) WHERE resolved_at IS NULL;

      CREATE TABLE redaction_profiles (
        name TEXT PRIMARY KEY,
        fields TEXT NOT NULL CHECK (json_valid(fields)),
        built_in INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      -- Built-in profiles, here rather than at creation so upgraded vaults get them too. Full removes
      -- nothing; Dispatch leaves out what a rapid-response partner does not need to act.
      INSERT INTO redaction_profiles (name, fields, built_in) VALUES
        ('Full', '{}', 1),
        ('Dispatch', '{"person":["aNumber","contacts","dateOfBirth","medicalNeeds"]}', 1);
    `);
  },
};
