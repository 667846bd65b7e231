import { toUtcIso } from '../../../../shared/time';
import type { Migration } from './types';

// Deadlines, transfers and instants in one form.
// - `deadlines`: a deadline typed in for a person (what, due, who answers for it, done), with the columns
//   every record table has by now (0002, 0004, 0006). Deadlines derived from the case file are not stored.
// - People gain `decided_on` (the immigration judge's decision) and `habeas_return_due`, VIRTUAL (SQLite
//   cannot add a STORED column to a table that exists) and indexed for live people that have them, so the
//   derived deadlines read only those people.
// - Instants typed with an offset (`2026-12-05T09:00-08:00`) are rewritten in the UTC form the schemas now
//   store (`2026-12-05T17:00:00.000Z`): SQL compares them as text, and `…-08:00` sorted before an earlier
//   `…Z` instant. The value is the same instant, so its field stamp is kept and no office sees a change.
// - The built-in Legal profile (the case file, attorney to attorney) sends deadlines and where a transfer
//   came from. Dispatch and custom profiles are left as they are.

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

/** The instant fields at this version, written out so the migration means the same thing later. */
const INSTANTS: Record<string, readonly string[][]> = {
  people: [['detainedAt'], ['legalHold', 'since']],
  events: [['at']],
  reports: [['receivedAt']],
};

const LEGAL_ADDS = {
  event: ['fromFacilityId'],
  deadline: ['attorneyId', 'done', 'dueAt', 'notes', 'personId', 'volunteerId', 'what'],
};

type Data = Record<string, unknown>;

/** Rewrites the instant at `path` in place; true when it changed. */
function normalize(data: Data, path: readonly string[]): boolean {
  const [head, ...rest] = path as [string, ...string[]];
  const value = data[head];
  if (rest.length > 0)
    return !!value && typeof value === 'object' && !Array.isArray(value) && normalize(value as Data, rest);
  if (typeof value !== 'string') return false;
  let utc: string;
  try {
    utc = toUtcIso(value);
  } catch {
    return false;
  }
  if (utc === value) return false;
  data[head] = utc;
  return true;
}

export const m0010Deadlines: Migration = {
  version: 10,
  name: 'deadlines',
  up(db) {
    db.exec(`
      CREATE TABLE deadlines (${COMMON},
        ${gen('person_id', 'personId')},
        ${gen('due_at', 'dueAt')},
        ${gen('attorney_id', 'attorneyId')},
        ${gen('volunteer_id', 'volunteerId')},
        done INTEGER GENERATED ALWAYS AS (coalesce(json_extract(data, '$.done'), 0)) STORED
      ) STRICT;
      CREATE INDEX deadlines_person ON deadlines (person_id, due_at) WHERE deleted_at IS NULL;
      CREATE INDEX deadlines_open ON deadlines (done, due_at) WHERE deleted_at IS NULL;
      CREATE INDEX deadlines_attorney ON deadlines (attorney_id, due_at) WHERE deleted_at IS NULL;
      CREATE INDEX deadlines_volunteer ON deadlines (volunteer_id, due_at) WHERE deleted_at IS NULL;
      CREATE INDEX deadlines_due ON deadlines (due_at) WHERE deleted_at IS NULL;
      CREATE INDEX deadlines_deleted ON deadlines (deleted_at) WHERE deleted_at IS NOT NULL;

      ALTER TABLE people ADD COLUMN decided_on TEXT
        GENERATED ALWAYS AS (json_extract(data, '$.courtCase.decision.on')) VIRTUAL;
      ALTER TABLE people ADD COLUMN habeas_return_due TEXT
        GENERATED ALWAYS AS (json_extract(data, '$.habeas.returnDue')) VIRTUAL;
      CREATE INDEX people_decided_on ON people (decided_on)
        WHERE decided_on IS NOT NULL AND deleted_at IS NULL;
      CREATE INDEX people_habeas_return ON people (habeas_return_due)
        WHERE habeas_return_due IS NOT NULL AND deleted_at IS NULL;
    `);

    for (const [table, paths] of Object.entries(INSTANTS)) {
      const update = db.prepare(`UPDATE ${table} SET data = ? WHERE rowid = ?`);
      // Only rows with an instant not already in the stored form need a look.
      const odd = paths
        .map((path) => `json_extract(data, '$.${path.join('.')}')`)
        .map((value) => `(${value} IS NOT NULL AND ${value} NOT GLOB '????-??-??T??:??:??.???Z')`)
        .join(' OR ');
      const rows = db.prepare(`SELECT rowid, data FROM ${table} WHERE ${odd}`).all() as {
        rowid: number;
        data: string;
      }[];
      for (const row of rows) {
        const data = JSON.parse(row.data) as Data;
        let changed = false;
        for (const path of paths) changed = normalize(data, path) || changed;
        if (changed) update.run(JSON.stringify(data), row.rowid);
      }
    }

    const legal = db
      .prepare("SELECT send FROM redaction_profiles WHERE name = 'Legal' AND built_in = 1")
      .get() as { send: string | null } | undefined;
    if (legal?.send) {
      const send = JSON.parse(legal.send) as Record<string, string[]>;
      const next = {
        ...send,
        event: [...new Set([...(send.event ?? []), ...LEGAL_ADDS.event])].sort(),
        deadline: LEGAL_ADDS.deadline,
      };
      db.prepare("UPDATE redaction_profiles SET send = ? WHERE name = 'Legal' AND built_in = 1").run(
        JSON.stringify(next),
      );
    }
  },
};
