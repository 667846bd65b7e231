import Papa from 'papaparse';
import { SCHEMAS, type Kind } from '../../../../shared/model';

// CSV export. A spreadsheet reads a cell starting with one of = + - @ tab CR as a formula, even when a line
// break comes later in the cell (papaparse's own guard misses those). Export puts a ' before such cells, and
// before cells that already start with 's and then one of those, so that import removes exactly one ' and
// gives back the value that was exported (a Signal handle like @rosa.77, a phone like +1 555, a note
// starting with -). Lists are written "a; b", which import splits on ; alone; a list whose items hold a
// separator themselves is written as JSON, which import reads back as it is.

const FORMULA_LIKE = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

/** Undoes the export's formula escape: '=1 is read as =1, ''=1 as '=1. */
export function unescapeFormula(cell: string): string {
  return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

const UNSAFE_ITEM = /[;,/]|\s(and|y|e|&)\s|^\s|\s$|^\[|^$/i;

function listCell(values: unknown[]): string {
  if (values.length === 0) return '[]';
  if (values.every((v) => typeof v === 'string' && !UNSAFE_ITEM.test(v))) return values.join('; ');
  return JSON.stringify(values);
}

/** CSV text for records. Formula-like cells are escaped. */
export function toCsv(kind: Kind, records: Record<string, unknown>[]): string {
  const shape = SCHEMAS[kind].fields.shape as Record<string, unknown>;
  const columns = ['id', ...Object.keys(shape), 'createdAt', 'updatedAt'];
  const rows = records.map((record) =>
    columns.map((column) => {
      const value = record[column];
      if (value === undefined || value === null) return '';
      if (Array.isArray(value)) return listCell(value);
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }),
  );
  // Stops spreadsheet apps from running cells such as =HYPERLINK(...) from a malicious record.
  return Papa.unparse({ fields: columns, data: rows }, { escapeFormulae: FORMULA_LIKE });
}
