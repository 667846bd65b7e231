import type { ChannelInput } from '../../../shared/ipc';
import type { Volunteer } from '../../../shared/model';
import { dateAsTyped, readDateInput, type DateOrder } from '../../app/dates/parse';

// A volunteer as the edit form holds it (dates as typed, lists as arrays), and back to the patch it saves.
// A text left empty clears its field; a date that can't be read stops the save with a message at the field.

type Role = NonNullable<Volunteer['roles']>[number];
type Status = NonNullable<Volunteer['status']>;
export type VolunteerPatch = ChannelInput<'volunteer:update'>['patch'];

export interface TrainingDraft {
  kind: string;
  completedOn: string;
  expiresOn: string;
}
export interface SlotDraft {
  day: number;
  start: string;
  end: string;
}
export interface VolunteerDraft {
  givenName: string;
  familyName: string;
  phone: string;
  email: string;
  signal: string;
  languages: string[];
  counties: string[];
  roles: Role[];
  trainings: TrainingDraft[];
  availability: SlotDraft[];
  status: Status;
  vettedOn: string;
  notes: string;
}

export function volunteerDraft(v: Volunteer, order: DateOrder): VolunteerDraft {
  return {
    givenName: v.givenName,
    familyName: v.familyName,
    phone: v.phone ?? '',
    email: v.email ?? '',
    signal: v.signal ?? '',
    languages: v.languages ?? [],
    counties: v.counties ?? [],
    roles: v.roles ?? [],
    trainings: (v.trainings ?? []).map((tr) => ({
      kind: tr.kind,
      completedOn: dateAsTyped(tr.completedOn, order),
      expiresOn: tr.expiresOn ? dateAsTyped(tr.expiresOn, order) : '',
    })),
    availability: (v.availability ?? []).map((slot) => ({ ...slot })),
    status: v.status ?? 'ACTIVE',
    vettedOn: v.vettedOn ? dateAsTyped(v.vettedOn, order) : '',
    notes: v.notes ?? '',
  };
}

/** Field paths (trainings.0.completedOn) to message keys. */
export type Problems = Record<string, string>;

const text = (value: string) => (value.trim() ? value.trim() : null);

/** The patch the draft saves, or what stops it. */
export function volunteerPatch(
  d: VolunteerDraft,
  order: DateOrder,
): { patch: VolunteerPatch } | { problems: Problems } {
  const problems: Problems = {};
  const date = (value: string, path: string, required: boolean): string | null => {
    const reading = readDateInput(value, order);
    if (reading.state === 'ok') return reading.date;
    if (reading.state === 'empty' && !required) return null;
    problems[path] = reading.state === 'empty' ? 'roster.required' : 'dateInput.invalidDate';
    return null;
  };
  const trainings = d.trainings.map((tr, i) => {
    if (!tr.kind.trim()) problems[`trainings.${i}.kind`] = 'roster.required';
    const completedOn = date(tr.completedOn, `trainings.${i}.completedOn`, true);
    const expiresOn = date(tr.expiresOn, `trainings.${i}.expiresOn`, false);
    return {
      kind: tr.kind.trim(),
      completedOn: completedOn ?? '',
      ...(expiresOn ? { expiresOn } : {}),
    };
  });
  d.availability.forEach((slot, i) => {
    if (!slot.start || !slot.end || slot.end <= slot.start)
      problems[`availability.${i}.end`] = 'roster.slotOrder';
  });
  const vettedOn = date(d.vettedOn, 'vettedOn', false);
  if (!d.givenName.trim()) problems.givenName = 'validation.givenName';
  if (!d.familyName.trim()) problems.familyName = 'validation.familyName';
  if (Object.keys(problems).length > 0) return { problems };
  return {
    patch: {
      givenName: d.givenName.trim(),
      familyName: d.familyName.trim(),
      phone: text(d.phone),
      email: text(d.email),
      signal: text(d.signal),
      languages: d.languages.length ? d.languages : null,
      counties: d.counties.length ? d.counties : null,
      roles: d.roles.length ? d.roles : null,
      trainings: trainings.length ? trainings : null,
      availability: d.availability.length ? d.availability : null,
      status: d.status,
      vettedOn,
      notes: text(d.notes),
    },
  };
}
