import { useTranslation } from 'react-i18next';
import type { Kind } from '../../../shared/model';
import { useDates } from '../../app/format';

// Words for deleted records, shared by Recently deleted, the person page, the import preview and the
// pending deletes: a record's name in the UI language, and what a person takes along when she goes.

export interface TakenAlong {
  events: number;
  assignments: number;
  deadlines: number;
  nextHearing: string | null;
}

/** A record's name: a person's name as is, a case event by its translated kind, else the label or "no name". */
export function useRecordName() {
  const { t } = useTranslation();
  return (kind: Kind, label: string) => {
    if (label === '') return t('deleted.noName');
    if (kind === 'event') return t(`enums.eventKind.${label}`, { defaultValue: label });
    return label;
  };
}

/** "2 case events, 1 assignment, next hearing Dec 5, 2025, 9:00 AM"; null when nothing goes along. */
export function useTakenAlong() {
  const { t } = useTranslation();
  const dates = useDates();
  return (takes: TakenAlong): string | null => {
    const parts = [
      takes.events > 0 ? t('deleted.takes.events', { count: takes.events }) : null,
      takes.assignments > 0 ? t('deleted.takes.assignments', { count: takes.assignments }) : null,
      takes.deadlines > 0 ? t('deleted.takes.deadlines', { count: takes.deadlines }) : null,
      takes.nextHearing ? t('deleted.takes.nextHearing', { date: dates.dateTime(takes.nextHearing) }) : null,
    ].filter((part): part is string => part !== null);
    return parts.length === 0 ? null : parts.join(', ');
  };
}
