// Office names on contact cards. A card is self-signed by whoever made it, so its name proves nothing: an
// impostor can name itself like a real office with lookalike letters (Cyrillic "О" for Latin "O"), or hide
// characters that reorder or pad the text. Names are normalised and refused when they hide characters, and
// a new contact whose name looks like an existing one is flagged, using the skeletons of Unicode's security
// mechanisms (UTS #39) over the confusables table shipped in the unhomoglyph package.
import unhomoglyph from 'unhomoglyph';
import { AmparoError } from '../../../shared/errors';
import { hiddenCharacter } from '../../../shared/office-name';
import type { Resemblance } from '../../../shared/channels/sync';

/** NFC, inner whitespace runs as one space, trimmed; CARD_INVALID when it hides characters or is empty. */
export function normalizeOfficeName(raw: string): string {
  const nfc = raw.normalize('NFC');
  const hidden = hiddenCharacter(nfc);
  if (hidden)
    throw new AmparoError(
      'CARD_INVALID',
      `The office name on the card contains an invisible or text-direction character (${hidden}); ask the office for a new card.`,
      [{ path: 'officeName', message: hidden }],
    );
  const name = nfc.replace(/\s+/gu, ' ').trim();
  if (name === '') throw new AmparoError('CARD_INVALID', 'The office name on the card is empty.');
  return name;
}

const VARIATION_SELECTORS = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/**
 * The UTS #39 skeleton: NFD, default-ignorable characters removed, every character replaced by its
 * prototype in the confusables table, NFD again. Two strings with the same skeleton look alike.
 */
export function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD').replace(VARIATION_SELECTORS, '')).normalize('NFD');
}

/**
 * Whether two office names could be mistaken for each other: the same skeleton, or the same skeleton
 * ignoring case ("OFFICE A" and "office a"). Both are compared because lower-casing first would hide the
 * capital I / small l confusion the table knows about.
 */
export function confusableNames(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/gu, ' ').trim();
  const [x, y] = [norm(a), norm(b)];
  return skeleton(x) === skeleton(y) || skeleton(x.toLowerCase()) === skeleton(y.toLowerCase());
}

/** The offices among `others` whose names look like `name`. */
export function resemblingOffices(
  name: string,
  others: readonly { officeName: string; fingerprint: string | null }[],
): Resemblance[] {
  return others
    .filter((o) => confusableNames(name, o.officeName))
    .map((o) => ({ officeName: o.officeName, fingerprint: o.fingerprint, own: o.fingerprint === null }));
}
