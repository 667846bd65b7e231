import { allFakers, type Faker } from '@faker-js/faker';
import { COUNTIES_NORCAL } from '../../../shared/records/places';
import type { JobSteps } from '../kernel/jobs';
import { runSteps } from '../kernel/jobs';
import type { Writer } from './writer';
import { createRecords, newId } from './repository';
import { facilityId } from './facilities';
import seed from '../../../resources/facilities.json' with { type: 'json' };

// Synthetic, realistic-looking data for trainings and benchmarks. Names come from faker's English and
// Mexican Spanish locales; nothing here is a real person. A seed makes a run repeatable.

export interface DemoCounts {
  people: number;
  volunteers: number;
  attorneys: number;
  eventsPerPerson?: number;
  seed?: number;
}

const pick = <T>(f: Faker, items: readonly T[]): T => f.helpers.arrayElement(items as T[]);
const LANGS = ['es', 'en', 'mam', 'quc', 'pt', 'zh', 'vi', 'tl'] as const;
const COUNTRIES = ['MX', 'GT', 'SV', 'HN', 'NI', 'VE', 'CN', 'VN', 'PH', 'BR'] as const;

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The case file of the i-th demo person, taken from its index rather than faker, so adding it left every
 * other draw (names, dates) as it was: 2 in 5 have an immigration court case, 1 in 10 a bond, 1 in 25 a
 * habeas petition.
 */
function demoCaseFile(i: number, now: Date): Record<string, unknown> {
  const court = ['san-francisco-detained', 'san-francisco', 'concord', 'sacramento'][i % 4] as string;
  const file: Record<string, unknown> = {};
  if (i % 5 < 2) {
    file.courtCase =
      i % 15 === 0
        ? { court, decision: { on: isoDay(now.getTime() - (i % 20) * DAY_MS), outcome: 'REMOVAL_ORDERED' } }
        : { court };
  }
  if (i % 10 === 3) {
    const granted = i % 20 === 3;
    file.bond = granted
      ? {
          requestedOn: isoDay(now.getTime() - 10 * DAY_MS),
          decision: 'GRANTED',
          amount: 1500 + (i % 8) * 1000,
        }
      : { requestedOn: isoDay(now.getTime() - 3 * DAY_MS) };
  }
  if (i % 25 === 7) {
    file.habeas = {
      district: 'cand',
      caseNumber: `3:26-cv-${String(1000 + (i % 9000)).padStart(5, '0')}`,
      filedOn: isoDay(now.getTime() - 5 * DAY_MS),
      returnDue: isoDay(now.getTime() + 9 * DAY_MS),
    };
  }
  return file;
}

/** A demo person; `i` (its place in the run) decides its case file. */
export function demoPerson(f: Faker, now: Date, i = 0): Record<string, unknown> {
  const detained = f.date.recent({ days: 30, refDate: now });
  // Relationships as the intake volunteer typed them, in the language the family speaks.
  const relationships =
    f === allFakers.es_MX
      ? ['esposa', 'hermano', 'madre', 'amiga']
      : ['spouse', 'sibling', 'parent', 'friend'];
  return {
    ...demoCaseFile(i, now),
    givenName: f.person.firstName(),
    familyName: f.person.lastName(),
    aNumber: f.helpers.maybe(() => f.string.numeric(9), { probability: 0.6 }),
    dateOfBirth: f.date.birthdate({ min: 18, max: 70, mode: 'age', refDate: now }).toISOString().slice(0, 10),
    countryOfBirth: pick(f, COUNTRIES),
    languages: [pick(f, LANGS)],
    needsInterpreter: f.datatype.boolean(),
    phone: f.string.numeric(10),
    detainedAt: detained.toISOString(),
    arrestCounty: pick(f, COUNTIES_NORCAL),
    arrestingAgency: pick(f, ['ICE', 'CBP', 'LOCAL_POLICE', 'UNKNOWN'] as const),
    facilityId: facilityId(pick(f, seed.facilities).key),
    custodyStatus: pick(f, ['REPORTED', 'CONFIRMED_DETAINED', 'TRANSFERRED', 'RELEASED'] as const),
    caseStatus: pick(f, ['INTAKE', 'LOCATING', 'NEEDS_ATTORNEY', 'ASSIGNED', 'CLOSED'] as const),
    priority: f.helpers.weightedArrayElement([
      { weight: 6, value: 'NORMAL' },
      { weight: 3, value: 'HIGH' },
      { weight: 1, value: 'URGENT' },
    ]),
    minorsAtHome: f.number.int({ min: 0, max: 4 }),
    contacts: [
      {
        name: f.person.fullName(),
        relationship: pick(f, relationships),
        phone: f.string.numeric(10),
        okToContact: true,
      },
    ],
    consentRecorded: true,
    reportSource: pick(f, ['HOTLINE', 'WALK_IN', 'REFERRAL'] as const),
  };
}

function demoAttorney(f: Faker): Record<string, unknown> {
  return {
    givenName: f.person.firstName(),
    familyName: f.person.lastName(),
    organization: `${f.company.name()} Law`,
    barNumber: f.string.numeric(6),
    barState: 'CA',
    languages: f.helpers.arrayElements(['es', 'en', 'pt', 'zh'], { min: 1, max: 2 }),
    specialties: f.helpers.arrayElements(
      ['BOND', 'HABEAS', 'REMOVAL_DEFENSE', 'ASYLUM', 'CRIMMIGRATION'] as const,
      { min: 1, max: 3 },
    ),
    capacity: f.number.int({ min: 3, max: 25 }),
    status: 'ACTIVE',
  };
}

