import Papa from 'papaparse';

// A CSV file as a sheet: named columns and rows of cells, numbered as a spreadsheet shows them (the header
// is row 1, so a format error in the header line is reported as row 1). papaparse parses rows as arrays, which is four times faster than its header mode (an object
// per row); the header rules are applied here once: a duplicated header is renamed as papaparse's header
// mode does ("name", "name_1"), and a row with more or fewer cells than the header is a format error.

export interface SheetError {
  row: number;
  message: string;
}

export interface Sheet {
  columns: string[];
  /** Rows without a format error, in file order. */
  rows: { row: number; cells: string[] }[];
  errors: SheetError[];
}

export function readSheet(text: string): Sheet {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header = [], ...body] = parsed.data;
  const columns = uniqueHeaders(header);
  // papaparse numbers rows from 0 at the header line, so a spreadsheet row is one more. It can report one
  // problem several times (once per quote it trips on); the user needs it once.
  const errors: SheetError[] = [];
  const seen = new Set<string>();
  for (const e of parsed.errors) {
    const key = `${e.row} ${e.message}`;
    if (e.row === undefined || seen.has(key)) continue;
    seen.add(key);
    errors.push({ row: e.row + 1, message: `CSV format: ${e.message}` });
  }
  const rows: Sheet['rows'] = [];
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.length !== columns.length) {
      const count = cells.length > columns.length ? 'Too many' : 'Too few';
      const message = `${count} fields: expected ${columns.length} fields but parsed ${cells.length}`;
      errors.push({ row, message: `CSV format: ${message}` });
    } else rows.push({ row, cells });
  });
  const bad = new Set(errors.map((e) => e.row));
  return { columns, rows: rows.filter((r) => !bad.has(r.row)), errors };
}

function uniqueHeaders(header: string[]): string[] {
  const counts = new Map<string, number>();
  const used = new Set(header);
  return header.map((name) => {
    const seen = counts.get(name) ?? 0;
    counts.set(name, seen + 1);
    if (seen === 0) return name;
    let suffix = seen;
    let renamed: string;
    do renamed = `${name}_${suffix++}`;
    while (used.has(renamed));
    used.add(renamed);
    return renamed;
  });
}
