import type { HandlerGroup, ServiceContext } from '../kernel/context';
import { importCsvSteps, toCsv } from './csv';
import { demoSteps } from './demo';
import { listRecords } from './list';
import { createRecords } from './repository';
import { writerFor } from './writer';

// CSV import/export and demo data. Imports run as jobs (kernel/jobs.ts): one transaction written in chunks,
// so valid rows land together, and a crash, a cancel or a lock mid-import leaves none of them; other calls
// are answered between two chunks. A dry run is a job too (progress, cancel) but writes nothing.

export function recordIoHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    'csv:import': async ({ kind, text, mapping, dryRun }) => {
      const report = await ctx.job(
        'csv-import',
        (job) => {
          const w = dryRun ? null : writerFor(ctx);
          return job.drive(
            importCsvSteps(
              kind,
              text,
              mapping ?? {},
              w && ((rows, onInvalid) => void createRecords(w, kind, rows, { onInvalid })),
            ),
          );
        },
        // After a bulk write the WAL is large; folding it back keeps later reads fast (it stays encrypted).
        dryRun ? { transaction: 'none' } : { transaction: 'write', checkpoint: true },
      );
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
    'demo:generate': (counts) =>
      ctx.job('demo', (job) => job.drive(demoSteps(writerFor(ctx), counts, ctx.clock.now())), {
        transaction: 'write',
        checkpoint: true,
      }),
  };
}
