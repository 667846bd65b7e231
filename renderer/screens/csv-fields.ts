import { SCHEMAS } from '../../shared/model';
import type { CsvKind } from '../../shared/channels/records';

// Fields a CSV column can map to (nested lists such as contacts or trainings are not CSV-shaped).
const NESTED = new Set(['contacts', 'trainings', 'availability']);
const fieldsOf = (kind: CsvKind) => Object.keys(SCHEMAS[kind].fields.shape).filter((f) => !NESTED.has(f));
export const CSV_FIELDS: Record<CsvKind, string[]> = {
  person: fieldsOf('person'),
  volunteer: fieldsOf('volunteer'),
  attorney: fieldsOf('attorney'),
};
