import type { Migration } from './types';

// The person's case file: immigration court, bond, habeas, locator checks and the exact names ICE uses.
// - They are fields of the person record, so they sync per field and leave with the person; no table.
// - The built-in Legal profile (attorney to attorney) sends them from now on: they are the case file. The
//   caregiver plan stays home (family data, as family contacts are unless the office ticks them). Dispatch
//   and custom profiles are left as they are: a field they don't list is not sent.
// - People gain `bond_status` (VIRTUAL: SQLite cannot add a STORED column to a table that exists), indexed
//   for live people with a bond, so the bond fund's list reads only them: PAID once paid, else the decision,
//   else REQUESTED.

/** Person fields Legal sends from this version on (written out, so the migration means the same later). */
const LEGAL_SENDS = ['aliases', 'bond', 'courtCase', 'habeas', 'locatorChecks'];

export const m0011CaseFile: Migration = {
  version: 11,
  name: 'case-file',
  up(db) {
    db.exec(`
      ALTER TABLE people ADD COLUMN bond_status TEXT GENERATED ALWAYS AS (
        CASE
          WHEN json_type(data, '$.bond') IS NULL THEN NULL
          WHEN json_extract(data, '$.bond.paidOn') IS NOT NULL THEN 'PAID'
          WHEN json_extract(data, '$.bond.decision') IS NOT NULL THEN json_extract(data, '$.bond.decision')
          ELSE 'REQUESTED'
        END
      ) VIRTUAL;
      CREATE INDEX people_bond_status ON people (bond_status)
        WHERE bond_status IS NOT NULL AND deleted_at IS NULL;
    `);
    const legal = db
      .prepare("SELECT send FROM redaction_profiles WHERE name = 'Legal' AND built_in = 1")
      .get() as { send: string | null } | undefined;
    if (!legal?.send) return;
    const send = JSON.parse(legal.send) as Record<string, string[]>;
    if (!send.person) return;
    send.person = [...new Set([...send.person, ...LEGAL_SENDS])].sort();
    db.prepare("UPDATE redaction_profiles SET send = ? WHERE name = 'Legal' AND built_in = 1").run(
      JSON.stringify(send),
    );
  },
};
