// Text folding for search and duplicate detection: case, accents and spacing do not matter, so
// "José  LÓPEZ" and "jose lopez" compare equal.

export function fold(text: string): string {
  const latin = foldLatin(text);
  if (latin !== null) return latin;
  const bare = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFD').replace(/\p{M}/gu, '');
  return bare
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Text made only of characters below U+0250 (Latin, with its accented letters) folds one character at a
// time: such a character's decomposition, its marks removed and lower-cased, is the same wherever it stands,
// so each one's is worked out once, and the separators between words are collapsed as they are met. A bulk
// import folds every name twice (duplicate check, stored norm_name), and this is several times faster.
const LATIN_END = 0x250;
/** Per character: its folded letters or digits, '' when it vanishes, null for a separator. */
let latin: (string | null)[] | undefined;

function latinTable(): (string | null)[] {
  return Array.from({ length: LATIN_END }, (_, code) => {
    const folded = String.fromCharCode(code).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (/^[\p{L}\p{N}]*$/u.test(folded)) return folded;
    if (/^[^\p{L}\p{N}]+$/u.test(folded)) return null;
    throw new Error(`U+${code.toString(16)} folds to letters and separators`);
  });
}

function foldLatin(text: string): string | null {
  const table = (latin ??= latinTable());
  // Pieces joined at the end make one flat string (a name folded with += is a chain of pieces, kept for the
  // whole import by the duplicate check, and slower to keep and to compare).
  const parts: string[] = [];
  let gap = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= LATIN_END) return null;
    const folded = table[code] as string | null;
    if (folded === null) gap = parts.length > 0;
    else if (folded !== '') {
      if (gap) parts.push(' ');
      parts.push(folded);
      gap = false;
    }
  }
  return parts.join('');
}

/** Levenshtein distance, bounded: returns max+1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * An FTS5 MATCH expression from what a user typed: every word must match as a prefix. Words are quoted,
 * so FTS5 operators in the input (AND, NEAR, *, quotes) are treated as text, never as syntax.
 */
export function ftsQuery(input: string): string | null {
  // An A-number or a phone however it is written ("A123-456-789", "(510) 555-01"): its digits, as a prefix
  // of the digits the index holds for both.
  if (/^\s*[Aa]?[\s\d().+\-#]*\d[\s\d().+\-#]*$/.test(input)) {
    const digits = input.replace(/\D/g, '');
    if (digits.length >= 3) {
      // Eleven digits or more is a phone with its country code (1 to 3 digits), which the saved number may
      // lack: it is looked for without it too. (The index holds a saved number's endings, for the reverse.)
      const forms = [digits];
      if (digits.length >= 11) for (let cut = 1; cut <= 3; cut++) forms.push(digits.slice(cut));
      return forms.map((form) => `"${form}"*`).join(' OR ');
    }
  }
  const words = fold(input).split(' ').filter(Boolean).slice(0, 12);
  if (words.length === 0) return null;
  return words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(' AND ');
}
