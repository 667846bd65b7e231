import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors';
import en from '../../renderer/i18n/en.json';
import es from '../../renderer/i18n/es.json';
import { facilityKindKey } from '../../renderer/app/facility-kind';
import seed from '../../resources/facilities.json';

// The catalogs stay in step: same keys, no empty strings, every error code translated, and every key
// the renderer uses exists.

function flatten(value: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') out[path] = child;
    else Object.assign(out, flatten(child, path));
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(tsx?|ts)$/.test(name) ? [path] : [];
  });
}

const flatEn = flatten(en);
const flatEs = flatten(es);

describe('i18n catalogs', () => {
  it('English and Spanish have the same keys (plural forms aside) and no empty strings', () => {
    // Spanish has a "many" plural form (Intl.PluralRules) that English lacks.
    const base = (keys: string[]) =>
      [...new Set(keys.map((k) => k.replace(/_(one|many|other)$/, '')))].sort();
    expect(base(Object.keys(flatEs))).toEqual(base(Object.keys(flatEn)));
    for (const [key, value] of [...Object.entries(flatEn), ...Object.entries(flatEs)])
      expect(value.trim(), key).not.toBe('');
  });

  it('translates every error code', () => {
    for (const code of ERROR_CODES) {
      expect(flatEn[`errors.${code}`], code).toBeTruthy();
      expect(flatEs[`errors.${code}`], code).toBeTruthy();
    }
  });

  it("translates every kind of facility in the seed list (an office's own kinds show as typed)", () => {
    const flatEn = flatten(en);
    const flatEs = flatten(es);
    for (const { kind } of seed.facilities) {
      const key = `facility.kinds.${facilityKindKey(kind)}`;
      expect(flatEn[key], key).toBe(kind);
      expect(flatEs[key], key).toBeTruthy();
    }
  });

  it('every literal t() key used by the renderer exists', () => {
    const root = join(import.meta.dirname, '..', '..', 'renderer');
    const used = new Set<string>();
    for (const file of sources(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g))
        used.add(match[1] as string);
      for (const match of readFileSync(file, 'utf8').matchAll(
        /(?:labelKey|titleKey)[:=]\s*[{]?'([a-zA-Z0-9_.-]+)'/g,
      ))
        used.add(match[1] as string);
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter((key) => !(key in flatEn) && !(`${key}_other` in flatEn));
    expect(missing).toEqual([]);
  });
});
