import type { Migration } from './types';

// Redaction profiles say what a bundle SENDS, per kind, instead of what it leaves out, so a field Amparo
// gains later is not sent to a partner until an office ticks it. The table is rebuilt:
// - `send`: per kind, the fields sent (a kind absent is not sent at all); NULL sends everything, fields added
//   later included (Full);
// - `event_kinds`: the kinds of case events sent, NULL for all;
// - `family_contacts`: whether a person's family contacts (`contacts`) are sent.
// Built-in profiles become need-to-know: Full (everything), Dispatch (what a hotline partner needs to act:
// who, where held, next hearing, case status) and Legal (the case file, attorney to attorney, family
// contacts only when ticked). A custom profile keeps sending exactly the fields it sent before: every field
// of the version it was made in except those it left out. A tuned Dispatch, and a custom profile named like
// a new built-in, are kept as custom profiles under a free name. Field lists are written out here, so this
// migration means the same thing whatever later versions add to the schemas.

/** Every field of every kind at this version (shared/records/*.ts). */
const FIELDS: Record<string, readonly string[]> = {
  person: [
    'givenName',
    'familyName',
    'otherNames',
    'aNumber',
    'dateOfBirth',
    'countryOfBirth',
    'languages',
    'needsInterpreter',
    'phone',
    'detainedAt',
    'arrestLocation',
    'arrestCounty',
    'arrestingAgency',
    'facilityId',
    'custodyStatus',
    'caseStatus',
    'priority',
    'minorsAtHome',
    'medicalNeeds',
    'contacts',
    'consentRecorded',
    'reportSource',
    'notes',
    'legalHold',
  ],
  volunteer: [
    'givenName',
    'familyName',
    'phone',
    'email',
    'signal',
    'languages',
    'counties',
    'roles',
    'trainings',
    'availability',
    'status',
    'vettedOn',
    'notes',
  ],
  attorney: [
    'givenName',
    'familyName',
    'organization',
    'barNumber',
    'barState',
    'phone',
    'email',
    'languages',
    'specialties',
    'capacity',
    'conflicts',
    'status',
  ],
  assignment: ['personId', 'attorneyId', 'role', 'status', 'assignedOn', 'notes'],
  event: ['personId', 'kind', 'at', 'location', 'judge', 'outcome', 'facilityId', 'notes'],
  facility: ['name', 'address', 'operator', 'phone', 'kind'],
  report: [
    'receivedAt',
    'location',
    'county',
    'description',
    'verification',
    'dispatchedVolunteerIds',
    'personIds',
  ],
};

const sorted = (fields: readonly string[]) => [...fields].sort();
const allBut = (kind: string, left: readonly string[]) =>
  sorted((FIELDS[kind] ?? []).filter((f) => f !== 'contacts' && !left.includes(f)));

const HEARINGS = ['BOND_HEARING', 'INDIVIDUAL_HEARING', 'MASTER_CALENDAR'];

/** The new built-in profiles, as stored. */
const BUILT_IN: Record<string, { send: Record<string, string[]> | null; eventKinds: string[] | null }> = {
  Full: { send: null, eventKinds: null },
  // A hotline partner acts on who is held where and when the next hearing is: names, custody, facility,
  // case status and priority; hearings by time, kind and place. Nothing that identifies beyond the name
  // (A-number, birth date, phones), nothing about health, family or children, nothing legal (assignments,
  // judges, outcomes, habeas and other filings), no arrest place, no links from reports to people, and no
  // contact details of volunteers or attorneys.
  Dispatch: {
    send: {
      person: sorted(['givenName', 'familyName', 'custodyStatus', 'facilityId', 'caseStatus', 'priority']),
      event: sorted(['personId', 'kind', 'at', 'location']),
      facility: sorted(FIELDS.facility ?? []),
      volunteer: sorted([
        'givenName',
        'familyName',
        'languages',
        'counties',
        'roles',
        'availability',
        'status',
      ]),
      attorney: sorted(['givenName', 'familyName', 'organization', 'languages', 'specialties', 'status']),
      report: sorted(['receivedAt', 'county', 'verification']),
    },
    eventKinds: HEARINGS,
  },
  // Attorney to attorney: the case file (the person, events, assignments, attorneys, facilities), family
  // contacts only when the office ticks them. Volunteers and hotline reports are not part of a case file.
  Legal: {
    send: {
      person: allBut('person', []),
      event: allBut('event', []),
      assignment: allBut('assignment', []),
      attorney: allBut('attorney', []),
      facility: allBut('facility', []),
    },
    eventKinds: null,
  },
};

/** Dispatch as migration 0003 seeded it: a Dispatch stored otherwise was tuned by the office. */
const SEEDED_DISPATCH = { person: ['aNumber', 'contacts', 'dateOfBirth', 'medicalNeeds'] };

const sameLists = (a: Record<string, string[]>, b: Record<string, string[]>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export const m0007NeedToKnow: Migration = {
  version: 7,
  name: 'need-to-know',
  up(db) {
    const old = db.prepare('SELECT name, fields, built_in FROM redaction_profiles ORDER BY name').all() as {
      name: string;
      fields: string;
      built_in: number;
    }[];
    db.exec(`
      ALTER TABLE redaction_profiles RENAME TO redaction_profiles_0003;
      CREATE TABLE redaction_profiles (
        name TEXT PRIMARY KEY,
        send TEXT CHECK (send IS NULL OR json_valid(send)),
        event_kinds TEXT CHECK (event_kinds IS NULL OR json_valid(event_kinds)),
        family_contacts INTEGER NOT NULL DEFAULT 0 CHECK (family_contacts IN (0, 1)),
        built_in INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1))
      ) STRICT;
    `);
    const insert = db.prepare(
      'INSERT INTO redaction_profiles (name, send, event_kinds, family_contacts, built_in) VALUES (?, ?, ?, ?, ?)',
    );
    const builtIn = new Set(Object.keys(BUILT_IN).map((n) => n.toLowerCase()));
    const used = new Set([...builtIn, ...old.map((row) => row.name.toLowerCase())]);
    const freeName = (base: string) => {
      for (let n = 1; ; n++) {
        const name = `${base.slice(0, 40)} (custom${n === 1 ? '' : ` ${n}`})`;
        if (!used.has(name.toLowerCase())) return name;
      }
    };
    for (const row of old) {
      const left = JSON.parse(row.fields) as Record<string, string[]>;
      if (row.built_in === 1 && (row.name !== 'Dispatch' || sameLists(left, SEEDED_DISPATCH))) continue;
      // Every kind was sent, each field but those left out; the contacts by their own option now.
      const send = Object.fromEntries(
        Object.keys(FIELDS).map((kind) => [kind, allBut(kind, left[kind] ?? [])]),
      );
      const name = builtIn.has(row.name.toLowerCase()) ? freeName(row.name) : row.name;
      used.add(name.toLowerCase());
      insert.run(name, JSON.stringify(send), null, (left.person ?? []).includes('contacts') ? 0 : 1, 0);
    }
    for (const [name, profile] of Object.entries(BUILT_IN)) {
      insert.run(
        name,
        profile.send === null ? null : JSON.stringify(profile.send),
        profile.eventKinds === null ? null : JSON.stringify(profile.eventKinds),
        name === 'Full' ? 1 : 0,
        1,
      );
    }
    db.exec('DROP TABLE redaction_profiles_0003');
  },
};
