// Countries and languages by name, from the platform's own CLDR data (Intl.DisplayNames): no list of names is
// kept by hand. A record stores the ISO code (MX, es, mam); the UI shows and searches names. Each option can
// be found by its name in the UI language, in English, in Spanish, in the language itself, or by its code,
// with or without accents: "Mexico" and "México" are MX (never ME, Montenegro).

export interface CodeOption {
  value: string;
  label: string;
  /** Folded names and the code, as typed text is compared. */
  keys: string[];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const NAME_LOCALES = ['en', 'es'];

/** Text as compared: no case, accents or apostrophes, single spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’ʼʻ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function names(locale: string, type: 'region' | 'language'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([locale], { type, fallback: 'none' });
  } catch {
    return null;
  }
}

function nameOf(dn: Intl.DisplayNames | null, code: string): string | undefined {
  try {
    return dn?.of(code) ?? undefined;
  } catch {
    return undefined;
  }
}

const pairs = () => [...LETTERS].flatMap((a) => [...LETTERS].map((b) => a + b));

// Region codes the platform names that are not countries (user-assigned and groupings).
const NOT_COUNTRIES = new Set(['AA', 'EU', 'EZ', 'QO', 'UN', 'ZZ', 'XA', 'XB']);

let countryCodes: string[] | null = null;
let languageCodes: string[] | null = null;

/** Every two-letter country code the platform can name. */
function allCountryCodes(): string[] {
  if (countryCodes) return countryCodes;
  const en = names('en', 'region');
  countryCodes = pairs()
    .map((c) => c.toUpperCase())
    .filter((code) => (!NOT_COUNTRIES.has(code) && !/^(Q[M-Z]|X[A-Z])$/.test(code)) || code === 'XK')
    .filter((code) => {
      const name = nameOf(en, code);
      return name !== undefined && name !== code;
    });
  return countryCodes;
}

/** Every ISO 639-1 and 639-3 language code the platform can name (a moment's work, once). */
function allLanguageCodes(): string[] {
  if (languageCodes) return languageCodes;
  const en = names('en', 'language');
  const two = pairs();
  const three = two.flatMap((ab) => [...LETTERS].map((c) => ab + c));
  const seen = new Set<string>();
  languageCodes = [...two, ...three].filter((code) => {
    const name = nameOf(en, code);
    if (name === undefined || name.toLowerCase() === code) return false;
    // A two-letter code wins over a three-letter one with the same name (Spanish: es, not spa).
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  return languageCodes;
}

const cache = new Map<string, CodeOption[]>();

function build(type: 'region' | 'language', locale: string, codes: string[]): CodeOption[] {
  const key = `${type}:${locale}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const shown = names(locale, type);
  const others = NAME_LOCALES.map((l) => names(l, type));
  const collator = new Intl.Collator(locale);
  const options = codes
    .map((code) => {
      const label = nameOf(shown, code) ?? code;
      const own = type === 'language' ? nameOf(names(code, 'language'), code) : undefined;
      const all = [label, ...others.map((dn) => nameOf(dn, code)), own, code];
      return {
        value: code,
        label,
        keys: [...new Set(all.filter((n): n is string => Boolean(n)).map(fold))],
      };
    })
    .sort((a, b) => collator.compare(a.label, b.label));
  cache.set(key, options);
  return options;
}

export const countryOptions = (locale: string) => build('region', locale, allCountryCodes());
export const languageOptions = (locale: string) => build('language', locale, allLanguageCodes());

/** A code's name in the UI language; the code itself when the platform has none (Mam: "mam"). */
export function countryName(code: string, locale: string): string {
  return nameOf(names(locale, 'region'), code) ?? code;
}
export function languageName(code: string, locale: string): string {
  return nameOf(names(locale, 'language'), code) ?? code;
}

/**
 * The options that match typed text, best first: an exact name or code, then names that start with it,
 * then names containing it.
 */
export function matchOptions(options: readonly CodeOption[], text: string, limit = 50): CodeOption[] {
  const typed = fold(text);
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
  const typed = fold(text);
  if (!typed) return null;
  const byCode = options.find((o) => o.value.toLowerCase() === typed.replace(/ /g, '-'));
  if (byCode) return byCode;
  const found = options.filter((o) => o.keys.includes(typed));
  return found.length === 1 ? (found[0] ?? null) : null;
}
