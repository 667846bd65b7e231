// Hostile CSV cells: a record whose text starts like a formula must reach a spreadsheet as text, line breaks
// or not, and a value the export escaped must come back identical when Amparo re-imports the file.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { importCsv } from '../../electron/core/records/csv/import';
import { toCsv } from '../../electron/core/records/csv/export';
import { makeTempDir, removeTempDirs, unlockedService } from '../helpers/vault';

afterAll(removeTempDirs);

const SEED = Number(process.env.AMPARO_FUZZ_SEED ?? 20261124);

/** Cells a spreadsheet would run, each with a line break somewhere after its first character. */
const MULTILINE_ATTACKS = [
  '=HYPERLINK("http://x","y")\nsecond line',
  '=HYPERLINK("http://x",\n"y")',
  '=1+\r\n1',
  '+1+1\nx',
  '-2+3\r\ny',
  '@SUM(1;2)\nz',
  '\t=1+1\nw',
  '\r=1+1\nv',
];
const SINGLE_LINE_ATTACKS = ['=HYPERLINK("http://x","y")', '=1+1', '+1+1', '-2+3', '@SUM(1;2)', '\t=1+1'];

function person(notes: string, extra: Record<string, unknown> = {}) {
  return { id: 'p1', givenName: 'Ana', familyName: 'Pérez', notes, ...extra };
}

/** Every data cell of an exported CSV, as a spreadsheet's CSV reader sees it before any escape is undone. */
function exportedCells(csv: string, column: string): string[] {
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data.map((row) => row[column] as string);
}

/** Exports `records` as volunteers, re-imports the text and returns what the import would write. */
function roundTrip(records: Record<string, unknown>[]): Record<string, unknown>[] {
  const written: Record<string, unknown>[] = [];
  const report = importCsv('volunteer', toCsv('volunteer', records), {}, (rows) => {
    written.push(...rows);
    return rows.map((_, i) => String(i));
  });
  expect(report.errors).toEqual([]);
  return written;
}

