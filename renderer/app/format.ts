import { formatDistanceToNow, format, parseISO } from 'date-fns';
import { enUS, es } from 'date-fns/locale';
import { useTranslation } from 'react-i18next';

/** The date-fns locale of the UI language. */
export function useDateLocale() {
  const { i18n } = useTranslation();
  return i18n.language === 'es' ? es : enUS;
}

// Dates in the UI language: relative ("in 3 days", "hace 2 horas") for queues, absolute for records.
export function useDates() {
  const locale = useDateLocale();
  return {
    relative: (iso: string) => formatDistanceToNow(parseISO(iso), { addSuffix: true, locale }),
    dateTime: (iso: string) => format(parseISO(iso), 'PPp', { locale }),
    date: (iso: string) => format(parseISO(iso), 'PP', { locale }),
  };
}

/** Translated enum options for selects: enums.<group>.<VALUE>. */
export function useEnumOptions() {
  const { t } = useTranslation();
  return (group: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`enums.${group}.${value}`) }));
}
