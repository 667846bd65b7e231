import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Database } from '../kernel/context';

// Prepared statements are compiled once per open database and reused: bulk imports run the same few
// statements hundreds of thousands of times. The cache dies with the connection (WeakMap), so a lock
// leaves nothing behind.

/**
 * A SQL list of fixed enum values (`'A', 'B'`), for the shared constants that queries filter on. Only
 * upper-case identifiers pass, so nothing from a user can reach the SQL text this way.
 */
export function sqlList(values: readonly string[]): string {
  for (const value of values) if (!/^[A-Z_]+$/.test(value)) throw new Error('Not an enum constant');
  return values.map((value) => `'${value}'`).join(', ');
}

const caches = new WeakMap<Database, Map<string, BetterSqlite3.Statement>>();

export function stmt(db: Database, sql: string): BetterSqlite3.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
