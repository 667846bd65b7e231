import i18next from 'i18next';
import type { CsvProblem } from '../../shared/records/csv';
import en from '../../renderer/i18n/en.json' with { type: 'json' };
import es from '../../renderer/i18n/es.json' with { type: 'json' };

// CSV problems as sentences, from the app's own catalogs: the CLI words them as the screen does, in Spanish
// when the terminal's language is Spanish (LANG / LC_ALL / AMPARO_LANG), else in English.

function language(): 'en' | 'es' {
  const env = process.env.AMPARO_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? '';
  return env.toLowerCase().startsWith('es') ? 'es' : 'en';
}

let instance: typeof i18next | undefined;

function translator() {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources: { en: { translation: en }, es: { translation: es } },
      lng: language(),
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  }
  return instance;
}

export function problemSentence(problem: CsvProblem): string {
  const t = translator();
  if (problem.code === 'required' && problem.column === '')
    return t.t('csv.problems.requiredField', {
      field: t.t(`person.${problem.path}`, { defaultValue: problem.path }),
    });
  return t.t(`csv.problems.${problem.code}`, { column: problem.column, row: problem.row, ...problem.params });
}
