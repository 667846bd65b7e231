import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it, vi } from 'vitest';
import { readSheet } from '../../electron/core/records/csv/sheet';

// readSheet parses CSV rows as arrays and applies the header rules itself (papaparse's header mode is four
// times slower). These tests hold it to papaparse's header mode where the two must agree (column names,
// ragged-row errors) and pin the row numbers a user sees, including the quote errors header mode numbered
// one row too far.

const SEED = 20261201;

describe('readSheet', () => {
  it('numbers rows as a spreadsheet does, for quote errors too', () => {
    const sheet = readSheet('givenName,familyName\nAna,Pérez\nBeto,"Ruiz\nCarla,Díaz\n');
    expect(sheet.columns).toEqual(['givenName', 'familyName']);
    expect(sheet.rows).toEqual([{ row: 2, cells: ['Ana', 'Pérez'] }]);
    // The unterminated quote opens on row 3 (and swallows the rest of the file).
    expect(sheet.errors).toEqual([{ row: 3, message: 'CSV format: Quoted field unterminated' }]);
  });

  it('reports a broken header line as row 1, once per problem', () => {
    const sheet = readSheet('"givenName","familyName","notes"\r"Ana"\n');
    expect(sheet.rows).toEqual([]);
    expect(sheet.errors.map((e) => e.row)).toEqual([1, 1]);
    expect(new Set(sheet.errors.map((e) => e.message)).size).toBe(2);
  });

  it('skips blank lines and a byte-order mark, and gives an empty file no columns', () => {
    expect(readSheet('\uFEFFgivenName\n\n  \nAna\n')).toEqual({
      columns: ['givenName'],
      rows: [{ row: 2, cells: ['Ana'] }],
      errors: [],
    });
    expect(readSheet('')).toEqual({ columns: [], rows: [], errors: [] });
  });

  it("agrees with papaparse's header mode on column names and ragged rows", () => {
    const name = fc.constantFrom('a', 'b', 'a_1', 'a_2', '', 'givenName', 'b_1');
    const cell = fc.constantFrom('x', 'y', '1', '');
    // A header of blank names is a blank line, which is skipped, so the next line is the header; papaparse
    // renames duplicates before skipping blank lines and so never renames that one. readSheet does.
    const file = fc.record({
      header: fc.array(name, { minLength: 1, maxLength: 6 }).filter((h) => h.join('').trim() !== ''),
      rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 6 }),
    });
    // Header mode warns on the console when it renames a column; that is expected here.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      fc.assert(
        fc.property(file, ({ header, rows }) => {
          const text = [header, ...rows].map((r) => r.join(',')).join('\n');
          const ours = readSheet(text);
          const theirs = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
          expect(ours.columns).toEqual(theirs.meta.fields);
          const mismatches = theirs.errors
            .filter((e) => e.type === 'FieldMismatch')
            .map((e) => ({ row: (e.row as number) + 2, message: `CSV format: ${e.message}` }));
          expect(ours.errors).toEqual(mismatches);
          // Every other row is kept, with the cells header mode put under each column.
          const kept = theirs.data.flatMap((record, i) =>
            mismatches.some((m) => m.row === i + 2) ? [] : [ours.columns.map((c) => record[c])],
          );
          expect(ours.rows.map((r) => r.cells)).toEqual(kept);
        }),
        { seed: SEED, numRuns: 300 },
      );
    } finally {
      warn.mockRestore();
    }
  });
});
