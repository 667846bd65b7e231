import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The header of the screens shown before a vault is open (create, restore, unlock): name and language. */
export function GateHeader() {
  const { t } = useTranslation();
  return (
    <header className="gate-header">
      <h1>{t('app.name')}</h1>
      <LanguageSwitch />
    </header>
  );
}
