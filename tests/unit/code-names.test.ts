import { describe, expect, it } from 'vitest';
import {
  countryName,
  countryOptions,
  exactOption,
  languageName,
  languageOptions,
  matchOptions,
} from '../../renderer/components/code-names';

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
