import { allLocales } from '@faker-js/faker';

// A full-name column split into given and family names. "Family, Given" is read as written. Otherwise the
// words are grouped (particles such as "de la" stay with the name after them); the family name is the last
// one or two groups, so that two family names stay together ("Edgar | Ortiz Ramos"), and a second group that
// is a known given name stays with the first ("José Luis | de la Cruz", "María Fernanda | López"). The user
// can correct any split in the preview.

const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'da',
  'das',
  'do',
  'dos',
  'van',
  'von',
  'der',
  'di',
  'du',
  'le',
  'y',
  'e',
  'st',
  'mac',
]);

let givenNames: Set<string> | undefined;

/** Given names from faker's English and Spanish locale data (a library's lists, not one of ours). */
function knownGivenNames(): Set<string> {
  if (givenNames) return givenNames;
  givenNames = new Set();
  for (const locale of ['es_MX', 'es', 'en', 'en_US'] as const) {
    const lists = allLocales[locale]?.person?.first_name;
    if (!lists) continue;
    for (const list of Object.values(lists))
      for (const name of Array.isArray(list) ? (list as string[]) : [])
        for (const word of name.split(' ')) givenNames.add(word.toLowerCase());
  }
  return givenNames;
}

export function splitFullName(text: string): { givenName: string; familyName: string } {
  const clean = text.trim().replace(/\s+/g, ' ');
  const comma = clean.indexOf(',');
  if (comma > 0)
    return { familyName: clean.slice(0, comma).trim(), givenName: clean.slice(comma + 1).trim() };
  const groups: string[] = [];
  let pending: string[] = [];
  for (const word of clean.split(' ').filter(Boolean)) {
    if (PARTICLES.has(word.toLowerCase())) pending.push(word);
    else {
      groups.push([...pending, word].join(' '));
      pending = [];
    }
  }
  if (pending.length > 0) groups.push(pending.join(' '));
  if (groups.length <= 1) return { givenName: groups[0] ?? '', familyName: '' };
  const known = knownGivenNames();
  let given = 1;
  while (given < groups.length - 1 && known.has((groups[given] as string).toLowerCase())) given++;
  // At most two family names: any more words before them are given names.
  given = Math.max(given, groups.length - 2);
  return { givenName: groups.slice(0, given).join(' '), familyName: groups.slice(given).join(' ') };
}
