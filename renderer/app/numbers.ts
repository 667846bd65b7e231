import { useTranslation } from 'react-i18next';

/** Whole numbers in the UI language's format (1,234 / 1.234). */
export function useNumbers() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 });
  return (n: number) => format.format(n);
}
