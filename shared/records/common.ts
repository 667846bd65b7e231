import { z } from 'zod';
import { normalizeANumber } from '../anumber';
import { toUtcIso } from '../time';

// Building blocks shared by the record schemas. Optional fields are `.optional()`; JSON is camelCase.

/** A record id: 128 random bits as 32 lower-case hex characters. */
export const ID_PATTERN = /^[0-9a-f]{32}$/;
export const Id = z.string().regex(ID_PATTERN, { message: 'Not a valid record id' });
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use the date format YYYY-MM-DD' });
const DATE_TIME_MESSAGE = 'Use a date and time such as 2026-11-24T09:30:00Z';
/**
 * An instant, with any offset and with or without seconds on input (`2026-12-05T09:00-08:00`); stored as
 * UTC ISO, one fixed form, so SQL compares instants as text.
 */
export const IsoDateTime = z
  .union([z.iso.datetime({ offset: true }), z.iso.datetime({ offset: true, precision: -1 })], {
    message: DATE_TIME_MESSAGE,
  })
  .transform(toUtcIso);
export const ShortText = z.string().trim().max(200);
export const LongText = z.string().max(20_000);
export const Name = z.string().trim().min(1, { message: 'Required' }).max(120);
export const Phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[0-9+()\s.\-x#*]*$/, { message: 'Use digits, spaces and + ( ) - only' });
export const Email = z.email({ message: 'Not a valid email address' }).max(200);
/** ISO 639 language codes such as es, en, mam, k'iche' is "quc". */
export const LanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, { message: 'Use a language code such as es, en or mam' });
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { message: 'Use a two-letter country code such as MX or GT' });
export const County = z.string().trim().min(1).max(80);

export const ANumber = z.string().transform((value, ctx) => {
  const result = normalizeANumber(value);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  }
  return result.value;
});

export const RecordMeta = z.object({ id: Id, createdAt: IsoDateTime, updatedAt: IsoDateTime });

/** Creates a full record schema (meta + fields) plus the create and partial-update input schemas. */
export function recordSchemas<S extends Record<string, z.ZodType>>(shape: S) {
  const fields = z.object(shape);
  return {
    fields,
    record: RecordMeta.extend(shape),
    create: fields.strict(),
    // In a patch, an absent field is unchanged and null clears it (required fields then fail validation).
    // A field's default applies when a record is created, never to a patch that leaves the field out (it
    // would put an assignment back to OFFERED, a report back to UNVERIFIED).
    patch: z
      .object(
        Object.fromEntries(
          Object.entries(shape).map(([key, schema]) => [
            key,
            (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : (schema as z.ZodType))
              .nullable()
              .optional(),
          ]),
        ),
      )
      .strict() as z.ZodObject<{ [K in keyof S]: z.ZodOptional<z.ZodNullable<S[K]>> }, z.core.$strict>,
  };
}
