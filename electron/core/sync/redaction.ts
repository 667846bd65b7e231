// Redaction profiles: per record kind, the fields an outgoing bundle leaves out. The built-in ones are
// seeded by migration 0003: "Full" removes nothing and is fixed; "Dispatch" (for rapid-response partners)
// drops identifying and medical details by default and may be tuned; offices can add their own.
import { AmparoError } from '../../../shared/errors';
import { KINDS, SCHEMAS, type Kind } from '../../../shared/model';
import type { RedactionProfile } from '../../../shared/sync-channels';
import type { Database } from '../context';

export type RedactionFields = RedactionProfile['fields'];

export const FULL_PROFILE = 'Full';
export const DISPATCH_PROFILE = 'Dispatch';

interface ProfileRow {
  name: string;
  fields: string;
  built_in: number;
}

const toProfile = (r: ProfileRow): RedactionProfile => ({
  name: r.name,
  builtIn: r.built_in === 1,
  fields: JSON.parse(r.fields) as RedactionFields,
});

export function listRedactionProfiles(db: Database): RedactionProfile[] {
  const rows = db
    .prepare(
      'SELECT name, fields, built_in FROM redaction_profiles ORDER BY built_in DESC, name COLLATE NOCASE',
    )
    .all() as ProfileRow[];
  return rows.map(toProfile);
}

/** The profile a bundle export applies; NOT_FOUND for an unknown name. */
export function redactionProfile(db: Database, name: string): RedactionProfile {
  const r = db.prepare('SELECT name, fields, built_in FROM redaction_profiles WHERE name = ?').get(name) as
    ProfileRow | undefined;
  if (!r) throw new AmparoError('NOT_FOUND', 'No redaction profile has this name.');
  return toProfile(r);
}

/** Field names must exist on the record kind, so a typo cannot silently leave data in a bundle. */
function checkFields(fields: RedactionFields): RedactionFields {
  const clean: RedactionFields = {};
  for (const kind of KINDS) {
    const list = fields[kind];
    if (!list || list.length === 0) continue;
    const known = new Set(Object.keys(SCHEMAS[kind as Kind].fields.shape));
    const unknown = list.filter((f) => !known.has(f));
    if (unknown.length > 0)
      throw new AmparoError('INVALID_INPUT', `Unknown ${kind} field in the redaction profile.`, [
        { path: `fields.${kind}`, message: `Unknown field: ${unknown.join(', ')}` },
      ]);
    clean[kind] = [...new Set(list)].sort();
  }
  return clean;
}

/** Creates or replaces a profile. "Full" cannot be edited (it must always mean "nothing removed"). */
export function setRedactionProfile(db: Database, name: string, fields: RedactionFields): void {
  if (name.toLowerCase() === FULL_PROFILE.toLowerCase())
    throw new AmparoError('FORBIDDEN', 'The Full profile cannot be edited.');
  const clean = checkFields(fields);
  db.prepare(
    `INSERT INTO redaction_profiles (name, fields, built_in) VALUES (?, ?, 0)
     ON CONFLICT (name) DO UPDATE SET fields = excluded.fields`,
  ).run(name, JSON.stringify(clean));
}

export function deleteRedactionProfile(db: Database, name: string): void {
  const current = redactionProfile(db, name);
  if (current.builtIn) throw new AmparoError('FORBIDDEN', 'Built-in profiles cannot be deleted.');
  db.prepare('DELETE FROM redaction_profiles WHERE name = ?').run(name);
}
