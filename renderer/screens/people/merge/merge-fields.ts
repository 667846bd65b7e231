import type { Person } from '../../../../shared/model';

// What merging two records of one person does to each field, as the core's person:merge does it: a field
// both records hold with different values is chosen (this record's by default), a field only the other holds
// fills the blank, and lists are joined. The screen shows the first kind side by side.

type Data = Record<string, unknown>;

/** Not fields of the person: kept from the record that stays. */
const META = new Set(['id', 'createdAt', 'updatedAt', 'legalHold']);

/** The order fields are compared in: who she is first, then the case, then the rest as they come. */
const ORDER = [
  'givenName',
  'familyName',
  'otherNames',
  'aliases',
  'aNumber',
  'dateOfBirth',
  'countryOfBirth',
  'languages',
  'needsInterpreter',
  'phone',
  'custodyStatus',
  'caseStatus',
  'priority',
  'facilityId',
  'detainedAt',
  'arrestLocation',
  'arrestCounty',
  'arrestingAgency',
  'minorsAtHome',
  'medicalNeeds',
  'contacts',
  'caregiverPlan',
  'courtCase',
  'bond',
  'habeas',
  'locatorChecks',
  'consentRecorded',
  'reportSource',
  'notes',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const blank = (v: unknown) => v === undefined || v === null || v === '';

export interface MergePlan {
  /** Both hold a different value: the user chooses. */
  choose: string[];
  /** Only the other holds a value: it fills the blank. */
  filled: string[];
  /** Both hold a list: the lists are joined. */
  joined: string[];
}

export function mergePlan(keep: Person, other: Person): MergePlan {
  const a = keep as unknown as Data;
  const b = other as unknown as Data;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((f) => !META.has(f))
    .sort((x, y) => rank(x) - rank(y));
  const plan: MergePlan = { choose: [], filled: [], joined: [] };
  for (const field of fields) {
    const mine = a[field];
    const theirs = b[field];
    if (blank(theirs) || same(mine, theirs)) continue;
    if (blank(mine)) plan.filled.push(field);
    else if (Array.isArray(mine) && Array.isArray(theirs)) plan.joined.push(field);
    else plan.choose.push(field);
  }
  return plan;
}

function rank(field: string): number {
  const i = ORDER.indexOf(field);
  return i === -1 ? ORDER.length : i;
}
