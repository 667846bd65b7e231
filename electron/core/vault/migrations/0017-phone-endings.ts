import { rebuildPeopleSearch, searchTextV12 } from './0012-people-search-digits';
import type { Migration } from './types';

// The people search index rebuilt, so that a phone is found typed with or without its country or area code:
// the index now also holds the endings of a phone's digits down to seven, "+1 (510) 555-0142" as
// 5105550142, 105550142, 05550142 and 5550142 besides 15105550142. Only the index changes: no record, field
// stamp or audit entry does, and no office sees a change. The text is written out as it is at this version,
// so the migration means the same later.

type Data = Record<string, unknown>;

function searchTextV17(data: Data): string {
  const text = searchTextV12(data);
  if (typeof data.phone !== 'string') return text;
  const digits = data.phone.replace(/\D/g, '');
  const endings: string[] = [];
  for (let cut = 1; digits.length - cut >= 7; cut++) endings.push(digits.slice(cut));
  return [text, ...endings].filter((part) => part.length > 0).join(' ');
}

export const m0017PhoneEndings: Migration = {
  version: 17,
  name: 'phone-endings',
  up(db) {
    rebuildPeopleSearch(db, searchTextV17);
  },
};
