import { readFileSync, writeFileSync } from 'node:fs';
import { AmparoError } from '../../../shared/errors';
import { CSV_KIND } from '../../../shared/channels/records';
import { stringFlag, type OptionName } from '../args';
import type { Command, CommandContext } from '../command';
import { DateOrder, DuplicateChoice } from '../../../shared/records/csv';
import { problemSentence } from '../csv-messages';

// CSV import/export and demo data from the command line.

function csvKind(ctx: CommandContext) {
  const parsed = CSV_KIND.safeParse(ctx.args.positionals[0]);
  if (!parsed.success)
    throw new AmparoError('INVALID_INPUT', `CSV works for: ${CSV_KIND.options.join(', ')}.`);
  return parsed.data;
}

function fileArg(ctx: CommandContext): string {
  const file = ctx.args.positionals[1];
  if (!file) throw new AmparoError('INVALID_INPUT', 'Give the CSV file path.');
  return file;
}

function mappingFlags(value: string | boolean | string[] | undefined): Record<string, string> {
  const items =
    value === undefined || typeof value === 'boolean' ? [] : Array.isArray(value) ? value : [value];
  const mapping: Record<string, string> = {};
  for (const item of items) {
    const eq = item.lastIndexOf('=');
    if (eq < 1) throw new AmparoError('INVALID_INPUT', 'Write mappings as --map "CSV column=field".');
    mapping[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return mapping;
}

function count(ctx: CommandContext, name: OptionName): number {
  const value = stringFlag(ctx.args, name) ?? '0';
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new AmparoError('INVALID_INPUT', `--${name} needs a whole number.`);
  return parsed;
}

export const recordIoCommands: Command[] = [
  {
    name: 'import-csv',
    usage:
      'import-csv <person|volunteer|attorney> FILE [--map column=field]… [--date-order DMY|MDY] [--duplicates skip|import|merge] [--dry-run]',
    summary:
      'Import rows from a CSV file. Columns are matched automatically unless --map is given; the mapping used and every problem of every row are printed.',
    needs: 'unlock',
    options: ['map', 'dry-run', 'date-order', 'duplicates'],
    async run(ctx) {
      const kind = csvKind(ctx);
      let text: string;
      try {
        text = readFileSync(fileArg(ctx), 'utf8');
      } catch {
        throw new AmparoError('INVALID_INPUT', 'The CSV file cannot be read.');
      }
      const dateOrder = DateOrder.optional().safeParse(stringFlag(ctx.args, 'date-order')?.toUpperCase());
      if (!dateOrder.success) throw new AmparoError('INVALID_INPUT', '--date-order is DMY or MDY.');
      const duplicates = DuplicateChoice.optional().safeParse(stringFlag(ctx.args, 'duplicates'));
      if (!duplicates.success)
        throw new AmparoError('INVALID_INPUT', '--duplicates is skip, import or merge.');
      const mapping = mappingFlags(ctx.args.flags.map);
      const result = await ctx.call('csv:import', {
        kind,
        text,
        ...(Object.keys(mapping).length > 0 ? { mapping } : {}),
        ...(dateOrder.data ? { dateOrder: dateOrder.data } : {}),
        ...(duplicates.data ? { duplicateDefault: duplicates.data } : {}),
        dryRun: ctx.args.flags['dry-run'] === true,
      });
      return {
        imported: result.imported,
        valid: result.valid,
        skipped: result.skipped,
        merged: result.merged,
        mappingSource: result.mappingSource,
        mapping: result.columns.map((column) => ({ column, field: result.mapping[column] || null })),
        dateColumns: result.dateColumns,
        duplicates: result.duplicates,
        problems: result.errors.map((e) => ({
          row: e.row,
          column: e.column,
          field: e.path,
          severity: e.severity,
          message: problemSentence(e),
        })),
        dryRun: result.dryRun,
      };
    },
  },
  {
    name: 'people merge',
    usage: 'people merge KEEP-ID OTHER-ID [--take field]…',
    summary:
      "Make two records of one person one: KEEP-ID keeps its fields (blanks filled from the other, lists joined; --take a field to use the other's), the other's events, assignments and reports move to it, and the other is deleted.",
    needs: 'unlock',
    options: ['take'],
    async run(ctx) {
      const [keepId, otherId] = ctx.args.positionals;
      if (!keepId || !otherId)
        throw new AmparoError('INVALID_INPUT', 'Give the id to keep and the id to merge into it.');
      const take = ctx.args.flags.take;
      const fields =
        take === undefined || typeof take === 'boolean' ? [] : Array.isArray(take) ? take : [take];
      return ctx.call('person:merge', { keepId, otherId, ...(fields.length > 0 ? { take: fields } : {}) });
    },
  },
  {
    name: 'export-csv',
    usage: 'export-csv <person|volunteer|attorney> FILE',
    summary: 'Write records to a CSV file. The file is NOT encrypted.',
    needs: 'unlock',
    async run(ctx) {
      const kind = csvKind(ctx);
      const file = fileArg(ctx);
      const { csv, count: rows } = await ctx.call('csv:export', { kind });
      ctx.warn(
        'The CSV file is not encrypted. Anyone who gets it can read it: store it safely and delete it when done.',
      );
      try {
        writeFileSync(file, csv, { mode: 0o600, flag: 'wx' });
      } catch {
        throw new AmparoError('INVALID_INPUT', 'The CSV file cannot be written (it may already exist).');
      }
      return { file, rows };
    },
  },
  {
    name: 'demo',
    usage: 'demo --people N --volunteers N --attorneys N [--events-per-person N] [--seed N]',
    summary: 'Add realistic synthetic records (English and Spanish names) for training.',
    needs: 'unlock',
    options: ['people', 'volunteers', 'attorneys', 'events-per-person', 'seed'],
    async run(ctx) {
      const seed = stringFlag(ctx.args, 'seed');
      return ctx.call('demo:generate', {
        people: count(ctx, 'people'),
        volunteers: count(ctx, 'volunteers'),
        attorneys: count(ctx, 'attorneys'),
        eventsPerPerson: count(ctx, 'events-per-person'),
        ...(seed ? { seed: Number(seed) } : {}),
      });
    },
  },
];
