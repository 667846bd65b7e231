import type { ChannelInput } from '../../../shared/ipc';
import type { Attorney } from '../../../shared/model';

// An attorney as the edit form holds it, and back to the patch it saves (an empty text clears its field).

type Specialty = NonNullable<Attorney['specialties']>[number];
export type AttorneyPatch = ChannelInput<'attorney:update'>['patch'];

export interface AttorneyDraft {
  givenName: string;
  familyName: string;
  organization: string;
  barNumber: string;
  barState: string;
  phone: string;
  email: string;
  languages: string[];
  specialties: Specialty[];
  capacity: string;
  conflicts: string[];
  status: NonNullable<Attorney['status']>;
}

export function attorneyDraft(a: Attorney): AttorneyDraft {
  return {
    givenName: a.givenName,
    familyName: a.familyName,
    organization: a.organization ?? '',
    barNumber: a.barNumber ?? '',
    barState: a.barState ?? '',
    phone: a.phone ?? '',
    email: a.email ?? '',
    languages: a.languages ?? [],
    specialties: a.specialties ?? [],
    capacity: a.capacity === undefined ? '' : String(a.capacity),
    conflicts: a.conflicts ?? [],
    status: a.status ?? 'ACTIVE',
  };
}

const text = (value: string) => (value.trim() ? value.trim() : null);

/** The patch, or field → message key for what stops it. */
export function attorneyPatch(
  d: AttorneyDraft,
): { patch: AttorneyPatch } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  if (!d.givenName.trim()) problems.givenName = 'validation.givenName';
  if (!d.familyName.trim()) problems.familyName = 'validation.familyName';
  const capacity = d.capacity.trim() === '' ? null : Number(d.capacity);
  if (capacity !== null && !(Number.isInteger(capacity) && capacity >= 0 && capacity <= 500))
    problems.capacity = 'roster.capacityRange';
  if (d.barState.trim() && !/^[A-Za-z]{2}$/.test(d.barState.trim()))
    problems.barState = 'roster.barStateFormat';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    patch: {
      givenName: d.givenName.trim(),
      familyName: d.familyName.trim(),
      organization: text(d.organization),
      barNumber: text(d.barNumber),
      barState: text(d.barState)?.toUpperCase() ?? null,
      phone: text(d.phone),
      email: text(d.email),
      languages: d.languages.length ? d.languages : null,
      specialties: d.specialties.length ? d.specialties : null,
      capacity,
      conflicts: d.conflicts.length ? d.conflicts : null,
      status: d.status,
    },
  };
}
