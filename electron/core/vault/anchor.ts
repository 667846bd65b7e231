import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import type { Database } from '../kernel/context';
import { writeFileAtomic } from './files';

// The rollback anchor: outside the vault folder (in the app's profile), this computer keeps the newest
// audit-chain head it has seen for each vault. The chain is inside the encrypted database, so nobody
// without the key can extend it; an older copy of the vault folder, or a WAL that lost committed frames,
// shows up at unlock as a chain that lacks that head. The file holds no record data: per vault, an id
// derived from its database key, the office id, an entry number and a hash.
//
// Only as strong as the file: whoever can also put back an older anchor file (or delete it) defeats it.
// A stale anchor (a crash before it was written) only misses a rollback; it never raises a false one,
// because it is written after the database has committed what it names.

export const ANCHOR_FILE_NAME = 'vault-anchors.json';

/**
 * The CLI's default: beside the vault folder, in the folder that holds it. For the app's own vault
 * (<userData>/vault) that is the app's profile folder, so the app and the CLI keep one anchor.
 */
export function defaultAnchorFile(vaultDir: string): string {
  return join(dirname(resolve(vaultDir)), ANCHOR_FILE_NAME);
}

export interface ChainHead {
  /** seq of the newest audit entry (entries are numbered from 1 and never removed); 0 when empty. */
  entries: number;
  /** Its hash; '' when the chain is empty. */
  hash: string;
}

export interface Rollback {
  expectedEntries: number;
  foundEntries: number;
}

const AnchorEntry = z.object({
  officeId: z.string(),
  entries: z.number().int().min(0),
  hash: z.string(),
  seenAt: z.string(),
});
type AnchorEntry = z.infer<typeof AnchorEntry>;

const AnchorFile = z.object({
  format: z.literal('amparo-rollback-anchor'),
  version: z.literal(1),
  vaults: z.record(z.string(), AnchorEntry),
});
type AnchorFile = z.infer<typeof AnchorFile>;

/** Enough for the office vault, training vaults made over the years and vaults restored here. */
const MAX_VAULTS = 64;

// Prepared once per open database: the probe runs around every call. The cache dies with the connection.
const prepared = new WeakMap<Database, Map<string, BetterSqlite3.Statement>>();

function stmt(db: Database, sql: string): BetterSqlite3.Statement {
  let cache = prepared.get(db);
  if (!cache) {
    cache = new Map();
    prepared.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

export function chainHead(db: Database): ChainHead {
  const row = stmt(db, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  return row ? { entries: row.seq, hash: row.hash } : { entries: 0, hash: '' };
}

/** The chain head and the connection's running count of changed rows, in one cheap read. */
export function probeChain(db: Database): ChainHead & { changes: number } {
  const row = stmt(
    db,
    'SELECT total_changes() AS changes, a.seq AS seq, a.hash AS hash FROM (SELECT 1) LEFT JOIN (SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1) AS a',
  ).get() as { changes: number; seq: number | null; hash: string | null };
  return { changes: row.changes, entries: row.seq ?? 0, hash: row.hash ?? '' };
}

export const sameHead = (a: ChainHead, b: ChainHead) => a.entries === b.entries && a.hash === b.hash;

/** A chain "contains" the anchored head when its entry with that number has that hash. */
export function findRollback(db: Database, anchored: ChainHead): Rollback | null {
  if (anchored.entries === 0) return null;
  const row = stmt(db, 'SELECT hash FROM audit WHERE seq = ?').get(anchored.entries) as
    { hash: string } | undefined;
  if (row?.hash === anchored.hash) return null;
  return { expectedEntries: anchored.entries, foundEntries: chainHead(db).entries };
}

function readFile(file: string): AnchorFile {
  const empty: AnchorFile = { format: 'amparo-rollback-anchor', version: 1, vaults: {} };
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return empty;
  }
  try {
    const parsed = AnchorFile.safeParse(JSON.parse(raw));
    // An unreadable anchor is treated as none (and rewritten): a missed check, never a false alarm.
    return parsed.success ? parsed.data : empty;
  } catch {
    return empty;
  }
}

export function readAnchor(file: string, keyId: string): ChainHead | undefined {
  const entry = readFile(file).vaults[keyId];
  return entry ? { entries: entry.entries, hash: entry.hash } : undefined;
}

export function writeAnchor(
  file: string,
  keyId: string,
  entry: { officeId: string; head: ChainHead; seenAt: string },
): void {
  const current = readFile(file);
  const vaults: Record<string, AnchorEntry> = {
    ...current.vaults,
    [keyId]: { officeId: entry.officeId, ...entry.head, seenAt: entry.seenAt },
  };
  // Keep the most recently seen vaults; an id dropped here only loses its check.
  const kept = Object.entries(vaults)
    .sort(([, a], [, b]) => (a.seenAt < b.seenAt ? 1 : a.seenAt > b.seenAt ? -1 : 0))
    .slice(0, MAX_VAULTS);
  const next: AnchorFile = { ...current, vaults: Object.fromEntries(kept) };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
}
