import type { Database, HandlerGroup, ServiceContext } from '../context';
import { planCsvImport, toCsv } from '../records/csv';
import { generateDemo } from '../records/demo';
import { createRecord, listRecords } from '../records/repository';
import { writerFor } from '../records/writer';

// CSV import/export and demo data. Imports run in one transaction: valid rows land together, and a
// crash mid-import leaves none of them.

export function recordIoHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    'csv:import': ({ kind, text, mapping, dryRun }) => {
      const plan = planCsvImport(kind, text, mapping);
      const skipped = new Set(plan.errors.map((e) => e.row)).size;
      if (!dryRun) {
        const w = writerFor(ctx);
        w.session.db.transaction(() => {
          for (const { data } of plan.valid) createRecord(w, kind, data);
        })();
        checkpoint(w.session.db);
      }
      return {
        imported: dryRun ? 0 : plan.valid.length,
        valid: plan.valid.length,
        skipped,
        errors: plan.errors,
        columns: plan.columns,
        dryRun: Boolean(dryRun),
      };
    },
    'csv:export': ({ kind }) => {
      const db = ctx.session().db;
      const rows: Record<string, unknown>[] = [];
      for (let offset = 0; ; offset += 1000) {
        const page = listRecords(db, kind, {
          limit: 1000,
          offset,
          sort: { field: 'createdAt', direction: 'asc' },
        });
        rows.push(...(page.rows as Record<string, unknown>[]));
        if (page.rows.length < 1000) break;
      }
      return { csv: toCsv(kind, rows), count: rows.length };
    },
    'demo:generate': (counts) => {
      const w = writerFor(ctx);
      const result = w.session.db.transaction(() => generateDemo(w, counts, ctx.clock.now()))();
      checkpoint(w.session.db);
      return result;
    },
  };
}

/** After a bulk write the WAL is large; folding it back keeps later reads fast (the WAL stays encrypted). */
function checkpoint(db: Database): void {
  if (!db.inTransaction) db.pragma('wal_checkpoint(TRUNCATE)');
}