function demoVolunteer(f: Faker, now: Date): Record<string, unknown> {
  const completed = f.date.past({ years: 2, refDate: now });
  return {
    givenName: f.person.firstName(),
    familyName: f.person.lastName(),
    phone: f.string.numeric(10),
    languages: f.helpers.arrayElements(['es', 'en', 'mam', 'zh', 'vi'], { min: 1, max: 2 }),
    counties: f.helpers.arrayElements(COUNTIES_NORCAL as unknown as string[], { min: 1, max: 3 }),
    roles: f.helpers.arrayElements(
      ['HOTLINE', 'LEGAL_OBSERVER', 'RAPID_RESPONDER', 'ACCOMPANIMENT', 'DRIVER', 'INTERPRETER'] as const,
      { min: 1, max: 3 },
    ),
    trainings: [
      {
        kind: 'Legal observer',
        completedOn: completed.toISOString().slice(0, 10),
        expiresOn: new Date(completed.getTime() + 365 * 86400000).toISOString().slice(0, 10),
      },
    ],
    availability: [{ day: f.number.int({ min: 0, max: 6 }), start: '08:00', end: '18:00' }],
    status: pick(f, ['ACTIVE', 'ACTIVE', 'ACTIVE', 'ON_LEAVE', 'INACTIVE'] as const),
  };
}

function demoEvent(f: Faker, now: Date, personId: string): Record<string, unknown> {
  return {
    personId,
    kind: pick(f, ['MASTER_CALENDAR', 'BOND_HEARING', 'CHECK_IN', 'CALL', 'VISIT'] as const),
    at: f.date.soon({ days: 60, refDate: now }).toISOString(),
    location: pick(f, [
      'San Francisco Immigration Court',
      'Concord Immigration Court',
      'Sacramento Immigration Court',
    ]),
  };
}

/** A deadline someone typed in for 1 in 10 demo people, some of them already overdue. */
export function demoDeadline(f: Faker, now: Date, personId: string, i: number): Record<string, unknown> {
  const what =
    f === allFakers.es_MX
      ? ['Presentar moción de fianza', 'Pedir expediente (FOIA)']
      : ['File bond motion', 'Request the file (FOIA)'];
  return {
    personId,
    what: what[i % 2],
    dueAt: new Date(now.getTime() + ((i % 21) - 3) * DAY_MS).toISOString(),
  };
}

// Records are written a chunk at a time through createRecords (much faster than one by one). Run straight
// through, chunks hold DEMO_CHUNK records; as a job, the job runner sizes them so each takes a few ms.
export const DEMO_CHUNK = 5000;

export function generateDemo(w: Writer, counts: DemoCounts, now: Date): Record<string, number> {
  return runSteps(demoSteps(w, counts, now));
}

/** Demo data as job steps: yields after each chunk, with the records written so far. */
export function* demoSteps(w: Writer, counts: DemoCounts, now: Date): JobSteps<Record<string, number>> {
  // Mostly Mexican-Spanish names with some English ones, as on a Bay Area hotline.
  const es = allFakers.es_MX;
  const en = allFakers.en_US;
  es.seed(counts.seed ?? 2026);
  en.seed((counts.seed ?? 2026) + 1);
  const fakerFor = (i: number): Faker => (i % 3 === 2 ? en : es);
  const total = counts.people + counts.volunteers + counts.attorneys;
  let done = 0;
  let events = 0;
  let size = (yield { done, total }) ?? DEMO_CHUNK;
  // The records and their faker draws come in the same order whatever the chunk sizes, so a seed gives
  // the same data straight through and as a job.
  function* inChunks(count: number, writeChunk: (from: number, to: number) => void): JobSteps<void> {
    for (let from = 0; from < count;) {
      const to = Math.min(count, from + size);
      writeChunk(from, to);
      done += to - from;
      from = to;
      size = (yield { done, total }) ?? size;
    }
  }
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
  yield* inChunks(counts.attorneys, (from, to) =>
    createRecords(
      w,
      'attorney',
      range(from, to).map((i) => demoAttorney(fakerFor(i))),
    ),
  );
  yield* inChunks(counts.volunteers, (from, to) =>
    createRecords(
      w,
      'volunteer',
      range(from, to).map((i) => demoVolunteer(fakerFor(i), now)),
    ),
  );
  yield* inChunks(counts.people, (from, to) => {
    const people: unknown[] = [];
    const ids: string[] = [];
    const chunkEvents: unknown[] = [];
    const chunkDeadlines: unknown[] = [];
    for (const i of range(from, to)) {
      const f = fakerFor(i);
      const id = newId();
      people.push(demoPerson(f, now, i));
      ids.push(id);
      for (let e = 0; e < (counts.eventsPerPerson ?? 0); e++) chunkEvents.push(demoEvent(f, now, id));
      if (i % 10 === 5) chunkDeadlines.push(demoDeadline(f, now, id, i));
    }
    createRecords(w, 'person', people, { ids });
    createRecords(w, 'event', chunkEvents);
    createRecords(w, 'deadline', chunkDeadlines);
    events += chunkEvents.length;
  });
  return { people: counts.people, volunteers: counts.volunteers, attorneys: counts.attorneys, events };
}
