import type { Migration } from './types';

// The CRM records. Each kind is one STRICT table holding the validated record as JSON (`data`), the
// hybrid-logical-clock stamp of every field (`field_clocks`, for sync's per-field merge), and a tombstone
// (`deleted_at`). Columns that lists sort and filter on are generated from the JSON and indexed, so the
// repositories stay generic while the query planner still uses indexes.

const COMMON = `
  id TEXT PRIMARY KEY CHECK (length(id) = 32),
  data TEXT NOT NULL CHECK (json_valid(data)),
  field_clocks TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(field_clocks)),
  clock TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

const gen = (column: string, field: string, type = 'TEXT') =>
  `${column} ${type} GENERATED ALWAYS AS (json_extract(data, '$.${field}')) STORED`;

export const m0002Records: Migration = {
  version: 2,
  name: 'records',
  up(db) {
    db.exec(`
      CREATE TABLE people (${COMMON},
        norm_name TEXT NOT NULL DEFAULT '',
        ${gen('given_name', 'givenName')},
        ${gen('family_name', 'familyName')},
        ${gen('a_number', 'aNumber')},
        ${gen('date_of_birth', 'dateOfBirth')},
        ${gen('case_status', 'caseStatus')},
        ${gen('priority', 'priority')},
        ${gen('custody_status', 'custodyStatus')},
        ${gen('detained_at', 'detainedAt')},
        ${gen('facility_id', 'facilityId')},
        ${gen('arrest_county', 'arrestCounty')}
      ) STRICT;
      CREATE INDEX people_live_family ON people (family_name COLLATE NOCASE, given_name COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE INDEX people_live_updated ON people (updated_at) WHERE deleted_at IS NULL;
      CREATE INDEX people_live_detained ON people (detained_at) WHERE deleted_at IS NULL;
      CREATE INDEX people_a_number ON people (a_number) WHERE deleted_at IS NULL AND a_number IS NOT NULL;
      CREATE INDEX people_dob ON people (date_of_birth) WHERE deleted_at IS NULL AND date_of_birth IS NOT NULL;
      CREATE INDEX people_norm_name ON people (norm_name) WHERE deleted_at IS NULL;
      -- Filter + the default name order, so a filtered page is an index walk with no sort step.
      CREATE INDEX people_case_status ON people (case_status, family_name COLLATE NOCASE, given_name COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE INDEX people_priority ON people (priority, family_name COLLATE NOCASE, given_name COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE INDEX people_custody ON people (custody_status, family_name COLLATE NOCASE, given_name COLLATE NOCASE) WHERE deleted_at IS NULL;
      -- Filter + the other sorts the People table offers, so a filtered, sorted page is an index walk too.
      CREATE INDEX people_case_detained ON people (case_status, detained_at) WHERE deleted_at IS NULL;
      CREATE INDEX people_case_updated ON people (case_status, updated_at) WHERE deleted_at IS NULL;
      CREATE INDEX people_case_rank ON people (case_status, (CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END)) WHERE deleted_at IS NULL;
      CREATE INDEX people_priority_detained ON people (priority, detained_at) WHERE deleted_at IS NULL;
      CREATE INDEX people_priority_updated ON people (priority, updated_at) WHERE deleted_at IS NULL;
      CREATE INDEX people_custody_detained ON people (custody_status, detained_at) WHERE deleted_at IS NULL;
      CREATE INDEX people_custody_updated ON people (custody_status, updated_at) WHERE deleted_at IS NULL;
      CREATE INDEX people_priority_rank ON people ((CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 ELSE 2 END), updated_at) WHERE deleted_at IS NULL;
      CREATE INDEX people_county ON people (arrest_county) WHERE deleted_at IS NULL;
      CREATE INDEX people_facility ON people (facility_id) WHERE deleted_at IS NULL;

      CREATE VIRTUAL TABLE people_fts USING fts5(
        text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3'
      );

      CREATE TABLE volunteers (${COMMON},
        ${gen('given_name', 'givenName')},
        ${gen('family_name', 'familyName')},
        ${gen('status', 'status')}
      ) STRICT;
      CREATE INDEX volunteers_live_family ON volunteers (family_name COLLATE NOCASE, given_name COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE INDEX volunteers_status ON volunteers (status) WHERE deleted_at IS NULL;

      CREATE TABLE attorneys (${COMMON},
        ${gen('given_name', 'givenName')},
        ${gen('family_name', 'familyName')},
        ${gen('status', 'status')}
      ) STRICT;
      CREATE INDEX attorneys_live_family ON attorneys (family_name COLLATE NOCASE, given_name COLLATE NOCASE) WHERE deleted_at IS NULL;

      CREATE TABLE assignments (${COMMON},
        ${gen('person_id', 'personId')},
        ${gen('attorney_id', 'attorneyId')},
        ${gen('role', 'role')},
        ${gen('status', 'status')}
      ) STRICT;
      CREATE INDEX assignments_person ON assignments (person_id, status) WHERE deleted_at IS NULL;
      CREATE INDEX assignments_attorney ON assignments (attorney_id, status) WHERE deleted_at IS NULL;

      CREATE TABLE events (${COMMON},
        ${gen('person_id', 'personId')},
        ${gen('kind', 'kind')},
        ${gen('at', 'at')}
      ) STRICT;
      CREATE INDEX events_person ON events (person_id, at) WHERE deleted_at IS NULL;
      CREATE INDEX events_at ON events (at, kind) WHERE deleted_at IS NULL;

      CREATE TABLE facilities (${COMMON},
        ${gen('name', 'name')}
      ) STRICT;
      CREATE INDEX facilities_name ON facilities (name COLLATE NOCASE) WHERE deleted_at IS NULL;

      CREATE TABLE reports (${COMMON},
        ${gen('received_at', 'receivedAt')},
        ${gen('county', 'county')},
        ${gen('verification', 'verification')}
      ) STRICT;
      CREATE INDEX reports_received ON reports (received_at) WHERE deleted_at IS NULL;

      -- A purged record leaves only this marker, so an old bundle cannot bring it back.
      CREATE TABLE purged (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        clock TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT;

      -- Hash-chained audit log: who changed which fields of which record, never the values.
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        office_id TEXT NOT NULL,
        operator TEXT NOT NULL,
        action TEXT NOT NULL,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        fields TEXT NOT NULL CHECK (json_valid(fields)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_record ON audit (kind, record_id, seq);
    `);
  },
};
