import type { Database, HandlerGroup, ServiceContext } from '../context';
import { importCsv, toCsv } from '../records/csv';
import { generateDemo } from '../records/demo';
import { listRecords } from '../records/list';
import { createRecords } from '../records/repository';
import { writerFor } from '../records/writer';

// CSV import/export and demo data. Imports run in one transaction: valid rows land together, and a
// crash mid-import leaves none of them.

export function recordIoHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    'csv:import': ({ kind, text, mapping, dryRun }) => {
      const w = dryRun ? null : writerFor(ctx);
      const report = importCsv(
        kind,
        text,
        mapping ?? {},
        w &&
          ((rows, onInvalid) =>
            w.session.db.transaction(() => {
              createRecords(w, kind, rows, { onInvalid });
            })()),
      );
      if (w) checkpoint(w.session.db);
      return {
        imported: dryRun ? 0 : report.valid,
        valid: report.valid,
        skipped: report.skipped,
        errors: report.errors,
        columns: report.columns,
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
