import en from '../../../../renderer/i18n/en.json' with { type: 'json' };
import es from '../../../../renderer/i18n/es.json' with { type: 'json' };
import { nameKey } from '../../../../shared/code-names';

// Choices written as people write them: a code (LOCAL_POLICE), its words (local police) or its label in
// English or Spanish, from the app's own catalogs ("Línea de ayuda" is HOTLINE). A label's first words are
// enough when only one choice starts with them ("Confirmed" is CONFIRMED_DETAINED).

type Catalog = { enums: Record<string, Record<string, string>> };
const CATALOGS = [en as Catalog, es as Catalog];

const cache = new Map<string, Map<string, string | null>>();

function choiceIndex(options: readonly string[]): Map<string, string | null> {
  const cacheKey = options.join('|');
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const exact = new Map<string, string>();
  const labels = new Map<string, Set<string>>();
  for (const option of options) {
    exact.set(nameKey(option.replace(/_/g, ' ')), option);
    for (const catalog of CATALOGS)
      for (const group of Object.values(catalog.enums)) {
        const label = group[option];
        if (!label) continue;
        const key = nameKey(label);
        if (!labels.has(key)) labels.set(key, new Set());
        labels.get(key)?.add(option);
      }
  }
  const index = new Map<string, string | null>();
  for (const [key, set] of labels) if (set.size === 1) index.set(key, [...set][0] as string);
  for (const [key, option] of exact) index.set(key, option);
  // Word prefixes of a label: kept only when one option has them; a whole label or code always wins.
  const whole = new Set(index.keys());
  for (const [key, set] of labels) {
    const words = key.split(' ');
    for (let n = 1; n < words.length; n++) {
      const prefix = words.slice(0, n).join(' ');
      if (whole.has(prefix)) continue;
      const existing = index.get(prefix);
      const option = set.size === 1 ? ([...set][0] as string) : null;
      if (existing === undefined) index.set(prefix, option);
      else if (existing !== option) index.set(prefix, null);
    }
  }
  cache.set(cacheKey, index);
  return index;
}

/** The option a text names, or null. */
export function choiceOf(options: readonly string[], text: string): string | null {
  return choiceIndex(options).get(nameKey(text)) ?? null;
}
