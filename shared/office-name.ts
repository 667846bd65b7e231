// Characters an office name must not contain: they are invisible or change how the text around them is
// displayed, so two names that look the same (or a name that reads backwards) could be told apart only by
// their code points. Controls (Cc), format characters (Cf: bidi embeddings, overrides, isolates and marks,
// zero-width space/joiners, word joiner, BOM, soft hyphen, tags), line and paragraph separators, private use,
// unassigned and surrogate code points, and every other default-ignorable one (Hangul fillers, combining
// grapheme joiner…). Variation selectors are default-ignorable too but only pick a glyph variant (emoji
// style), so they are allowed here and dropped when names are compared.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]|(?![\uFE00-\uFE0F\u{E0100}-\u{E01EF}])\p{DI}/u;

/** The first hidden character of `name` as `U+XXXX`, or null when there is none. */
export function hiddenCharacter(name: string): string | null {
  const found = HIDDEN.exec(name);
  if (!found) return null;
  return `U+${(found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
