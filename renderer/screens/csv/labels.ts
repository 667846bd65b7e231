import type { TFunction } from 'i18next';
import type { CsvProblem } from '../../../shared/records/csv';

// Words for the CSV screen: a target's label (the extra targets have their own, fields use their kind's
// form labels), and a problem as a sentence in the user's language naming the column as the file names it.

export function targetLabel(t: TFunction, kind: string, target: string): string {
  return t([`csv.targets.${target}`, `${kind}.${target}`, `person.${target}`, `volunteer.${target}`], {
    defaultValue: target,
  });
}

export function problemText(t: TFunction, kind: string, problem: CsvProblem): string {
  if (problem.code === 'required' && problem.column === '')
    return t('csv.problems.requiredField', { field: targetLabel(t, kind, problem.path) });
  return t(`csv.problems.${problem.code}`, { column: problem.column, row: problem.row, ...problem.params });
}

// A field's enum group in the `enums` catalog, where its name differs from the field's.
const ENUM_GROUPS: Record<string, string> = {
  arrestingAgency: 'agency',
  agency: 'reportAgency',
  specialties: 'specialty',
  roles: 'volunteerRole',
};

/** A stored value as the screens show it: enum keys (CUSTODY_STATUS) by their name, anything else as is. */
export function storedValueText(t: TFunction, kind: string, target: string, stored: string): string {
  const group = target === 'status' ? `${kind}Status` : (ENUM_GROUPS[target] ?? target);
  return stored
    .split(', ')
    .map((value) =>
      /^[A-Z][A-Z_]*$/.test(value) ? t(`enums.${group}.${value}`, { defaultValue: value }) : value,
    )
    .join(', ');
}
