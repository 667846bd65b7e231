// CSV fuzzing: random CSV files (fast-check; broken quotes, BOMs, huge fields, formula
// cells, mixed line endings, odd delimiters, duplicate or unknown headers) go through csv:import as a dry run
// and then for real, via dispatch into a real unlocked vault. Every answer is typed; a dry run changes
// nothing; a real import adds exactly the rows the dry run called valid; row errors are well formed and
// never echo cell content.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmparoService } from '../../electron/core/kernel/context';
import { dispatch } from '../../electron/core/dispatch';
import { ERROR_CODES } from '../../shared/errors';
import { dbDigest } from '../fixtures/fuzz/digest';
import { removeTempDirs, unlockedService } from '../helpers/vault';

const SEED = Number(process.env.AMPARO_FUZZ_SEED ?? 20261124);
const RUNS = 150;
const MARK = 'QZXMARK';

const HEADERS = [
  'givenName',
  'familyName',
  'aNumber',
  'dateOfBirth',
  'languages',
  'needsInterpreter',
  'minorsAtHome',
  'facilityId',
  'custodyStatus',
  'notes',
  'contacts',
  'phone',
  'Unknown column',
  '',
  'givenName',
  `${MARK} header`,
];

const cell = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'Ana',
      'María José',
      'Nguyễn',
      '123456789',
      'es; en',
      'yes',
      '2',
      '1990-02-03',
    ),
  },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => `${MARK}${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('=HYPERLINK("http://x")', '@SUM(A1)', '+1+1', '-2+3', '\t=1') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('"unterminated', 'a"b', '""', '"x""y"', '"line\nbreak"', '\u0000', '\uFEFF'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('CONFIRMED_DETAINED', 'nope', '99', '-1', 'NaN', '1e400', '[]', '{}'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 300_000 }).map((n) => `${MARK}${'x'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{32}$/) },
);

const csvFile = fc
  .record({
    bom: fc.boolean(),
    delimiter: fc.constantFrom(',', ',', ',', ';', '\t'),
    // Half the files have the columns a real sheet has, so valid rows (and real imports) are common.
    headers: fc.oneof(
      fc.constant<string[]>(['givenName', 'familyName', 'notes']),
      fc.array(fc.constantFrom(...HEADERS), { minLength: 0, maxLength: 8 }),
    ),
    rows: fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 25 }),
    endings: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 4 }),
    quoteAll: fc.boolean(),
    trailing: fc.boolean(),
    fit: fc.boolean(),
  })
  .map(({ bom, delimiter, headers, rows: raw, endings, quoteAll, trailing, fit }) => {
    // Most real rows have as many cells as the header; the others test ragged rows.
    const rows = fit ? raw.map((r) => headers.map((_, i) => r[i] ?? 'Ana')) : raw;
    const line = (cells: string[]) =>
      cells.map((c) => (quoteAll ? `"${c.replaceAll('"', '""')}"` : c)).join(delimiter);
    const lines = [line(headers), ...rows.map(line)];
    const text = lines
      .map((l, i) => l + (i < lines.length - 1 || trailing ? endings[i % endings.length] : ''))
      .join('');
    return (bom ? '\uFEFF' : '') + text;
  });

let service: AmparoService;
const tally: Record<string, number> = {};

const digest = () => dbDigest(service.context.session().db);

const people = () =>
  (service.context.session().db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;

async function importCsv(text: string, dryRun: boolean) {
  const result = await dispatch(
    service.handlers,
    'csv:import',
    { kind: 'person', text, dryRun },
    (ch, err) => {
      throw new Error(`untyped failure on ${ch}: ${err instanceof Error ? err.name : typeof err}`);
    },
  );
  const label = result.ok ? (dryRun ? 'dry-run ok' : 'import ok') : result.error.code;
  tally[label] = (tally[label] ?? 0) + 1;
  if (!result.ok) {
    expect(ERROR_CODES).toContain(result.error.code);
    expect(result.error.code).not.toBe('INTERNAL');
    expect(result.error.message).not.toContain(MARK);
  }
  return result;
}

beforeAll(async () => {
  ({ service } = await unlockedService());
});

afterAll(() => {
  service?.close();
  removeTempDirs();
  console.log(`fuzz-csv seed=${SEED} files=${RUNS} outcomes=${JSON.stringify(tally)}`);
});

describe('CSV import fuzzing', () => {
  it(`${RUNS} random CSV files: typed results, dry runs change nothing, imports add exactly the valid rows`, async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (text) => {
        const before = digest();
        const count = people();
        const dry = await importCsv(text, true);
        expect(digest()).toBe(before);
        const real = await importCsv(text, false);
        if (!dry.ok || !real.ok) {
          // Refusals are whole-file (e.g. an unknown mapping); they must agree and write nothing.
          expect(real.ok).toBe(dry.ok);
          expect(people()).toBe(count);
          return;
        }
        const d = dry.value as { imported: number; valid: number; skipped: number; errors: unknown[] };
        const v = real.value as typeof d;
        expect(d.imported).toBe(0);
        expect(v.imported).toBe(d.valid);
        expect(v.errors).toEqual(d.errors);
        expect(people()).toBe(count + v.imported);
        tally.rowsImported = (tally.rowsImported ?? 0) + v.imported;
        tally.rowErrors = (tally.rowErrors ?? 0) + v.errors.length;
        const dataLines = text.split(/\r\n|\r|\n/).length;
        for (const e of v.errors as { row: number; path: string; code: string; params: object }[]) {
          // Row 1 is the header line: only a format error or a mapping note can be there.
          const first = e.code === 'format' || e.code === 'sameTarget' ? 1 : 2;
          expect(Number.isInteger(e.row) && e.row >= first && e.row <= dataLines + 1, JSON.stringify(e)).toBe(
            true,
          );
          expect(typeof e.path).toBe('string');
          expect(e.code.length).toBeGreaterThan(0);
          // Row problems quote the cell that failed (the screen shows it); the codes never carry it.
          expect(e.code).not.toContain(MARK);
        }
        const dataRows = (v.errors as { row: number; severity: string }[])
          .filter((e) => e.severity === 'error')
          .map((e) => e.row)
          .filter((row) => row > 1);
        expect(new Set(dataRows).size).toBe(v.skipped);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 180_000);

  it('refuses a file over the 20 MB limit with INVALID_INPUT and writes nothing', async () => {
    const before = digest();
    const text = `givenName,familyName\n${'Ana,Pérez\n'.repeat(2_200_000)}`;
    const result = await importCsv(text, false);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(digest()).toBe(before);
  });
});
