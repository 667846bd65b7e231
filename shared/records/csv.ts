import { z } from 'zod';
import { Id } from './common';

// What a CSV import reports, shared by the core, the screen and the CLI. A problem is a code and its values,
// never a sentence: the screen words it in the user's language (csv.problems.<code> in the catalogs), naming
// the column as the file names it, and so does the CLI.

export const CSV_PROBLEMS = [
  'format',
  'required',
  'tooLong',
  'tooMany',
  'tooSmall',
  'tooLarge',
  'aNumber',
  'date',
  'dateAmbiguous',
  'noSuchDay',
  'dateTime',
  'language',
  'country',
  'choice',
  'yesNo',
  'number',
  'phone',
  'email',
  'json',
  'facility',
  'unknownTarget',
  'sameTarget',
  'invalid',
] as const;
export const CsvProblemCode = z.enum(CSV_PROBLEMS);
export type CsvProblemCode = z.infer<typeof CsvProblemCode>;

export const CsvProblem = z.object({
  /** As a spreadsheet numbers it: the header is row 1. */
  row: z.number(),
  /** The column as the file names it ('' for the whole row). */
  column: z.string(),
  /** The field the column fills ('' when none). */
  path: z.string(),
  code: CsvProblemCode,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** A warning keeps the row; an error leaves it out. */
  severity: z.enum(['error', 'warning']),
});
export type CsvProblem = z.infer<typeof CsvProblem>;

export const DATE_ORDERS = ['DMY', 'MDY'] as const;
export const DateOrder = z.enum(DATE_ORDERS);
export type DateOrder = z.infer<typeof DateOrder>;

export const DuplicateChoice = z.enum(['skip', 'import', 'merge']);
export type DuplicateChoice = z.infer<typeof DuplicateChoice>;

/** Columns that fill more than one field, or a list inside a field, beside the kind's own fields. */
export const CSV_EXTRA_TARGETS = [
  'fullName',
  'facilityName',
  'contactName',
  'contactRelationship',
  'contactPhone',
  'trainingDate',
] as const;

export const CsvPreviewRow = z.object({
  row: z.number(),
  cells: z.array(
    z.object({
      column: z.string(),
      raw: z.string(),
      stored: z.string(),
      /** The stored value is language or country codes, which the screen shows by name. */
      codes: z.enum(['language', 'country']).optional(),
    }),
  ),
  /** A full-name column's split, which the user may correct. */
  name: z.object({ givenName: z.string(), familyName: z.string() }).optional(),
});
export type CsvPreviewRow = z.infer<typeof CsvPreviewRow>;

export const CsvDuplicate = z.object({
  row: z.number(),
  reason: z.enum(['A_NUMBER', 'NAME_AND_DOB', 'SIMILAR_NAME_AND_DOB']),
  /** The person already in the vault, or the earlier row of the same file. */
  matchId: Id.optional(),
  matchRow: z.number().optional(),
  matchName: z.string(),
  choice: DuplicateChoice,
});
export type CsvDuplicate = z.infer<typeof CsvDuplicate>;

export const CsvDateColumn = z.object({
  column: z.string(),
  /** The order used; null while the column cannot tell and nobody chose. */
  order: DateOrder.nullable(),
  /** True when the values alone could not decide. */
  ambiguous: z.boolean(),
});
