import type { z } from 'zod';
import { SCHEMAS } from '../../../../shared/model';
import {
  ANumber,
  CountryCode,
  IsoDate,
  IsoDateTime,
  LanguageCode,
  Phone,
  Email,
} from '../../../../shared/records/common';

// How each target reads a cell, worked out once from the kind's zod schema: the schema's building block
// (IsoDate, LanguageCode…) says what a value is, so a new field of a known shape needs nothing here.

export { CSV_KINDS, type CsvKind } from '../../../../shared/channels/records';
import type { CsvKind } from '../../../../shared/channels/records';

export type Reader =
  | { type: 'text' }
  | { type: 'name' }
  | { type: 'phone' }
  | { type: 'email' }
  | { type: 'aNumber' }
  | { type: 'date' }
  | { type: 'dateTime' }
  | { type: 'language' }
  | { type: 'country' }
  | { type: 'boolean' }
  | { type: 'integer' }
  | { type: 'choice'; options: readonly string[] }
  | { type: 'json' }
  | { type: 'list'; item: Reader };

type Def = {
  type: string;
  innerType?: unknown;
  in?: unknown;
  element?: unknown;
  entries?: Record<string, string>;
};
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodType): z.ZodType {
  let current: unknown = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') current = def.innerType;
    else break;
  }
  return current as z.ZodType;
}

const BLOCKS = new Map<unknown, Reader>([
  [ANumber, { type: 'aNumber' }],
  [IsoDate, { type: 'date' }],
  [IsoDateTime, { type: 'dateTime' }],
  [LanguageCode, { type: 'language' }],
  [CountryCode, { type: 'country' }],
  [Phone, { type: 'phone' }],
  [Email, { type: 'email' }],
]);

function readerOf(schema: z.ZodType): Reader {
  const inner = unwrap(schema);
  const known = BLOCKS.get(inner);
  if (known) return known;
  const def = defOf(inner);
  switch (def.type) {
    case 'array': {
      const item = readerOf(def.element as z.ZodType);
      return item.type === 'json' ? { type: 'json' } : { type: 'list', item };
    }
    case 'object':
      return { type: 'json' };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return { type: 'integer' };
    case 'enum':
      return { type: 'choice', options: Object.values(def.entries ?? {}) };
    default:
      return { type: 'text' };
  }
}

const EXTRA_READERS: Record<string, Reader> = {
  fullName: { type: 'name' },
  facilityName: { type: 'text' },
  contactName: { type: 'text' },
  contactRelationship: { type: 'text' },
  contactPhone: { type: 'phone' },
  trainingDate: { type: 'date' },
};

const cache = new Map<string, Reader>();

/** The reader of a target of `kind` (a field, or an extra target such as fullName). */
export function readerFor(kind: CsvKind, target: string): Reader {
  const key = `${kind}.${target}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const shape = SCHEMAS[kind].fields.shape as Record<string, z.ZodType>;
  const schema = shape[target];
  const reader = schema ? readerOf(schema) : (EXTRA_READERS[target] ?? { type: 'text' });
  cache.set(key, reader);
  return reader;
}
