import { useTranslation } from 'react-i18next';
import { countryName, languageName } from '../../../../shared/code-names';
import { useDates } from '../../../app/format';
import { useFacilities } from '../../../app/useFacilities';
import { formatPhone } from '../../../app/phone';

// A person's field value as the merge screen shows it: names for codes, dates in the UI language and the
// office's zone, enum labels, yes / no; a part of the case file (court, bond, contacts…) as its values in a
// line, enough to tell two apart.

const ENUM_GROUPS: Record<string, string> = {
  custodyStatus: 'custodyStatus',
  caseStatus: 'caseStatus',
  priority: 'priority',
  arrestingAgency: 'agency',
  reportSource: 'reportSource',
};

/** The field's label: the person page's own, else the merge screen's for the case-file parts. */
export function useFieldLabel() {
  const { t } = useTranslation();
  return (field: string) =>
    t(`person.${field}`, { defaultValue: t(`merge.field.${field}`, { defaultValue: field }) });
}

export function useShowValue() {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const facilities = useFacilities();
  const locale = i18n.language;
  const leaves = (value: unknown): string[] => {
    if (value === null || value === undefined || value === '') return [];
    if (typeof value === 'boolean') return [value ? t('caseFile.yes') : t('caseFile.no')];
    if (typeof value !== 'object') return [String(value)];
    const parts = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
    return parts.flatMap(leaves);
  };
  return (field: string, value: unknown): string => {
    if (value === undefined || value === null || value === '') return '—';
    const group = ENUM_GROUPS[field];
    if (group) return t(`enums.${group}.${String(value)}`);
    switch (field) {
      case 'countryOfBirth':
        return countryName(String(value), locale);
      case 'languages':
        return (value as string[]).map((code) => languageName(code, locale)).join(', ');
      case 'dateOfBirth':
        return dates.date(String(value));
      case 'phone':
        return formatPhone(String(value));
      case 'detainedAt':
        return dates.dateTime(String(value));
      case 'facilityId':
        return facilities.find((f) => f.id === value)?.name ?? t('merge.unknownFacility');
      default:
        return leaves(value).join(' · ');
    }
  };
}
