// Redaction profiles: what an outgoing bundle carries, per record kind. A profile lists the fields it SENDS,
// so a field added to Amparo later stays home until an office ticks it; only Full sends everything. The
// built-in profiles (migration 0007) are need-to-know: Full (everything, fixed), Dispatch (what a hotline
// partner needs to act, fixed) and Legal (the case file, attorney to attorney; only its family-contacts
// option can change). Offices add their own.
import { AmparoError } from '../../../shared/errors';
import { KINDS, type Kind } from '../../../shared/model';
import { fieldsOf, requiredFields } from '../../../shared/record-fields';
import type { RedactionFields, RedactionProfile, RedactionSetInput } from '../../../shared/channels/sync';
import type { Database } from '../kernel/context';

export const FULL_PROFILE = 'Full';
export const DISPATCH_PROFILE = 'Dispatch';
export const LEGAL_PROFILE = 'Legal';

/** A person's family contacts: sent only when the profile's own option says so. */
const CONTACTS = 'contacts';

interface ProfileRow {
  name: string;
  send: string | null;
  event_kinds: string | null;
  family_contacts: number;
  built_in: number;
}

function toProfile(r: ProfileRow): RedactionProfile {
  const everything = r.send === null;
  const stored = everything ? null : (JSON.parse(r.send as string) as RedactionFields);
  const includeFamilyContacts = everything || r.family_contacts === 1;
  const send: RedactionFields = {};
  const fields: RedactionFields = {};
  for (const kind of KINDS) {
    const all = fieldsOf(kind);
    // A kind the profile does not list is not sent; a stored name the schema no longer has is dropped.
    const listed = stored ? stored[kind] : all;
    if (listed !== undefined) send[kind] = all.filter((f) => f !== CONTACTS && listed.includes(f));
    const sent = new Set(send[kind] ?? []);
    if (kind === 'person' && includeFamilyContacts && send.person) sent.add(CONTACTS);
    const left = all.filter((f) => !sent.has(f));
    if (left.length > 0) fields[kind] = left;
  }
  return {
    name: r.name,
    builtIn: r.built_in === 1,
    everything,
    send,
    eventKinds: r.event_kinds === null ? null : (JSON.parse(r.event_kinds) as RedactionProfile['eventKinds']),
    includeFamilyContacts,
    editable: r.built_in !== 1 ? 'all' : r.name === LEGAL_PROFILE ? 'familyContacts' : 'none',
    fields,
  };
}

const COLUMNS = 'name, send, event_kinds, family_contacts, built_in';

export function listRedactionProfiles(db: Database): RedactionProfile[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM redaction_profiles ORDER BY built_in DESC, name COLLATE NOCASE`)
    .all() as ProfileRow[];
  return rows.map(toProfile);
}

function findProfile(db: Database, name: string): ProfileRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM redaction_profiles WHERE name = ?`).get(name) as
    ProfileRow | undefined;
}

/** The profile a bundle export applies; NOT_FOUND for an unknown name. */
export function redactionProfile(db: Database, name: string): RedactionProfile {
  const r = findProfile(db, name);
  if (!r) throw new AmparoError('NOT_FOUND', 'No redaction profile has this name.');
  return toProfile(r);
}

/** What extractChanges sends: per kind, the fields; null sends every field of every kind. */
export interface SendPolicy {
  send: Partial<Record<Kind, ReadonlySet<string>>> | null;
  /** Case events of other kinds are not sent; null sends every kind. */
  eventKinds: ReadonlySet<string> | null;
}

export function sendPolicy(profile: RedactionProfile): SendPolicy {
  if (profile.everything) return { send: null, eventKinds: null };
  const send: Partial<Record<Kind, ReadonlySet<string>>> = {};
  for (const kind of KINDS) {
    const fields = profile.send[kind];
    if (fields === undefined) continue;
    const withContacts = kind === 'person' && profile.includeFamilyContacts ? [...fields, CONTACTS] : fields;
    send[kind] = new Set(withContacts);
  }
  return { send, eventKinds: profile.eventKinds === null ? null : new Set(profile.eventKinds) };
}

const invalid = (kind: Kind, message: string) =>
  new AmparoError('INVALID_INPUT', `The redaction profile lists a ${kind} field it cannot.`, [
    { path: `send.${kind}`, message },
  ]);

