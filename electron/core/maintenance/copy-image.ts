import type { Database } from '../kernel/context';

// Copies every schema object and row of `main` into the attached schema `target`, the way VACUUM does
// internally. SQLite3MultipleCiphers has no sqlcipher_export() and better-sqlite3 cannot key the
// destination of its backup API, so this is how an in-memory image becomes a keyed file without ever
// being written in plaintext. Tables first, then rows (rowids kept: the search index points at them),
// then indexes and triggers (after the rows, so no trigger fires during the copy).

interface SchemaObject {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  sql: string;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** `CREATE TABLE people (` -> `CREATE TABLE "target".people (`; SQLite stores the SQL without the schema. */
function inSchema(sql: string, schema: string): string {
  const head =
    /^(CREATE\s+(?:UNIQUE\s+)?(?:VIRTUAL\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?)/i;
  if (!head.test(sql)) throw new Error('Unexpected schema statement');
  return sql.replace(head, `$1${quote(schema)}.`);
}

export function copyDatabase(db: Database, target: string): void {
  const objects = db
    .prepare('SELECT type, name, sql FROM main.sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid')
    .all() as SchemaObject[];
  const virtuals = objects
    .filter((o) => o.type === 'table' && /^CREATE\s+VIRTUAL\s+TABLE/i.test(o.sql))
    .map((o) => o.name);
  const isShadow = (name: string) => virtuals.some((v) => name.startsWith(`${v}_`));
  const internal = (name: string) => name.startsWith('sqlite_');
  const t = quote(target);

  db.transaction(() => {
    // 1. Tables. A virtual table creates its own shadow tables, so those are not created here.
    for (const o of objects) {
      if (o.type === 'table' && !internal(o.name) && !isShadow(o.name)) db.exec(inSchema(o.sql, target));
    }
    // 2. Rows of every stored table, shadow tables included (a contentless FTS index lives only there).
    for (const o of objects) {
      if (o.type !== 'table' || internal(o.name) || virtuals.includes(o.name)) continue;
      const columns = (
        db.prepare(`PRAGMA main.table_xinfo(${quote(o.name)})`).all() as { name: string; hidden: number }[]
      )
        .filter((c) => c.hidden === 0) // generated columns are recomputed, not copied
        .map((c) => quote(c.name));
      const withRowid = !/\)\s*(?:STRICT\s*,\s*)?WITHOUT\s+ROWID/i.test(o.sql);
      const list = [...(withRowid ? ['rowid'] : []), ...columns].join(', ');
      db.exec(`DELETE FROM ${t}.${quote(o.name)}`);
      db.exec(`INSERT INTO ${t}.${quote(o.name)} (${list}) SELECT ${list} FROM main.${quote(o.name)}`);
    }
    if (objects.some((o) => o.name === 'sqlite_sequence')) {
      db.exec(`DELETE FROM ${t}.sqlite_sequence`);
      db.exec(`INSERT INTO ${t}.sqlite_sequence SELECT * FROM main.sqlite_sequence`);
    }
    // 3. Indexes, views and triggers, in their original order.
    for (const o of objects) {
      if (o.type !== 'table' && !internal(o.name)) db.exec(inSchema(o.sql, target));
    }
    const version = db.pragma('main.user_version', { simple: true }) as number;
    const appId = db.pragma('main.application_id', { simple: true }) as number;
    // PRAGMA takes no bound parameters; both values are integers read from SQLite itself.
    db.pragma(`${t}.user_version = ${Math.trunc(version)}`);
    db.pragma(`${t}.application_id = ${Math.trunc(appId)}`);
  })();
}
