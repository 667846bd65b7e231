import { z } from 'zod';
import { SCHEMAS, type Kind } from '../model';
import { Id } from '../records/common';
import { SPECIALTIES } from '../records/legal';
import { Dashboard, DuplicateQuery, PeopleView, VolunteerQuery } from '../records/queries';
import { ListQuery, listResult } from '../records/query';
import { TimeZone } from '../time';
import {
  CsvDateColumn,
  CsvDuplicate,
  CsvPreviewRow,
  CsvProblem,
  DateOrder,
  DuplicateChoice,
} from '../records/csv';

// The record channels of the IPC contract: five CRUD channels per kind (`person:create` … `report:list`)
// plus the case-work queries. Generated from the model so every kind is covered the same way.

type Schemas = typeof SCHEMAS;
const Deleted = z.object({ id: Id, deleted: z.literal(true), erased: z.boolean() });
/** `eraseNow` skips Recently deleted: for a person who asks to be forgotten. */
const DeleteInput = z.object({ id: Id, eraseNow: z.boolean().optional() }).strict();
type Crud<K extends Kind> = {
  [C in `${K}:create`]: { input: Schemas[K]['create']; output: Schemas[K]['record'] };
} & {
  [C in `${K}:update`]: {
    input: z.ZodObject<{ id: typeof Id; patch: Schemas[K]['patch'] }>;
    output: Schemas[K]['record'];
  };
} & { [C in `${K}:delete`]: { input: typeof DeleteInput; output: typeof Deleted } } & {
  [C in `${K}:get`]: { input: z.ZodObject<{ id: typeof Id }>; output: Schemas[K]['record'] };
} & {
  [C in `${K}:list`]: {
    input: typeof ListQuery;
    output: z.ZodObject<{ rows: z.ZodArray<Schemas[K]['record']>; total: z.ZodNumber }>;
  };
};

function crud<K extends Kind>(kind: K): Crud<K> {
  const schemas = SCHEMAS[kind];
  return {
    [`${kind}:create`]: { input: schemas.create, output: schemas.record },
    [`${kind}:update`]: {
      input: z.object({ id: Id, patch: schemas.patch }).strict(),
      output: schemas.record,
    },
    [`${kind}:delete`]: { input: DeleteInput, output: Deleted },
    [`${kind}:get`]: { input: z.object({ id: Id }).strict(), output: schemas.record },
    [`${kind}:list`]: { input: ListQuery, output: listResult(schemas.record) },
  } as unknown as Crud<K>;
}

const AuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  officeId: z.string(),
  operator: z.string(),
  action: z.string(),
  kind: z.string(),
  recordId: z.string(),
  fields: z.array(z.string()),
});

