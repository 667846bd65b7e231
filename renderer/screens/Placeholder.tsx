import { useTranslation } from 'react-i18next';

/** Sections whose screens arrive with later issues say so plainly. */
export function Placeholder({ titleKey }: { titleKey: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="section-title">
      <h2 id="section-title" tabIndex={-1}>
        {t(titleKey)}
      </h2>
      <p>{t('placeholder.body')}</p>
    </section>
  );
}
