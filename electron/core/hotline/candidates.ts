import type { Candidate, VolunteerBrief } from '../../../shared/channels/hotline';
import type { Report, Volunteer, VOLUNTEER_ROLES } from '../../../shared/model';
import { dayIn, wallClockIn } from '../../../shared/time';
import { trainingCurrent } from '../records/queries';

// Who to send to a report, best first. Only active volunteers who hold the role are candidates (a volunteer
// with no status is active); among them, those who cover the report's county come first, then those with a
// training still current today, then those available at this hour, then those who speak the language on the
// scene; names break ties. "Today" and "this hour" are the office's, in its time zone: a slot "Mon 18:00–22:00"
// means those hours where the office is, whatever zone the machine is set to.

export interface RankOptions {
  role: (typeof VOLUNTEER_ROLES)[number];
  now: Date;
  timeZone: string;
  /** Volunteers already on their way to this report: not offered again. */
  exclude?: ReadonlySet<string>;
}

const lower = (values: readonly string[] | undefined) => (values ?? []).map((v) => v.toLowerCase());

export function availableAt(volunteer: Volunteer, now: Date, timeZone: string): boolean {
  const { day, time } = wallClockIn(now, timeZone);
  return (volunteer.availability ?? []).some(
    (slot) => slot.day === day && slot.start <= time && time < slot.end,
  );
}

export function briefOf(volunteer: Volunteer): VolunteerBrief {
  return {
    id: volunteer.id,
    givenName: volunteer.givenName,
    familyName: volunteer.familyName,
    phone: volunteer.phone ?? null,
    languages: volunteer.languages ?? [],
    counties: volunteer.counties ?? [],
    roles: volunteer.roles ?? [],
    status: volunteer.status ?? null,
  };
}

const ORDER = ['county', 'training', 'availableNow', 'language'] as const;

export function rankCandidates(
  volunteers: readonly Volunteer[],
  report: Pick<Report, 'county' | 'language' | 'callback'>,
  options: RankOptions,
): Candidate[] {
  const today = dayIn(options.now, options.timeZone);
  const county = report.county?.toLowerCase();
  const languages = new Set(lower([report.language, report.callback?.language].filter(Boolean) as string[]));
  const candidates = volunteers
    .filter((v) => (v.status ?? 'ACTIVE') === 'ACTIVE')
    .filter((v) => (v.roles ?? []).includes(options.role))
    .filter((v) => !options.exclude?.has(v.id))
    .map((v) => ({
      volunteer: briefOf(v),
      matches: {
        county: county !== undefined && lower(v.counties).includes(county),
        training: trainingCurrent(v, undefined, today),
        availableNow: availableAt(v, options.now, options.timeZone),
        language: lower(v.languages).some((l) => languages.has(l)),
      },
    }));
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  return candidates.sort((a, b) => {
    for (const key of ORDER) {
      const diff = Number(b.matches[key]) - Number(a.matches[key]);
      if (diff !== 0) return diff;
    }
    return (
      collator.compare(a.volunteer.familyName, b.volunteer.familyName) ||
      collator.compare(a.volunteer.givenName, b.volunteer.givenName) ||
      a.volunteer.id.localeCompare(b.volunteer.id)
    );
  });
}