describe('CSV export formula guard', () => {
  it('escapes a cell starting with = + - @ tab or CR even when a line break follows', () => {
    const cells = exportedCells(
      toCsv(
        'person',
        MULTILINE_ATTACKS.map((n) => person(n)),
      ),
      'notes',
    );
    expect(cells).toHaveLength(MULTILINE_ATTACKS.length);
    cells.forEach((cell, i) =>
      expect(cell, JSON.stringify(MULTILINE_ATTACKS[i])).toBe(`'${MULTILINE_ATTACKS[i]}`),
    );
  });

  it('still escapes single-line formulas, and leaves other text alone', () => {
    const plain = ['Ana', 'line one\n=not first', ' =leading space', "it's fine", '2+2'];
    const cells = exportedCells(
      toCsv(
        'person',
        [...SINGLE_LINE_ATTACKS, ...plain].map((n) => person(n)),
      ),
      'notes',
    );
    expect(cells).toEqual([...SINGLE_LINE_ATTACKS.map((a) => `'${a}`), ...plain]);
  });

  it('a re-import gives back the exported values: Signal handles, phones, notes starting with a dash', () => {
    const records = [
      {
        givenName: 'Rosa',
        familyName: 'Díaz',
        signal: '@rosa.77',
        phone: '+1 555 0100',
        notes: '-first\n-second',
      },
      { givenName: 'Eva', familyName: 'Ruiz', signal: "'@quoted", notes: "'=already escaped once" },
      { givenName: 'Luz', familyName: 'Mora', notes: "''+two quotes" },
      { givenName: 'Ana', familyName: 'Paz', notes: "'plain apostrophe" },
    ];
    expect(roundTrip(records)).toEqual(records);
  });

  it('property: any value without outer whitespace survives export and re-import unchanged', () => {
    const prefix = fc.constantFrom('', "'", "''", '=', '+', '-', '@', "'=", "''@", "'+", "'-", '=\n');
    const body = fc.string({ maxLength: 20 });
    const value = fc
      .tuple(prefix, body)
      .map(([p, b]) => `${p}${b}`.trim())
      .filter((v) => v !== '');
    fc.assert(
      fc.property(value, (notes) => {
        const record = { givenName: 'Ana', familyName: 'Paz', notes };
        const [back] = roundTrip([record]);
        expect(back).toEqual(record);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('through the service: exported volunteers import into another vault unchanged', async () => {
    const values = {
      signal: '@rosa.77',
      phone: '+1 555 0100',
      notes: '=HYPERLINK("http://x","y")\nsecond line',
    };
    const from = (await unlockedService()).service;
    const to = (await unlockedService()).service;
    try {
      const created = await dispatch(from.handlers, 'volunteer:create', {
        givenName: 'Rosa',
        familyName: 'Díaz',
        ...values,
      });
      expect(created.ok).toBe(true);
      const exported = await dispatch(from.handlers, 'csv:export', { kind: 'volunteer' });
      const { csv } = (exported as { ok: true; value: { csv: string } }).value;
      const imported = await dispatch(to.handlers, 'csv:import', { kind: 'volunteer', text: csv });
      expect(imported).toMatchObject({ ok: true, value: { imported: 1, errors: [] } });
      const listed = await dispatch(to.handlers, 'volunteer:list', {});
      expect((listed as { ok: true; value: { rows: unknown[] } }).value.rows).toEqual([
        expect.objectContaining(values),
      ]);
    } finally {
      from.close();
      to.close();
    }
  });
});

const SOFFICE = ['soffice', 'libreoffice'].find(
  (name) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0,
);
if (!SOFFICE)
  console.log('csv-formula: LibreOffice (soffice) is not installed; the spreadsheet check is skipped');

/** Opens CSV files in LibreOffice Calc (headless, one start for all) and returns each sheet as flat ODF XML. */
function openInCalc(files: Record<string, string>): Record<string, string> {
  const dir = makeTempDir('amparo-calc-');
  const paths = Object.entries(files).map(([name, csv]) => {
    writeFileSync(join(dir, `${name}.csv`), csv);
    return join(dir, `${name}.csv`);
  });
  // Options: comma, double quote, UTF-8, from line 1, ..., "evaluate formulas" on (the 13th token), so a
  // formula cell the guard missed would show up as one. A private profile keeps a running LibreOffice out.
  execFileSync(
    SOFFICE as string,
    [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless',
      '--infilter=CSV:44,34,76,1,,1033,false,false,false,false,false,-1,true',
      '--convert-to',
      'fods',
      '--outdir',
      dir,
      ...paths,
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return Object.fromEntries(
    Object.keys(files).map((name) => [name, readFileSync(join(dir, `${name}.fods`), 'utf8')]),
  );
}

const formulaCells = (fods: string) => fods.match(/<table:table-cell[^>]*\btable:formula=/g) ?? [];

describe('CSV export opened in LibreOffice Calc', () => {
  it('no exported cell becomes a formula', async (ctx) => {
    if (!SOFFICE) ctx.skip('LibreOffice (soffice) is not installed');
    const records = [...MULTILINE_ATTACKS, ...SINGLE_LINE_ATTACKS].map((notes, i) =>
      person(notes, { id: `p${i}`, phone: '+1 555 0100', otherNames: ['@alias', '=2+2'] }),
    );
    // The control proves this pipeline does turn a formula-like cell into a formula when it is not escaped.
    const sheets = openInCalc({ control: 'a,b\n=1+1,x\n', exported: toCsv('person', records) });
    expect(formulaCells(sheets.control as string)).toHaveLength(1);
    const fods = sheets.exported as string;
    expect(formulaCells(fods)).toEqual([]);
    // The cells are there, as text.
    expect(fods).toContain('HYPERLINK');
    expect(fods).toContain('+1 555 0100');
  }, 300_000);
});
