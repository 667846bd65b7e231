import { tz } from '@date-fns/tz';
import { formatDistanceToNow, format, parseISO } from 'date-fns';
import { enUS, es } from 'date-fns/locale';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOfficeZone } from './office-zone';

/** The date-fns locale of the UI language. */
export function useDateLocale() {
  const { i18n } = useTranslation();
  return i18n.language === 'es' ? es : enUS;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// Dates in the UI language and the office's time zone: relative ("in 3 days", "hace 2 horas") for queues,
// absolute for records.
export function useDates() {
  const locale = useDateLocale();
  const zone = useOfficeZone();
  // One object per locale and zone, so a table's columns built from it are not rebuilt on every render.
  return useMemo(
    () => ({
      relative: (iso: string) => formatDistanceToNow(parseISO(iso), { addSuffix: true, locale }),
      dateTime: (iso: string) => format(parseISO(iso), 'PPp', { locale, in: tz(zone) }),
      /** The day of an instant in the office; a calendar date (YYYY-MM-DD) is the same day everywhere. */
      date: (iso: string) =>
        DATE_ONLY.test(iso)
          ? format(parseISO(iso), 'PP', { locale })
          : format(parseISO(iso), 'PP', { locale, in: tz(zone) }),
      zone,
    }),
    [locale, zone],
  );
}

/** Translated enum options for selects: enums.<group>.<VALUE>. */
export function useEnumOptions() {
  const { t } = useTranslation();
  return (group: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`enums.${group}.${value}`) }));
}
