// The order attorney suggestions are offered in. Room comes first: an attorney with no free capacity is
// never offered above one who has room, whatever else they share with the person, since assigning them
// means going over capacity. Among those with room (and among those without), the specialty asked for,
// then languages in common, then more free capacity. Conflicted attorneys stay visible, flagged and last,
// so a coordinator sees why they can't be chosen.

export interface Candidate {
  conflict: boolean;
  /** Null: no capacity set, so never full. */
  freeCapacity: number | null;
  sharedLanguages: readonly string[];
  specialtyMatch: boolean;
  name: string;
}

const hasRoom = (c: Candidate) => c.freeCapacity === null || c.freeCapacity > 0;
const free = (c: Candidate) => c.freeCapacity ?? Number.POSITIVE_INFINITY;

export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    Number(a.conflict) - Number(b.conflict) ||
    Number(hasRoom(b)) - Number(hasRoom(a)) ||
    Number(b.specialtyMatch) - Number(a.specialtyMatch) ||
    b.sharedLanguages.length - a.sharedLanguages.length ||
    (free(a) === free(b) ? 0 : free(b) > free(a) ? 1 : -1) ||
    a.name.localeCompare(b.name)
  );
}
