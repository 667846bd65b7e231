import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { SCHEMAS } from '../../shared/model';
import { appendAudit, type AuditTip } from '../../electron/core/records/audit';
import { encodeUniform } from '../../electron/core/records/clocks';
import { newId } from '../../electron/core/records/ids';
import { indexPerson, normalizedName } from '../../electron/core/records/people-index';
import { applyPragmas, rawKey } from '../../electron/core/vault/database';
import { migrate } from '../../electron/core/vault/migrate';
import { MIGRATIONS } from '../../electron/core/vault/migrations/index';
import { time } from './stats';

// Where bulk creation's time goes: the same people written into fresh encrypted databases with the vault's
// own schema, one layer of work added at a time, each layer with the repository's own functions. The rates
// fall from the bare encrypted insert (baseline.ts) to the full repository write (createRecord):
//   row         the people row (JSON, grouped clocks, generated sort/filter columns), no secondary index
//   indexes     + the people table's secondary indexes (the full schema)
//   search      + the FTS5 search entry
//   audit       + the hash-chained audit entry
// createRecord adds validation, the HLC stamp and its bookkeeping on top of `audit`.

const STAMP = '019ab1c2d3e4:0000:0123456789abcdef';
const OFFICE = '0123456789abcdef';

type Layer = 'row' | 'indexes' | 'search' | 'audit';

function openVaultSchema(path: string) {
  const db = new Database(path);
  const key = rawKey(randomBytes(32));
  db.pragma("cipher='sqlcipher'");
  db.key(key);
  key.fill(0);
  applyPragmas(db);
  migrate(db, MIGRATIONS);
  return db;
}

export function bulkCreateBreakdown(dir: string, people: Record<string, unknown>[]): Record<Layer, number> {
  const rows = people.map((p) => SCHEMAS.person.create.parse(p) as Record<string, unknown>);
  const layers: Layer[] = ['row', 'indexes', 'search', 'audit'];
  const rates = {} as Record<Layer, number>;
  for (const [depth, layer] of layers.entries()) {
    const db = openVaultSchema(join(dir, `breakdown-${layer}.db`));
    if (layer === 'row') {
      const indexes = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people' AND sql IS NOT NULL",
        )
        .all() as { name: string }[];
      // Index names come from our own schema, not from input.
      for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
    }
    const insert = db.prepare(
      'INSERT INTO people (id, data, field_clocks, clock, created_at, updated_at, norm_name) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const now = new Date().toISOString();
    const tip: AuditTip = {};
    const { ms } = time(() =>
      db.transaction(() => {
        for (const data of rows) {
          const id = newId();
          const fields = Object.keys(data);
          const { lastInsertRowid } = insert.run(
            id,
            JSON.stringify(data),
            encodeUniform(fields, STAMP),
            STAMP,
            now,
            now,
            normalizedName(data),
          );
          if (depth >= 2) indexPerson(db, Number(lastInsertRowid), data, { fresh: true });
          if (depth >= 3) {
            appendAudit(
              db,
              {
                at: now,
                officeId: OFFICE,
                operator: '',
                action: 'create',
                kind: 'person',
                recordId: id,
                fields: fields.sort(),
              },
              tip,
            );
          }
        }
      })(),
    );
    db.close();
    rates[layer] = Math.round((rows.length / ms) * 1000);
  }
  return rates;
}
