// The inbox watcher's memory in the vault (tables from migration 0005): the outcome of every file content
// it handled, and per path the size, mtime and hash last seen, so an unlock recognises old files without
// reading, let alone decrypting, them again.
import type { ErrorCode } from '../../../shared/errors';
import type { InboxNotice } from '../../../shared/channels/sync';
import type { Database } from '../kernel/context';
import type { InboxFile, InboxMemory } from './inbox';

/** Refusals that a new or newly verified contact can lift. */
export const SENDER_REFUSALS: readonly ErrorCode[] = ['BUNDLE_UNKNOWN_SENDER', 'SENDER_UNVERIFIED'];

export function inboxMemory(db: () => Database): InboxMemory {
  return {
    knownPath(path, size, mtimeMs) {
      return (
        db()
          .prepare(
            `SELECT 1 FROM inbox_paths p JOIN inbox_files f ON f.sha256 = p.sha256
             WHERE p.path = ? AND p.size = ? AND p.mtime_ms = ? AND f.retry = 0`,
          )
          .get(path, size, mtimeMs) !== undefined
      );
    },
    handled(sha256) {
      return (
        db().prepare('SELECT 1 FROM inbox_files WHERE sha256 = ? AND retry = 0').get(sha256) !== undefined
      );
    },
    remember(file) {
      notePath(db(), file);
    },
    prune(present) {
      const d = db();
      const rows = d.prepare('SELECT path FROM inbox_paths').all() as { path: string }[];
      const gone = rows.filter((r) => !present.has(r.path));
      if (gone.length === 0) return;
      const remove = d.prepare('DELETE FROM inbox_paths WHERE path = ?');
      d.transaction(() => {
        for (const r of gone) remove.run(r.path);
      })();
    },
  };
}

function notePath(db: Database, file: InboxFile): void {
  db.prepare(
    `INSERT INTO inbox_paths (path, size, mtime_ms, sha256) VALUES (?, ?, ?, ?)
     ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256`,
  ).run(file.path, file.size, file.mtimeMs, file.sha256);
}

export interface InboxOutcome {
  outcome: 'imported' | 'refused';
  code?: ErrorCode;
  bundleId?: string;
  senderFingerprint?: string | null;
}

/** Records what happened to a file's content, and where it was seen. A repeated refusal keeps its dismissal. */
export function recordInboxOutcome(db: Database, file: InboxFile, result: InboxOutcome, now: Date): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO inbox_files (sha256, size, file, outcome, code, bundle_id, sender_fingerprint, handled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sha256) DO UPDATE SET file = excluded.file, outcome = excluded.outcome,
         code = excluded.code, bundle_id = excluded.bundle_id, sender_fingerprint = excluded.sender_fingerprint,
         handled_at = excluded.handled_at, retry = 0,
         dismissed_at = CASE WHEN inbox_files.code IS excluded.code THEN inbox_files.dismissed_at END`,
    ).run(
      file.sha256,
      file.size,
      file.name,
      result.outcome,
      result.outcome === 'refused' ? (result.code ?? 'INTERNAL') : null,
      result.bundleId ?? null,
      result.senderFingerprint ?? null,
      now.toISOString(),
    );
    notePath(db, file);
  })();
}

/** Marks refusals for their sender to be tried at the next scan. Returns how many. */
export function retrySenderRefusals(db: Database): number {
  const marks = SENDER_REFUSALS.map(() => '?').join(', ');
  return db
    .prepare(
      `UPDATE inbox_files SET retry = 1 WHERE outcome = 'refused' AND code IN (${marks}) AND retry = 0`,
    )
    .run(...SENDER_REFUSALS).changes;
}

/** Forgets where files were seen (the inbox was turned off); outcomes stay, so nothing is decrypted again. */
export function forgetInboxPaths(db: Database): void {
  db.prepare('DELETE FROM inbox_paths').run();
}

interface RefusedRow {
  sha256: string;
  file: string;
  code: string;
  handled_at: string;
  sender_fingerprint: string | null;
  office_name: string | null;
}

interface NoticeRow extends RefusedRow {
  state: 'unverified' | 'verified' | 'revoked' | null;
}

/** Refused files still in the folder and not dismissed, newest first, with the sender if it is a contact. */
export function listInboxNotices(db: Database): InboxNotice[] {
  const rows = db
    .prepare(
      `SELECT f.sha256, f.file, f.code, f.handled_at, f.sender_fingerprint, c.office_name, c.state
       FROM inbox_files f LEFT JOIN contacts c ON c.fingerprint = f.sender_fingerprint
       WHERE f.outcome = 'refused' AND f.dismissed_at IS NULL
         AND EXISTS (SELECT 1 FROM inbox_paths p WHERE p.sha256 = f.sha256)
       ORDER BY f.handled_at DESC, f.rowid DESC`,
    )
    .all() as NoticeRow[];
  return rows.map((r) => ({
    id: r.sha256,
    file: r.file,
    code: r.code as ErrorCode,
    refusedAt: r.handled_at,
    sender:
      r.sender_fingerprint !== null && r.office_name !== null && r.state !== null
        ? { officeName: r.office_name, fingerprint: r.sender_fingerprint, state: r.state }
        : null,
  }));
}

export function dismissInboxNotice(db: Database, id: string, now: Date): void {
  db.prepare(
    "UPDATE inbox_files SET dismissed_at = ? WHERE sha256 = ? AND outcome = 'refused' AND dismissed_at IS NULL",
  ).run(now.toISOString(), id);
}

/** Refused inbox files for the import history, newest first. */
export function listInboxRefusals(db: Database) {
  const rows = db
    .prepare(
      `SELECT f.sha256, f.file, f.code, f.handled_at, f.sender_fingerprint, c.office_name
       FROM inbox_files f LEFT JOIN contacts c ON c.fingerprint = f.sender_fingerprint
       WHERE f.outcome = 'refused' ORDER BY f.handled_at DESC, f.rowid DESC`,
    )
    .all() as RefusedRow[];
  return rows.map((r) => ({
    outcome: 'refused' as const,
    bundleId: null,
    id: r.sha256,
    file: r.file,
    code: r.code as ErrorCode,
    refusedAt: r.handled_at,
    senderName: r.office_name,
    senderFingerprint: r.sender_fingerprint,
    source: 'inbox' as const,
  }));
}
