import { EXTRA_LANGUAGES, type ExtraLanguage } from './extra-languages';

// Countries and languages by name <-> ISO codes, for the CSV import and the screens' comboboxes alike. A
// record stores the code (MX, es, mam); people write and read names. Names come from the platform's own CLDR
// data (Intl.DisplayNames), so no list of the world's names is kept by hand; the few languages CLDR lacks or
// names misleadingly (Mam, Mixteco, Mandarin…) come from extra-languages.ts. A name is recognised in English,
// in Spanish, in the language itself or by its code, with or without accents and apostrophes: "Mexico" and
// "México" are MX (never ME, Montenegro), "K'iche'" and "Quiché" are quc.

export interface CodeOption {
  value: string;
  label: string;
  /** Folded names and the code, as typed text is compared. */
  keys: string[];
}

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

const displayNamesCache = new Map<string, Intl.DisplayNames | null>();

function displayNames(locale: string, type: 'region' | 'language'): Intl.DisplayNames | null {
  const key = `${type}:${locale}`;
  if (displayNamesCache.has(key)) return displayNamesCache.get(key) ?? null;
  let names: Intl.DisplayNames | null;
  try {
    names = new Intl.DisplayNames([locale], { type, fallback: 'none' });
  } catch {
    names = null;
  }
  displayNamesCache.set(key, names);
  return names;
}

/** CLDR's name of a code, or undefined when it has none (an unknown code is never named by itself). */
function cldrName(locale: string, type: 'region' | 'language', code: string): string | undefined {
  try {
    const name = displayNames(locale, type)?.of(code);
    return name && name.toLowerCase() !== code.toLowerCase() ? name : undefined;
  } catch {
    return undefined;
  }
}

const EXTRA = new Map<string, ExtraLanguage>(EXTRA_LANGUAGES.map((l) => [l.code, l]));
const extraName = (entry: ExtraLanguage, locale: string) => (locale.startsWith('es') ? entry.es : entry.en);

const pairs = () => [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b));

// Region codes the platform names that are not countries (user-assigned and groupings); XK (Kosovo) is one.
const NOT_COUNTRIES = new Set(['AA', 'EU', 'EZ', 'QO', 'UN', 'ZZ']);

let countryCodes: string[] | null = null;
let languageCodes: string[] | null = null;

/** Every two-letter country code the platform can name. */
function allCountryCodes(): string[] {
  countryCodes ??= pairs()
    .map((c) => c.toUpperCase())
    .filter((code) => !NOT_COUNTRIES.has(code) && (!/^(Q[M-Z]|X[A-Z])$/.test(code) || code === 'XK'))
    .filter((code) => cldrName('en', 'region', code) !== undefined);
  return countryCodes;
}

/**
 * Every ISO 639-1 and 639-3 language code the platform can name (a moment's work, once per process), then
 * the extra languages it lacks. A two-letter code wins over a three-letter one with the same name (Spanish:
 * es, not spa).
 */
