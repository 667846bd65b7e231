import { format, parseISO } from 'date-fns';
import { useDateLocale } from '../../app/format';

/** "2026-11" as the UI language writes a month: "Nov 2026", "nov 2026" (long: "November 2026"). */
export function useMonthLabel() {
  const locale = useDateLocale();
  return (month: string, long = false) =>
    format(parseISO(`${month}-01`), long ? 'LLLL yyyy' : 'LLL yyyy', { locale });
}
