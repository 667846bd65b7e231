import type { Kind, NewRecordOf, PatchOf, RecordOf } from '../../../shared/model';
import { createRecord, updateRecord } from './repository';
import { createDispatch, createPerson, createReport, updateDispatch, updateReport } from './hotline-rules';
import { deleteRecord, restoreRecord } from './deletes';
import { getRecord } from './repository';
import {
  createAssignment,
  createEvent,
  eventDeleted,
  updateAssignment,
  updateEvent,
  updatePerson,
} from './rules';
import type { Writer } from './writer';

// What a kind does differently when it is created or changed locally, declared once per kind. Storage
// facts (table, columns, search index) are in specs.ts; the rules themselves in rules.ts. A kind absent
// here is created and updated by the generic repository.

export interface KindBehaviour<K extends Kind> {
  create?: (w: Writer, input: NewRecordOf<K>) => RecordOf<K>;
  update?: (w: Writer, id: string, patch: PatchOf<K>) => RecordOf<K>;
  /** After the record was deleted or restored here (it is given as it was). */
  afterDelete?: (w: Writer, record: RecordOf<K>) => void;
}

const BEHAVIOURS: { [K in Kind]?: KindBehaviour<K> } = {
  // Capacity is a warning, a conflict of interest a refusal; an active assignment marks the case assigned.
  assignment: {
    create: (w, input) => createAssignment(w, input).record,
    update: updateAssignment,
  },
  // The latest transfer by date places the person; a release or removal changes custody.
  event: { create: createEvent, update: updateEvent, afterDelete: eventDeleted },
  // An intake started from a report is listed on the report; editing the facility records a transfer.
  person: { create: createPerson, update: updatePerson },
  // Verification stamped with who and when; closing erases the caller's callback.
  report: { create: createReport, update: updateReport },
  // Status forward only, its times stamped; only active volunteers, once per report at a time.
  dispatch: { create: createDispatch, update: updateDispatch },
};

export function createOf<K extends Kind>(w: Writer, kind: K, input: NewRecordOf<K>): RecordOf<K> {
  const behaviour = BEHAVIOURS[kind] as KindBehaviour<K> | undefined;
  return behaviour?.create ? behaviour.create(w, input) : createRecord(w, kind, input);
}

export function updateOf<K extends Kind>(w: Writer, kind: K, id: string, patch: PatchOf<K>): RecordOf<K> {
  const behaviour = BEHAVIOURS[kind] as KindBehaviour<K> | undefined;
  return behaviour?.update ? behaviour.update(w, id, patch) : updateRecord(w, kind, id, patch);
}

/** Deletes a record (deletes.ts) and lets its kind follow up: a deleted transfer moves the person back. */
export function deleteOf(
  w: Writer,
  kind: Kind,
  id: string,
  options: { eraseNow?: boolean | undefined } = {},
): ReturnType<typeof deleteRecord> {
  const behaviour = BEHAVIOURS[kind] as KindBehaviour<Kind> | undefined;
  const before = behaviour?.afterDelete ? getRecord(w.session.db, kind, id) : null;
  const result = deleteRecord(w, kind, id, options);
  if (before) behaviour?.afterDelete?.(w, before);
  return result;
}

/** Restores a record from Recently deleted; its kind follows up as after a delete. */
export function restoreOf(w: Writer, kind: Kind, id: string): { id: string } {
  const result = restoreRecord(w, kind, id);
  const behaviour = BEHAVIOURS[kind] as KindBehaviour<Kind> | undefined;
  if (behaviour?.afterDelete) behaviour.afterDelete(w, getRecord(w.session.db, kind, id));
  return result;
}
