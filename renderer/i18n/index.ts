import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/prefs';
import en from './en.json';
import es from './es.json';

// Every UI string comes from these catalogs. English is the fallback, so a missing Spanish string shows
// English rather than a key (the i18n unit test keeps the two catalogs in step).

export const resources = { en: { translation: en }, es: { translation: es } } as const;

export function initI18n(language: Language) {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function setLanguage(language: Language) {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
