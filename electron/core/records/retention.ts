import type { PurgePreview, PurgeResult, RetentionSettings } from '../../../shared/maintenance-channels';
import type { Database, ServiceContext } from '../context';
import { appendAudit } from './audit';
import { clearPersonIndex } from './people-index';
import { stmt } from './statements';
import { writerFor } from './writer';

// Retention: the personal data of closed cases is removed for good after N days without changes. A purge
// deletes the person, their events and assignments and any sync conflicts holding their values, leaves a
// purge marker per record (so an old bundle cannot bring them back), writes one audit entry per record
// (field names only), then compacts the search index and VACUUMs so the data is gone from the file too.

const DAYS_KEY = 'retention.closedCaseDays';
const LAST_RUN_KEY = 'retention.lastRun';
const DAY_MS = 24 * 60 * 60 * 1000;

function readSetting(db: Database, key: string): string | undefined {
  return (stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)
    ?.value;
}

function writeSetting(db: Database, key: string, value: string | null): void {
  if (value === null) stmt(db, 'DELETE FROM settings WHERE key = ?').run(key);
  else
    stmt(
      db,
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
}

export function getRetention(db: Database): RetentionSettings {
  const days = readSetting(db, DAYS_KEY);
  const last = readSetting(db, LAST_RUN_KEY);
  return {
    closedCaseDays: days === undefined ? null : Number(days),
    lastRun: last === undefined ? null : (JSON.parse(last) as RetentionSettings['lastRun']),
  };
}

export function setRetention(db: Database, days: number | null): void {
  writeSetting(db, DAYS_KEY, days === null ? null : String(days));
}

interface DueRow {
  rowid: number;
  id: string;
  data: string;
  given_name: string | null;
  family_name: string | null;
}

const cutoffOf = (days: number, now: Date) => new Date(now.getTime() - days * DAY_MS).toISOString();

/** Closed cases (tombstoned ones too: their data is still in the row) not changed since the cutoff. */
function due(db: Database, cutoff: string): DueRow[] {
  return stmt(
    db,
    `SELECT rowid, id, data, given_name, family_name FROM people
     WHERE case_status = 'CLOSED' AND updated_at < ? ORDER BY family_name, given_name, id`,
  ).all(cutoff) as DueRow[];
}

export function previewPurge(db: Database, days: number, now: Date): PurgePreview {
  const cutoff = cutoffOf(days, now);
  const rows = due(db, cutoff);
  return {
    days,
    cutoff,
    count: rows.length,
    people: rows.map((r) => ({ id: r.id, name: `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim() })),
  };
}

function hasTable(db: Database, name: string): boolean {
  return stmt(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function purgeClosedCases(ctx: ServiceContext, days: number, now: Date): PurgeResult {
  const w = writerFor(ctx);
  const { db } = w.session;
  const cutoff = cutoffOf(days, now);
  const at = now.toISOString();
  const result: PurgeResult = { cutoff, people: 0, events: 0, assignments: 0 };
  const conflicts = hasTable(db, 'sync_conflicts');

  const remove = (kind: 'person' | 'event' | 'assignment', table: string, id: string, data: string) => {
    stmt(db, `DELETE FROM ${table} WHERE id = ?`).run(id);
    if (conflicts) stmt(db, 'DELETE FROM sync_conflicts WHERE kind = ? AND record_id = ?').run(kind, id);
    stmt(
      db,
      'INSERT INTO purged (kind, id, clock) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET clock = excluded.clock',
    ).run(kind, id, w.hlc.tick());
    const fields = Object.keys(JSON.parse(data) as Record<string, unknown>).sort();
    appendAudit(
      db,
      {
        at,
        officeId: w.session.office.id,
        operator: w.operator,
        action: 'purge',
        kind,
        recordId: id,
        fields,
      },
      w.audit,
    );
  };

  db.transaction(() => {
    for (const person of due(db, cutoff)) {
      for (const [kind, table] of [
        ['event', 'events'],
        ['assignment', 'assignments'],
      ] as const) {
        const rows = stmt(db, `SELECT id, data FROM ${table} WHERE person_id = ?`).all(person.id) as {
          id: string;
          data: string;
        }[];
        for (const row of rows) remove(kind, table, row.id, row.data);
        result[kind === 'event' ? 'events' : 'assignments'] += rows.length;
      }
      clearPersonIndex(db, person.rowid);
      remove('person', 'people', person.id, person.data);
      result.people++;
    }
    if (result.people > 0) {
      // Deleting from FTS5 leaves the old tokens in their segments until a merge; optimize rewrites them.
      db.exec("INSERT INTO people_fts (people_fts) VALUES ('optimize')");
    }
    writeSetting(db, LAST_RUN_KEY, JSON.stringify({ at, purged: result.people }));
  })();

  if (result.people > 0) {
    // VACUUM cannot run inside a transaction. It rebuilds the file without the freed pages (which
    // secure_delete has already zeroed), and the checkpoint moves that into vault.db and empties the WAL.
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return result;
}

/** Runs the office's retention policy, if it is on. A failure must not stop the unlock; it retries next time. */
export function runScheduledPurge(ctx: ServiceContext): PurgeResult | null {
  try {
    const days = getRetention(ctx.session().db).closedCaseDays;
    return days === null ? null : purgeClosedCases(ctx, days, ctx.clock.now());
  } catch {
    return null;
  }
}
