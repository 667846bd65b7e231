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
