import type { z } from 'zod';
import type { CsvProblem } from '../../../../shared/records/csv';

// A record's validation issues as CSV problems: the column the file names, the field, and a code the screen
// words in the user's language ("Given name is missing"), never the validator's own English.

export function problemsOf(
  row: number,
  issues: readonly z.core.$ZodIssue[],
  data: Record<string, unknown>,
  columnOf: (field: string) => string,
): CsvProblem[] {
  const seen = new Set<string>();
  return issues.flatMap((issue): CsvProblem[] => {
    const field = String(issue.path[0] ?? '');
    const path = issue.path.map(String).join('.');
    if (seen.has(path)) return [];
    seen.add(path);
    const base = { row, column: columnOf(field), path: field, severity: 'error' as const };
    const value = data[field];
    if (value === undefined) return [{ ...base, code: 'required' as const, params: {} }];
    if (issue.code === 'too_big') {
      const max = Number(issue.maximum);
      const code = issue.origin === 'array' ? 'tooMany' : issue.origin === 'number' ? 'tooLarge' : 'tooLong';
      return [{ ...base, code, params: { max } }];
    }
    if (issue.code === 'too_small') {
      const min = Number(issue.minimum);
      if (issue.origin === 'string' && min <= 1) return [{ ...base, code: 'required' as const, params: {} }];
      return [{ ...base, code: 'tooSmall' as const, params: { min } }];
    }
    return [
      {
        ...base,
        code: 'invalid' as const,
        params: { value: Array.isArray(value) ? value.join(', ') : String(value) },
      },
    ];
  });
}
