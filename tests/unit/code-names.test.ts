import { describe, expect, it } from 'vitest';
import {
  countryCode,
  countryName,
  countryOptions,
  exactOption,
  languageCode,
  languageName,
  languageOptions,
  matchOptions,
} from '../../shared/code-names';
import { EXTRA_LANGUAGES } from '../../shared/extra-languages';

// Countries and languages by name (Intl.DisplayNames), stored as ISO codes: what the person page's and the
// intake's comboboxes pick from typed text.

describe('countries', () => {
  it('"Mexico" and "México" pick MX, never ME, in either UI language', () => {
    for (const locale of ['en', 'es']) {
      const options = countryOptions(locale);
      for (const typed of ['Mexico', 'México', 'mexico', ' MÉXICO ', 'MX', 'mx'])
        expect(exactOption(options, typed)?.value).toBe('MX');
      expect(matchOptions(options, 'Mexi')[0]?.value).toBe('MX');
      expect(matchOptions(options, 'Méx')[0]?.value).toBe('MX');
    }
    expect(exactOption(countryOptions('en'), 'Montenegro')?.value).toBe('ME');
  });

  it('names codes in the UI language and finds them by the other language too', () => {
    expect(countryName('GT', 'es')).toBe('Guatemala');
    expect(countryName('US', 'es')).toBe('Estados Unidos');
    expect(exactOption(countryOptions('en'), 'Estados Unidos')?.value).toBe('US');
    expect(exactOption(countryOptions('es'), 'United States')?.value).toBe('US');
    expect(exactOption(countryOptions('en'), 'Atlantis')).toBeNull();
    // Every option is a two-letter code, each once.
    const codes = countryOptions('en').map((o) => o.value);
    expect(codes.every((c) => /^[A-Z]{2}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).not.toContain('ZZ');
  });
});

describe('languages', () => {
  it('picks by name in English, Spanish or the language itself', () => {
    const options = languageOptions('en');
    expect(exactOption(options, 'Spanish')?.value).toBe('es');
    expect(exactOption(options, 'español')?.value).toBe('es');
    expect(exactOption(languageOptions('es'), 'inglés')?.value).toBe('en');
    expect(exactOption(options, "K'iche'")?.value).toBe('quc');
    expect(matchOptions(options, 'Portu')[0]?.value).toBe('pt');
    expect(languageName('es', 'es')).toBe('español');
    expect(languageName('quc', 'en')).toBe('Kʼicheʼ');
  });
});

describe('languages CLDR lacks or names differently (extra-languages.ts)', () => {
  it('reads them by name in English, Spanish or another common spelling, whatever the case', () => {
    const cases: [string, string][] = [
      ['Mam', 'mam'],
      ['MAM', 'mam'],
      ['mam', 'mam'],
      ['Mandarin', 'cmn'],
      ['mandarín', 'cmn'],
      ['Chinese', 'zh'],
      ['Cantonese', 'yue'],
      ['Mixteco', 'qmx'],
      ['Mixtepec Mixtec', 'mix'],
      ["Q'anjob'al", 'kjb'],
      ['Kanjobal', 'kjb'],
      ['Akateko', 'knj'],
      ['Chuj', 'cac'],
      ['Ixil', 'ixl'],
      ['Kekchí', 'kek'],
      ['Kaqchikel', 'cak'],
      ['Zapoteco', 'zap'],
      ['Triqui', 'qtq'],
      ['Tzotzil', 'tzo'],
      ['Tseltal', 'tzh'],
      ['Náhuatl', 'nah'],
      ['Purepecha', 'tsz'],
      ['Garífuna', 'cab'],
      ['Quiché', 'quc'],
      ['Spanish', 'es'],
    ];
    for (const [text, code] of cases) expect(languageCode(text), text).toBe(code);
    expect(languageCode('Klingonese')).toBeNull();
  });

  it('names every extra code in both UI languages, never as the bare code', () => {
    // Spanish writes language names in lower case (CLDR too: "español"), so "mam" is Mam's Spanish name.
    const cldr = (code: string, locale: string) => {
      const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
      return name && name !== code ? name : undefined;
    };
    for (const extra of EXTRA_LANGUAGES)
      for (const locale of ['en', 'es'] as const) {
        const expected = extra.overridesCldr ? extra[locale] : (cldr(extra.code, locale) ?? extra[locale]);
        expect(languageName(extra.code, locale), `${extra.code} in ${locale}`).toBe(expected);
      }
    expect(languageName('mam', 'en')).toBe('Mam');
    expect(languageName('cmn', 'en')).toBe('Mandarin');
    expect(languageName('cmn', 'es')).toBe('mandarín');
    expect(languageName('kek', 'es')).toBe("q'eqchi'");
    // CLDR stays the main source where it has a name.
    expect(languageName('quc', 'es')).toBe('quiché');
  });

  it('offers them in the comboboxes, each code once, and picks them by any of their names', () => {
    for (const locale of ['en', 'es']) {
      const options = languageOptions(locale);
      const codes = options.map((o) => o.value);
      expect(new Set(codes).size).toBe(codes.length);
      for (const { code } of EXTRA_LANGUAGES) expect(codes, code).toContain(code);
      expect(exactOption(options, 'Mam')?.value).toBe('mam');
      expect(exactOption(options, 'Mandarin Chinese')?.value).toBe('cmn');
      expect(exactOption(options, 'Chinese')?.value).toBe('zh');
      expect(matchOptions(options, 'Mixte').map((o) => o.value)).toEqual(
        expect.arrayContaining(['qmx', 'mix']),
      );
    }
  });

  it('lists well-formed, distinct ISO 639 codes with a name in both languages', () => {
    const codes = EXTRA_LANGUAGES.map((l) => l.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const l of EXTRA_LANGUAGES) {
      expect(l.code).toMatch(/^[a-z]{3}$/);
      expect(l.en.trim()).not.toBe('');
      expect(l.es.trim()).not.toBe('');
    }
  });
});

describe('countries by name', () => {
  it('reads a country by code or by name in English or Spanish, and refuses groupings', () => {
    expect(countryCode('Mexico')).toBe('MX');
    expect(countryCode('méxico')).toBe('MX');
    expect(countryCode('gt')).toBe('GT');
    expect(countryCode('Estados Unidos')).toBe('US');
    expect(countryCode('EU')).toBeNull();
    expect(countryCode('Atlantis')).toBeNull();
  });
});
