import { useTranslation } from 'react-i18next';

/** A translated, typed error. The code picks the message; no technical detail is ever shown. */
export function ErrorAlert({ code }: { code: string | null }) {
  const { t } = useTranslation();
  if (!code) return null;
  return (
    <p role="alert" className="alert">
      {t(`errors.${code}`, { defaultValue: t('errors.INTERNAL') })}
    </p>
  );
}
