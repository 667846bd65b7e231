import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../shared/errors';

/** A translated, typed error. The code picks the message; no technical detail is ever shown. */
export function ErrorAlert(props: { code: ErrorCode | null }): ReactElement | null;
/**
 * @deprecated Pass an ErrorCode. Kept only while a few screens still hold their error as a plain string;
 * remove once they use useCall/useAction.
 */
export function ErrorAlert(props: { code: string | null }): ReactElement | null;
export function ErrorAlert({ code }: { code: string | null }) {
  const { t } = useTranslation();
  if (!code) return null;
  return (
    <p role="alert" className="alert">
      {t(`errors.${code}`, { defaultValue: t('errors.INTERNAL') })}
    </p>
  );
}
