import { parseInput, type ChannelInput, type ParsedInput } from '../../../shared/ipc';
import type { Workshop } from '../../../shared/model';
import { dateAsTyped, readDateInput, type DateOrder } from '../../app/dates/parse';

// A workshop as its form holds it (the date as typed, counts as text), and back to what is saved: the
// fields of a new workshop, or a patch where an emptied field is cleared.

export interface WorkshopDraft {
  date: string;
  county: string;
  language: string;
  hostOrganization: string;
  trainerIds: string[];
  attendees: string;
  cardsHandedOut: string;
  notes: string;
}

export const EMPTY_WORKSHOP: WorkshopDraft = {
  date: '',
  county: '',
  language: '',
  hostOrganization: '',
  trainerIds: [],
  attendees: '',
  cardsHandedOut: '',
  notes: '',
};

export function workshopDraft(w: Workshop, order: DateOrder): WorkshopDraft {
  return {
    date: dateAsTyped(w.date, order),
    county: w.county,
    language: w.language,
    hostOrganization: w.hostOrganization ?? '',
    trainerIds: w.trainerIds ?? [],
    attendees: w.attendees === undefined ? '' : String(w.attendees),
    cardsHandedOut: w.cardsHandedOut === undefined ? '' : String(w.cardsHandedOut),
    notes: w.notes ?? '',
  };
}

export type WorkshopPatch = ChannelInput<'workshop:update'>['patch'];
type WorkshopValues = WorkshopPatch & { date: string; county: string; language: string };

function count(text: string, max: number): number | null | 'bad' {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : 'bad';
}

/** The values to save (null = cleared), or field → message key for what stops the save. */
export function workshopValues(
  d: WorkshopDraft,
  order: DateOrder,
): { values: WorkshopValues } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const reading = readDateInput(d.date, order);
  if (reading.state !== 'ok')
    problems.date = reading.state === 'empty' ? 'roster.required' : 'dateInput.invalidDate';
  if (!d.county.trim()) problems.county = 'roster.required';
  if (!d.language.trim()) problems.language = 'roster.required';
  const attendees = count(d.attendees, 100_000);
  const cards = count(d.cardsHandedOut, 1_000_000);
  if (attendees === 'bad') problems.attendees = 'workshop.countInvalid';
  if (cards === 'bad') problems.cardsHandedOut = 'workshop.countInvalid';
  if (Object.keys(problems).length > 0 || reading.state !== 'ok' || attendees === 'bad' || cards === 'bad')
    return { problems };
  return {
    values: {
      date: reading.date,
      county: d.county.trim(),
      language: d.language,
      hostOrganization: d.hostOrganization.trim() || null,
      trainerIds: d.trainerIds.length ? d.trainerIds : null,
      attendees,
      cardsHandedOut: cards,
      notes: d.notes.trim() || null,
    },
  };
}

/** A new workshop's fields (what a patch would clear is left out), checked by the contract's own schema. */
export function createInput(values: WorkshopValues): ParsedInput<'workshop:create'> {
  return parseInput(
    'workshop:create',
    Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)),
  );
}
