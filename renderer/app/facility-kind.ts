import { useTranslation } from 'react-i18next';

// A facility's kind is free text (an office can add its own facilities). The seed list's kinds are
// Amparo's own words, so they have translations under facility.kinds, keyed by their slug; any other kind
// is shown as it was typed.

export const facilityKindKey = (kind: string): string =>
  kind
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function useFacilityKind(): (kind: string | undefined) => string {
  const { t } = useTranslation();
  return (kind) => (kind ? t(`facility.kinds.${facilityKindKey(kind)}`, { defaultValue: kind }) : '');
}