export const recordChannels = {
  ...crud('person'),
  ...crud('volunteer'),
  ...crud('attorney'),
  ...crud('assignment'),
  ...crud('event'),
  ...crud('facility'),
  ...crud('report'),
  ...crud('dispatch'),
  ...crud('workshop'),
  ...crud('deadline'),
  'person:duplicates': {
    input: DuplicateQuery,
    output: z.array(
      z.object({
        id: Id,
        givenName: z.string(),
        familyName: z.string(),
        reason: z.enum(['A_NUMBER', 'NAME_AND_DOB', 'SIMILAR_NAME_AND_DOB']),
      }),
    ),
  },
  'person:view': {
    input: z
      .object({
        view: PeopleView,
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
    output: listResult(SCHEMAS.person.record),
  },
  'assignment:check': {
    input: z.object({ personId: Id, attorneyId: Id }).strict(),
    output: z.object({
      activeCases: z.number(),
      capacity: z.number().nullable(),
      overCapacity: z.boolean(),
      conflict: z.boolean(),
      hasActiveLead: z.boolean(),
    }),
  },
  'attorney:suggest': {
    /** `specialty`: what the case needs; attorneys with it rank higher among those with the same room. */
    input: z.object({ personId: Id, specialty: z.enum(SPECIALTIES).optional() }).strict(),
    output: z.array(
      z.object({
        attorney: SCHEMAS.attorney.record,
        activeCases: z.number(),
        freeCapacity: z.number().nullable(),
        sharedLanguages: z.array(z.string()),
        specialtyMatch: z.boolean(),
        conflict: z.boolean(),
      }),
    ),
  },
  'volunteer:find': { input: VolunteerQuery, output: listResult(SCHEMAS.volunteer.record) },
  'dashboard:summary': { input: z.undefined(), output: Dashboard },
  'audit:history': {
    input: z.object({ kind: z.enum(Object.keys(SCHEMAS) as [Kind, ...Kind[]]), id: Id }).strict(),
    output: z.array(AuditEntry),
  },
  'audit:verify': {
    input: z.undefined(),
    output: z.object({
      ok: z.boolean(),
      entries: z.number(),
      brokenAt: z.number().nullable(),
      /** The newest rollback unlock found (an older copy of the vault), when there was one. */
      rollback: z
        .object({ expectedEntries: z.number(), foundEntries: z.number(), detectedAt: z.string() })
        .optional(),
    }),
  },
  'settings:operator': {
    input: z.object({ name: z.string().trim().max(80).optional() }).strict(),
    output: z.object({ name: z.string() }),
  },
  /** The office's IANA time zone: no zone reads it, a zone sets it, null follows the machine's again. */
  'settings:timeZone': {
    input: z.object({ zone: TimeZone.nullable().optional() }).strict(),
    output: z.object({ zone: z.string(), system: z.string(), chosen: z.boolean() }),
  },
} as const;

/** The kinds that go in and out as CSV files. */
export const CSV_KINDS = ['person', 'volunteer', 'attorney'] as const satisfies readonly Kind[];
export type CsvKind = (typeof CSV_KINDS)[number];
export const CSV_KIND = z.enum(CSV_KINDS);

/** CSV and demo-data channels (the file is read by the UI or the CLI; only its text crosses IPC). */
export const ioChannels = {
  'csv:import': {
    input: z
      .object({
        kind: CSV_KIND,
        text: z.string().max(20 * 1024 * 1024),
        /** Column -> field ('' leaves the column out); without it the columns are matched automatically. */
        mapping: z.record(z.string().max(200), z.string().max(60)).optional(),
        dryRun: z.boolean().optional(),
        /** The order of date columns that can't tell, for all of them and per column. */
        dateOrder: DateOrder.optional(),
        dateOrders: z.record(z.string().max(200), DateOrder).optional(),
        /** Corrected full-name splits, by row number. */
        names: z
          .record(
            z.string().regex(/^\d{1,7}$/),
            z.object({ givenName: z.string().max(120), familyName: z.string().max(120) }).strict(),
          )
          .optional(),
        /** What to do with duplicate rows, by row number, and with the others. */
        duplicates: z.record(z.string().regex(/^\d{1,7}$/), DuplicateChoice).optional(),
        duplicateDefault: DuplicateChoice.optional(),
      })
      .strict(),
    output: z.object({
      imported: z.number(),
      valid: z.number(),
      skipped: z.number(),
      merged: z.number(),
      errors: z.array(CsvProblem),
      columns: z.array(z.string()),
      mapping: z.record(z.string(), z.string()),
      mappingSource: z.enum(['automatic', 'remembered', 'given']),
      targets: z.array(z.string()),
      dateColumns: z.array(CsvDateColumn),
      preview: z.array(CsvPreviewRow),
      duplicates: z.array(CsvDuplicate),
      dryRun: z.boolean(),
    }),
  },
  'person:merge': {
    input: z
      .object({
        keepId: Id,
        otherId: Id,
        /** Fields whose value comes from the other record; the others keep this one's (blanks are filled). */
        take: z.array(z.string().max(60)).max(60).optional(),
      })
      .strict(),
    output: z.object({
      person: SCHEMAS.person.record,
      moved: z.object({ events: z.number(), assignments: z.number(), reports: z.number() }),
    }),
  },
  'csv:export': {
    input: z.object({ kind: CSV_KIND }).strict(),
    output: z.object({ csv: z.string(), count: z.number() }),
  },
  'demo:generate': {
    input: z
      .object({
        people: z.number().int().min(0).max(200_000),
        volunteers: z.number().int().min(0).max(50_000),
        attorneys: z.number().int().min(0).max(10_000),
        eventsPerPerson: z.number().int().min(0).max(10).optional(),
        seed: z.number().int().optional(),
      })
      .strict(),
    output: z.record(z.string(), z.number()),
  },
} as const;
