// Storage form of a record's per-field HLC stamps (the `field_clocks` column). Logically a map
// field -> stamp; stored grouped by stamp, `{"<stamp>": ["field", ...]}`, because one write stamps every
// field it sets with the same clock: a new person's 20 fields share one 34-character stamp instead of
// repeating it 20 times, which halves the row and so the bytes encrypted and written. Rows written before
// this form (`{"field": "<stamp>"}`) still decode, and are rewritten in the grouped form on their next write.

export type FieldClocks = Record<string, string>;

export function encodeClocks(clocks: FieldClocks): string {
  const byStamp: Record<string, string[]> = {};
  for (const field of Object.keys(clocks).sort()) {
    const stamp = clocks[field] as string;
    (byStamp[stamp] ??= []).push(field);
  }
  return JSON.stringify(byStamp);
}

export function decodeClocks(text: string): FieldClocks {
  const stored = JSON.parse(text) as Record<string, string | string[]>;
  const clocks: FieldClocks = {};
  for (const [key, value] of Object.entries(stored)) {
    if (typeof value === 'string') clocks[key] = value;
    else for (const field of value) clocks[field] = key;
  }
  return clocks;
}

/** The stored form of "every one of these fields was set by one write stamped `stamp`". */
export function encodeUniform(fields: readonly string[], stamp: string): string {
  // The same text as JSON.stringify({ [stamp]: sorted }), with the field list's JSON reused.
  return `{${JSON.stringify(stamp)}:${fieldListJson(isSorted(fields) ? fields : [...fields].sort())}}`;
}

// Bulk writes pass fields already sorted; checking is far cheaper than sorting again.
function isSorted(fields: readonly string[]): boolean {
  for (let i = 1; i < fields.length; i++) if ((fields[i - 1] as string) > (fields[i] as string)) return false;
  return true;
}

// The rows of a bulk write mostly set the same fields, and each row's list is written twice (its clocks and
// its audit entry) and hashed once, so the last list's JSON is kept. A copy is kept, never the caller's array.
let lastList: readonly string[] = [];
let lastJson = '[]';

/** JSON.stringify(fields), from the last call's result when the list is the same. */
export function fieldListJson(fields: readonly string[]): string {
  if (!sameList(fields, lastList)) {
    lastJson = JSON.stringify(fields);
    lastList = [...fields];
  }
  return lastJson;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