function allLanguageCodes(): string[] {
  if (languageCodes) return languageCodes;
  const two = pairs();
  const three = two.flatMap((ab) => [...LETTERS].map((c) => ab + c));
  const seen = new Set<string>();
  const codes = [...two, ...three].filter((code) => {
    if (EXTRA.get(code)?.overridesCldr) return false;
    const name = cldrName('en', 'language', code);
    if (name === undefined || seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  const listed = new Set(codes);
  languageCodes = [...codes, ...EXTRA_LANGUAGES.map((l) => l.code).filter((c) => !listed.has(c))];
  return languageCodes;
}

/** A language's name in `locale` ("es" in "en" is "Spanish", "mam" is "Mam"); the code when no one names it. */
export function languageName(code: string, locale: string): string {
  const extra = EXTRA.get(code);
  if (extra?.overridesCldr) return extraName(extra, locale);
  return cldrName(locale, 'language', code) ?? (extra ? extraName(extra, locale) : code);
}

/** A country's name in `locale` ("MX" in "es" is "México"); the code itself when the platform has none. */
export function countryName(code: string, locale: string): string {
  return cldrName(locale, 'region', code) ?? code;
}

/** Every name a code is known by, folded: in the UI language, English, Spanish, itself, and its code. */
function keysOf(type: 'region' | 'language', code: string, label: string): string[] {
  const names: (string | undefined)[] = [label, code];
  if (type === 'region') names.push(...NAME_LOCALES.map((l) => cldrName(l, 'region', code)));
  else {
    const extra = EXTRA.get(code);
    if (!extra?.overridesCldr) {
      names.push(...NAME_LOCALES.map((l) => cldrName(l, 'language', code)));
      names.push(cldrName(code, 'language', code));
    }
    if (extra) names.push(extra.en, extra.es, ...(extra.also ?? []));
  }
  return [...new Set(names.filter((n): n is string => Boolean(n)).map(nameKey))].filter(Boolean);
}

const optionsCache = new Map<string, CodeOption[]>();

function build(type: 'region' | 'language', locale: string): CodeOption[] {
  const key = `${type}:${locale}`;
  const hit = optionsCache.get(key);
  if (hit) return hit;
  const codes = type === 'region' ? allCountryCodes() : allLanguageCodes();
  const collator = new Intl.Collator(locale);
  const options = codes
    .map((code) => {
      const label = type === 'region' ? countryName(code, locale) : languageName(code, locale);
      return { value: code, label, keys: keysOf(type, code, label) };
    })
    .sort((a, b) => collator.compare(a.label, b.label));
  optionsCache.set(key, options);
  return options;
}

export const countryOptions = (locale: string): CodeOption[] => build('region', locale);
export const languageOptions = (locale: string): CodeOption[] => build('language', locale);

/**
 * The options that match typed text, best first: an exact name or code, then names that start with it,
 * then names with a word that starts with it, then names containing it.
 */
export function matchOptions(options: readonly CodeOption[], text: string, limit = 50): CodeOption[] {
  const typed = nameKey(text);
  if (!typed) return options.slice(0, limit);
  const rank = (option: CodeOption) => {
    if (option.keys.includes(typed)) return 0;
    if (option.keys.some((k) => k.startsWith(typed))) return 1;
    if (option.keys.some((k) => k.split(' ').some((w) => w.startsWith(typed)))) return 2;
    if (option.keys.some((k) => k.includes(typed))) return 3;
    return 4;
  };
  return options
    .map((option) => ({ option, rank: rank(option) }))
    .filter((entry) => entry.rank < 4)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((entry) => entry.option);
}

/** The one option typed text names exactly (by a name in any of its languages, or its code); else null. */
export function exactOption(options: readonly CodeOption[], text: string): CodeOption | null {
  const typed = nameKey(text);
  if (!typed) return null;
  const byCode = options.find((o) => o.value.toLowerCase() === typed.replace(/ /g, '-'));
  if (byCode) return byCode;
  const found = options.filter((o) => o.keys.includes(typed));
  return found.length === 1 ? (found[0] ?? null) : null;
}

/** Folded name -> code; the first code to claim a name keeps it (two-letter codes come first). */
function nameIndex(type: 'region' | 'language'): Map<string, string> {
  const index = new Map<string, string>();
  // The extra languages first: their names were chosen for this domain ("Zapoteco" is the Zapotec
  // macrolanguage, not whichever Zapotec language CLDR also calls so).
  const codes = type === 'region' ? allCountryCodes() : [...EXTRA.keys(), ...allLanguageCodes()];
  // Codes themselves are read before the index is asked (languageCode, countryCode).
  for (const code of codes)
    for (const key of keysOf(type, code, ''))
      if (key !== nameKey(code) && !index.has(key)) index.set(key, code);
  return index;
}

let languageIndex: Map<string, string> | null = null;
let countryIndex: Map<string, string> | null = null;

const LANGUAGE_CODE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;

/**
 * The code of a language written as a code ("es", "mam") or by name in English, Spanish or itself
 * ("Spanish", "Español", "K'iche'", "Mam", "Mandarin"); null when it is neither.
 */
export function languageCode(text: string): string | null {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  // A code someone names, or a well-formed code written in lower case (a code no list has yet).
  if (LANGUAGE_CODE.test(lower) && (languageName(lower, 'en') !== lower || trimmed === lower)) return lower;
  languageIndex ??= nameIndex('language');
  return languageIndex.get(nameKey(trimmed)) ?? null;
}

/** The two-letter code of a country written as a code ("MX") or by name in English or Spanish; else null. */
export function countryCode(text: string): string | null {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && allCountryCodes().includes(trimmed.toUpperCase()))
    return trimmed.toUpperCase();
  countryIndex ??= nameIndex('region');
  return countryIndex.get(nameKey(trimmed)) ?? null;
}
