import type { Migration } from './types';

// Hotline, dispatch and Know-Your-Rights outreach.
// - Two record tables, with the columns every record table has by now (0002, 0004, 0006): `dispatches`
//   (a volunteer sent to a report) and `workshops` (outreach).
// - Reports gain columns to list them by state; a report stored before it had a status is open, so
//   `status` reads an absent value as OPEN and no row is rewritten. People gain `report_id` (the report an
//   intake started from). Both are VIRTUAL: SQLite cannot add a STORED column to a table that exists.
// - The built-in Dispatch profile sends what a hotline partner acts on from the new fields and kinds: when
//   and where (county) an incident was, by which agency, whether it is verified and open, and who was sent
//   when and how it stands. Never a caller's callback, what was seen, vehicles, or report-back notes.
//   Custom profiles and Legal are left as they are: a kind or field they don't list stays home.

const COMMON = `
  id TEXT PRIMARY KEY CHECK (length(id) = 32),
  data TEXT NOT NULL CHECK (json_valid(data)),
  field_clocks TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(field_clocks)),
  clock TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  field_ctx TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(field_ctx)),
  deletion TEXT CHECK (deletion IS NULL OR json_valid(deletion))`;

const gen = (column: string, field: string) =>
  `${column} TEXT GENERATED ALWAYS AS (json_extract(data, '$.${field}')) STORED`;

/** What Dispatch sends of reports and dispatches from this version on (written out, as 0007 does). */
const DISPATCH_SENDS = {
  report: [
    'agency',
    'closedAt',
    'county',
    'incidentAt',
    'receivedAt',
    'status',
    'verification',
    'verifiedAt',
  ],
  dispatch: ['endedAt', 'onSiteAt', 'reportId', 'role', 'sentAt', 'status', 'volunteerId'],
};

export const m0008Hotline: Migration = {
  version: 8,
  name: 'hotline',
  up(db) {
    db.exec(`
      CREATE TABLE dispatches (${COMMON},
        ${gen('report_id', 'reportId')},
        ${gen('volunteer_id', 'volunteerId')},
        ${gen('status', 'status')},
        ${gen('sent_at', 'sentAt')}
      ) STRICT;
      CREATE INDEX dispatches_report ON dispatches (report_id, sent_at) WHERE deleted_at IS NULL;
      CREATE INDEX dispatches_volunteer ON dispatches (volunteer_id, sent_at) WHERE deleted_at IS NULL;
      CREATE INDEX dispatches_status ON dispatches (status, sent_at) WHERE deleted_at IS NULL;
      CREATE INDEX dispatches_sent ON dispatches (sent_at) WHERE deleted_at IS NULL;
      CREATE INDEX dispatches_deleted ON dispatches (deleted_at) WHERE deleted_at IS NOT NULL;

      CREATE TABLE workshops (${COMMON},
        ${gen('date', 'date')},
        ${gen('county', 'county')},
        ${gen('language', 'language')}
      ) STRICT;
      CREATE INDEX workshops_date ON workshops (date) WHERE deleted_at IS NULL;
      CREATE INDEX workshops_county ON workshops (county, date) WHERE deleted_at IS NULL;
      CREATE INDEX workshops_language ON workshops (language, date) WHERE deleted_at IS NULL;
      CREATE INDEX workshops_deleted ON workshops (deleted_at) WHERE deleted_at IS NOT NULL;

      ALTER TABLE reports ADD COLUMN status TEXT
        GENERATED ALWAYS AS (coalesce(json_extract(data, '$.status'), 'OPEN')) VIRTUAL;
      CREATE INDEX reports_status ON reports (status, received_at) WHERE deleted_at IS NULL;
      CREATE INDEX reports_county ON reports (county, received_at) WHERE deleted_at IS NULL;
      CREATE INDEX reports_verification ON reports (verification, received_at) WHERE deleted_at IS NULL;

      ALTER TABLE people ADD COLUMN report_id TEXT
        GENERATED ALWAYS AS (json_extract(data, '$.reportId')) VIRTUAL;
      CREATE INDEX people_report ON people (report_id) WHERE deleted_at IS NULL AND report_id IS NOT NULL;
    `);
    const row = db
      .prepare("SELECT send FROM redaction_profiles WHERE name = 'Dispatch' AND built_in = 1")
      .get() as { send: string | null } | undefined;
    if (row?.send) {
      const send = { ...(JSON.parse(row.send) as Record<string, string[]>), ...DISPATCH_SENDS };
      db.prepare("UPDATE redaction_profiles SET send = ? WHERE name = 'Dispatch' AND built_in = 1").run(
        JSON.stringify(send),
      );
    }
  },
};
