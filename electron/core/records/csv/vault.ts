import Papa from 'papaparse';
import type { Database } from '../../kernel/context';
import { fold } from '../text';
import { findDuplicates } from '../queries';
import { readSetting, writeSetting } from '../settings';
import { stmt } from '../statements';
import { fillBlanks } from '../merge-people';
import type { Writer } from '../writer';
import type { CsvVault } from './import';
import type { CsvKind } from './fields';

// What a CSV import reads from and writes to the vault beside the new rows: facilities by name, people who
// may be duplicates, a merge into someone already there, and the mapping remembered per set of headers.

export function csvVault(db: Database, w: Writer | null): CsvVault {
  let facilities: Map<string, string> | undefined;
  const anyone = stmt(db, 'SELECT 1 FROM people WHERE deleted_at IS NULL LIMIT 1').get() !== undefined;
  return {
    facilityId(name) {
      facilities ??= new Map(
        (
          stmt(db, 'SELECT id, data FROM facilities WHERE deleted_at IS NULL').all() as {
            id: string;
            data: string;
          }[]
        ).map((row) => [fold(String((JSON.parse(row.data) as { name?: string }).name ?? '')), row.id]),
      );
      return facilities.get(fold(name)) ?? null;
    },
    // An empty vault has no one to match (the bulk import of a first file skips the lookups).
    findDuplicates: anyone
      ? (data) =>
          findDuplicates(db, {
            givenName: data.givenName as string | undefined,
            familyName: data.familyName as string | undefined,
            aNumber: data.aNumber as string | undefined,
            dateOfBirth: data.dateOfBirth as string | undefined,
          }).map((m) => ({ id: m.id, name: `${m.givenName} ${m.familyName}`, reason: m.reason }))
      : null,
    merge(id, data) {
      if (w) fillBlanks(w, id, data);
    },
  };
}

const settingKey = (kind: CsvKind, columns: readonly string[]) =>
  `csv-mapping:${kind}:${JSON.stringify(columns)}`;

/** The header line's columns, without parsing the rest of the file. */
export function headerOf(text: string): string[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { preview: 1 });
  return parsed.data[0] ?? [];
}

export function rememberedMapping(
  db: Database,
  kind: CsvKind,
  columns: readonly string[],
): Record<string, string> | null {
  const stored = readSetting(db, settingKey(kind, columns));
  if (!stored) return null;
  try {
    return JSON.parse(stored) as Record<string, string>;
  } catch {
    return null;
  }
}

export function rememberMapping(
  db: Database,
  kind: CsvKind,
  columns: readonly string[],
  mapping: Record<string, string>,
) {
  writeSetting(db, settingKey(kind, columns), JSON.stringify(mapping));
}
