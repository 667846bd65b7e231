import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/prefs';
import { call } from '../api';
import { setLanguage } from '../i18n';

/** English/Español, remembered in prefs so the unlock screen opens in the chosen language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const change = async (language: Language) => {
    await setLanguage(language);
    await call('prefs:set', { language }).catch(() => undefined);
  };
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={i18n.language} onChange={(event) => void change(event.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
