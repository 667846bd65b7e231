import { z } from 'zod';
import { deadline } from './records/deadline';
import { dispatch } from './records/dispatch';
import { facility, report } from './records/field';
import { assignment, attorney, event } from './records/legal';
import { workshop } from './records/outreach';
import { person } from './records/person';
import { volunteer } from './records/volunteer';

// The record model: one zod schema set per kind (record, create input, partial patch). The CLI, the IPC
// contract, CSV import and sync all validate through these.

export * from './records/common';
export * from './records/deadline';
export * from './records/dispatch';
export * from './records/field';
export * from './records/legal';
export * from './records/outreach';
export * from './records/person';
export * from './records/volunteer';

export const KINDS = [
  'person',
  'volunteer',
  'attorney',
  'assignment',
  'event',
  'facility',
  'report',
  // Appended only: a tombstone stores its kind as the index in this list.
  'dispatch',
  'workshop',
  'deadline',
] as const;
export const Kind = z.enum(KINDS);
export type Kind = z.infer<typeof Kind>;

export const SCHEMAS = {
  person,
  volunteer,
  attorney,
  assignment,
  event,
  facility,
  report,
  dispatch,
  workshop,
  deadline,
} as const;
export type RecordOf<K extends Kind> = z.output<(typeof SCHEMAS)[K]['record']>;
export type CreateOf<K extends Kind> = z.input<(typeof SCHEMAS)[K]['create']>;
/** A create input after validation, as handlers receive it. */
export type NewRecordOf<K extends Kind> = z.output<(typeof SCHEMAS)[K]['create']>;
/** A validated patch: an absent field is unchanged, null clears it. */
export type PatchOf<K extends Kind> = z.output<(typeof SCHEMAS)[K]['patch']>;
