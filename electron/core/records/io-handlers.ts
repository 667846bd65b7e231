import type { HandlerGroup, ServiceContext } from '../kernel/context';
import { withDeferredIndexes } from './bulk-load';
import { importCsvSteps, type CsvOptions } from './csv/import';
import { toCsv } from './csv/export';
import { csvVault, headerOf, rememberedMapping, rememberMapping } from './csv/vault';
import { demoSteps } from './demo';
import { listRecords } from './list';
import { mergePeople } from './merge-people';
import { createRecords } from './repository';
import { SPECS } from './specs';
import { writerFor } from './writer';

// CSV import/export, merging people and demo data. Imports run as jobs (kernel/jobs.ts): one transaction
// written in chunks, so valid rows land together, and a crash, a cancel or a lock mid-import leaves none of
// them; other calls are answered between two chunks. A dry run is a job too (progress, cancel) but writes
// nothing. The mapping of a real import is remembered for the next file with the same headers.

export function recordIoHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    'csv:import': async ({
      kind,
      text,
      mapping,
      dryRun,
      dateOrder,
      dateOrders,
      names,
      duplicates,
      duplicateDefault,
    }) => {
      const columns = headerOf(text);
      const options: CsvOptions = {
        remembered: rememberedMapping(ctx.session().db, kind, columns),
        ...(mapping ? { mapping } : {}),
        ...(dateOrder ? { dateOrder } : {}),
        ...(dateOrders ? { dateOrders } : {}),
        ...(names ? { names } : {}),
        ...(duplicates ? { duplicates } : {}),
        ...(duplicateDefault ? { duplicateDefault } : {}),
      };
      const report = await ctx.job(
        'csv-import',
        (job) => {
          const w = dryRun ? null : writerFor(ctx);
          const db = ctx.session().db;
          const vault = csvVault(db, w);
          const steps = importCsvSteps(
            kind,
            text,
            options,
            w &&
              ((rows, onInvalid) =>
                createRecords(w, kind, rows, {
                  onInvalid: (index, _issues, raw) => onInvalid(index, raw),
                })),
            vault,
          );
          return job.drive(w ? withDeferredIndexes(db, [SPECS[kind].table, 'audit'], steps) : steps);
        },
        // After a bulk write the WAL is large; folding it back keeps later reads fast (it stays encrypted).
        dryRun ? { transaction: 'none' } : { transaction: 'write', checkpoint: true },
      );
      if (!dryRun && columns.length > 0) rememberMapping(ctx.session().db, kind, columns, report.mapping);
      return {
        imported: dryRun ? 0 : report.valid,
        valid: report.valid,
        skipped: report.skipped,
        merged: report.merged,
        errors: report.errors,
        columns: report.columns,
        mapping: report.mapping,
        mappingSource: report.mappingSource,
        targets: report.targets,
        dateColumns: report.dateColumns,
        preview: report.preview,
        duplicates: report.duplicates,
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
    'person:merge': ({ keepId, otherId, take }) => {
      const w = writerFor(ctx);
      return w.session.db.transaction(() => mergePeople(w, keepId, otherId, take ?? []))();
    },
    'demo:generate': (counts) =>
      ctx.job('demo', (job) => job.drive(demoSteps(writerFor(ctx), counts, ctx.clock.now())), {
        transaction: 'write',
        checkpoint: true,
      }),
  };
}
