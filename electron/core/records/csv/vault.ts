import Papa from 'papaparse';
import type { Database } from '../../kernel/context';
import { fold } from '../text';
import { readSetting, writeSetting } from '../settings';
import { stmt } from '../statements';
import { fillBlanks } from '../merge-people';
import type { Writer } from '../writer';
import type { CsvVault } from './import';
import type { CsvKind } from './fields';
import { type DuplicateFinder, type VaultPerson, vaultFinder } from './duplicates';

// What a CSV import reads from and writes to the vault beside the new rows: facilities by name, people who
// may be duplicates, a merge into someone already there, and the mapping remembered per set of headers.

export function csvVault(db: Database, w: Writer | null): CsvVault {
  let facilities: Map<string, string> | undefined;
  let finder: DuplicateFinder | undefined;
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
    // The vault's people are read once, when the first row is checked (an empty vault has no one to match).
    findDuplicates: anyone ? (data) => (finder ??= vaultFinder(vaultPeople(db)))(data) : null,
    merge(id, data) {
      if (w) fillBlanks(w, id, data);
    },
  };
}

/** The live people who could be someone's duplicate: those with an A-number or a date of birth. */
function vaultPeople(db: Database): VaultPerson[] {
  const rows = stmt(
    db,
    `SELECT id, a_number AS aNumber, date_of_birth AS dateOfBirth, norm_name AS folded,
       json_extract(data, '$.givenName') AS givenName, json_extract(data, '$.familyName') AS familyName
     FROM people WHERE deleted_at IS NULL AND (a_number IS NOT NULL OR date_of_birth IS NOT NULL)`,
  ).all() as (Omit<VaultPerson, 'name'> & { givenName: string | null; familyName: string | null })[];
  return rows.map(({ givenName, familyName, ...person }) => ({
    ...person,
    name: `${givenName ?? ''} ${familyName ?? ''}`.trim(),
  }));
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
