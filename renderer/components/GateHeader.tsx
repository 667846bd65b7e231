import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The header of the screens shown before a vault is open (create, restore, unlock): name and language.
 * The name is not a heading: each of those screens has its own <h1> (ScreenHeading).
 */
export function GateHeader() {
  const { t } = useTranslation();
  return (
    <header className="gate-header">
      <p className="brand">{t('app.name')}</p>
      <LanguageSwitch />
    </header>
  );
}
