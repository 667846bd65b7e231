import { HEARING_KINDS, type CaseEvent } from '../../../shared/model';

// The timeline's order: what is coming first, soonest on top (the next one marked), then what is past, most
// recent first. Instants are compared as instants, whatever offset they were written with.

export interface Ordered {
  upcoming: CaseEvent[];
  past: CaseEvent[];
  next: CaseEvent | null;
}

export function orderTimeline(events: readonly CaseEvent[], now: Date): Ordered {
  const at = (e: CaseEvent) => Date.parse(e.at);
  const upcoming = events.filter((e) => at(e) >= now.getTime()).sort((a, b) => at(a) - at(b));
  const past = events.filter((e) => at(e) < now.getTime()).sort((a, b) => at(b) - at(a));
  return { upcoming, past, next: upcoming[0] ?? null };
}

/** The next hearing to come, of any hearing kind; of one kind when given. */
export function nextHearing(
  events: readonly CaseEvent[],
  now: Date,
  kind?: CaseEvent['kind'],
): CaseEvent | null {
  const hearings = events.filter((e) =>
    kind ? e.kind === kind : (HEARING_KINDS as readonly string[]).includes(e.kind),
  );
  return orderTimeline(hearings, now).next;
}
