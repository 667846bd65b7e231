import { SCHEMAS, type Kind } from './model';

// The fields of each record kind as the schemas declare them, for code that lists or picks fields (redaction
// profiles, on both sides of IPC).

export const fieldsOf = (kind: Kind): string[] => Object.keys(SCHEMAS[kind].fields.shape);

/** Fields a record can't exist without (no default): a bundle that sends a kind always carries them. */
export function requiredFields(kind: Kind): string[] {
  const shape = SCHEMAS[kind].fields.shape as Record<
    string,
    { safeParse(value: unknown): { success: boolean } }
  >;
  return fieldsOf(kind).filter((field) => !shape[field]!.safeParse(undefined).success);
}
