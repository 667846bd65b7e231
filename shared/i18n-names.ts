// Language and country names <-> ISO codes, from the platform's own CLDR data (Intl.DisplayNames): a name in
// English, in Spanish or in the language itself ("Spanish", "español", "K'iche'", "México") gives its code, and
// a code gives its name in the user's language. No list of names is kept by hand: the codes are every two-
// and three-letter code the platform can name, found by asking it (with fallback 'none', an unknown code has
// no name).

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const NAME_LOCALES = ['en', 'es'] as const;

/** A name as compared: no case, accents or apostrophes (K'iche', Kʼicheʼ and kiche are one), single spaces. */
export function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’ʼʻ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function displayNames(locale: string, type: 'language' | 'region'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([locale], { type, fallback: 'none' });
  } catch {
    return null;
  }
}

function twoLetter(): string[] {
  return [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b));
}

/** Whether the platform names this code: "es", "quc" and "MX" yes, "xx" no. */
function named(names: Intl.DisplayNames | null, code: string): boolean {
  if (!names) return false;
  try {
    const name = names.of(code);
    return name !== undefined && name.toLowerCase() !== code.toLowerCase();
  } catch {
    return false;
  }
}

const cache: { languages?: Map<string, string>; countries?: Map<string, string> } = {};
const englishLanguages = displayNames('en', 'language');
const englishRegions = displayNames('en', 'region');

/** Every language code the platform names (ISO 639-1 and 639-3), once per process: it takes a moment. */
function languageIndex(): Map<string, string> {
  if (cache.languages) return cache.languages;
  const index = new Map<string, string>();
  const pairs = twoLetter();
  const codes = [...pairs, ...pairs.flatMap((ab) => [...LETTERS].map((c) => ab + c))];
  const locales = NAME_LOCALES.map((l) => displayNames(l, 'language'));
  for (const code of codes) {
    if (!named(englishLanguages, code)) continue;
    const names = [...locales.map((l) => l?.of(code)), displayNames(code, 'language')?.of(code)];
    // A two-letter code wins over a three-letter one with the same name (Chinese: zh, not cmn).
    for (const name of names) if (name) addOnce(index, nameKey(name), code);
  }
  cache.languages = index;
  return index;
}

function countryIndex(): Map<string, string> {
  if (cache.countries) return cache.countries;
  const index = new Map<string, string>();
  const locales = NAME_LOCALES.map((l) => displayNames(l, 'region'));
  for (const code of twoLetter().map((c) => c.toUpperCase())) {
    if (!named(englishRegions, code)) continue;
    for (const names of locales) {
      const name = names?.of(code);
      if (name) addOnce(index, nameKey(name), code);
    }
  }
  cache.countries = index;
  return index;
}

function addOnce(index: Map<string, string>, key: string, code: string) {
  if (key && !index.has(key)) index.set(key, code);
}

const LANGUAGE_CODE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;

/**
 * The code of a language written as a code ("es", "mam") or by name in English, Spanish or itself
 * ("Spanish", "Español", "K'iche'"); null when it is neither.
 */
export function languageCode(text: string): string | null {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  // A code the platform can name, or any well-formed code it can't (Mam is "mam" but has no CLDR name).
  if (LANGUAGE_CODE.test(lower) && (named(englishLanguages, lower) || trimmed === lower)) return lower;
  return languageIndex().get(nameKey(trimmed)) ?? null;
}

/** The two-letter code of a country written as a code ("MX") or by name in English or Spanish; else null. */
export function countryCode(text: string): string | null {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && named(englishRegions, trimmed.toUpperCase()))
    return trimmed.toUpperCase();
  return countryIndex().get(nameKey(trimmed)) ?? null;
}

/** A language's name in `locale` ("es" in "en" is "Spanish"); the code itself when the platform has none. */
export function languageName(code: string, locale: string): string {
  return displayNames(locale, 'language')?.of(code) ?? code;
}

/** A country's name in `locale` ("MX" in "es" is "México"); the code itself when the platform has none. */
export function countryName(code: string, locale: string): string {
  return displayNames(locale, 'region')?.of(code) ?? code;
}