/**
 * Field names must exist on the record kind, so a typo cannot silently change what a bundle holds. A kind
 * with no field ticked is not sent; a kind that is sent carries its required fields.
 */
function checkSend(send: RedactionFields): RedactionFields {
  const clean: RedactionFields = {};
  for (const kind of KINDS) {
    const list = send[kind];
    if (!list || list.length === 0) continue;
    const known = new Set(fieldsOf(kind));
    const unknown = list.filter((f) => !known.has(f));
    if (unknown.length > 0) throw invalid(kind, `Unknown field: ${unknown.join(', ')}`);
    if (list.includes(CONTACTS) && kind === 'person')
      throw invalid(kind, 'Family contacts are sent with the includeFamilyContacts option.');
    clean[kind] = [...new Set([...requiredFields(kind), ...list])].sort();
  }
  return clean;
}

/** The older form of a profile: the fields left out, every other field of every kind sent. */
function sendFromLeftOut(left: RedactionFields): { send: RedactionFields; includeFamilyContacts: boolean } {
  for (const kind of KINDS) {
    const unknown = (left[kind] ?? []).filter((f) => !fieldsOf(kind).includes(f));
    if (unknown.length > 0)
      throw new AmparoError('INVALID_INPUT', `Unknown ${kind} field in the redaction profile.`, [
        { path: `fields.${kind}`, message: `Unknown field: ${unknown.join(', ')}` },
      ]);
  }
  const send = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      fieldsOf(kind).filter((f) => f !== CONTACTS && !(left[kind] ?? []).includes(f)),
    ]),
  ) as RedactionFields;
  return { send, includeFamilyContacts: !(left.person ?? []).includes(CONTACTS) };
}

/** Creates or changes a profile. Full and Dispatch can't be changed; of Legal, only its family-contacts option. */
export function setRedactionProfile(db: Database, input: RedactionSetInput): void {
  const { name } = input;
  const builtIn = listRedactionProfiles(db).find(
    (p) => p.builtIn && p.name.toLowerCase() === name.toLowerCase(),
  );
  if (builtIn) {
    if (builtIn.editable === 'none')
      throw new AmparoError('FORBIDDEN', `The ${builtIn.name} profile cannot be edited.`);
    if (
      builtIn.name !== name ||
      'fields' in input ||
      input.send !== undefined ||
      input.eventKinds !== undefined
    )
      throw new AmparoError(
        'FORBIDDEN',
        `Only the family contacts option of the ${builtIn.name} profile can be changed.`,
      );
    if (input.includeFamilyContacts !== undefined)
      db.prepare('UPDATE redaction_profiles SET family_contacts = ? WHERE name = ?').run(
        input.includeFamilyContacts ? 1 : 0,
        name,
      );
    return;
  }
  const row = findProfile(db, name);
  const current = row ? toProfile(row) : null;
  let send: RedactionFields;
  let includeFamilyContacts: boolean;
  let eventKinds: RedactionProfile['eventKinds'];
  if ('fields' in input) {
    ({ send, includeFamilyContacts } = sendFromLeftOut(input.fields));
    eventKinds = current?.eventKinds ?? null;
  } else {
    const given = input.send ?? current?.send;
    if (!given)
      throw new AmparoError('INVALID_INPUT', 'Choose the fields this profile sends.', [
        { path: 'send', message: 'Required for a new profile' },
      ]);
    send = given;
    includeFamilyContacts = input.includeFamilyContacts ?? current?.includeFamilyContacts ?? false;
    eventKinds = input.eventKinds !== undefined ? input.eventKinds : (current?.eventKinds ?? null);
  }
  db.prepare(
    `INSERT INTO redaction_profiles (name, send, event_kinds, family_contacts, built_in) VALUES (?, ?, ?, ?, 0)
     ON CONFLICT (name) DO UPDATE SET send = excluded.send, event_kinds = excluded.event_kinds,
       family_contacts = excluded.family_contacts`,
  ).run(
    name,
    JSON.stringify(checkSend(send)),
    eventKinds === null ? null : JSON.stringify([...new Set(eventKinds)].sort()),
    includeFamilyContacts ? 1 : 0,
  );
}

export function deleteRedactionProfile(db: Database, name: string): void {
  const current = redactionProfile(db, name);
  if (current.builtIn) throw new AmparoError('FORBIDDEN', 'Built-in profiles cannot be deleted.');
  db.prepare('DELETE FROM redaction_profiles WHERE name = ?').run(name);
}
