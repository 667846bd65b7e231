import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrefsStore } from '../../electron/core/prefs/store';
import { DEFAULT_PREFS } from '../../shared/prefs';
import { makeTempDir, removeTempDirs } from '../helpers/vault';

afterEach(removeTempDirs);

describe('prefs store', () => {
  it('defaults, remembers and survives a damaged file', () => {
    const dir = makeTempDir();
    const store = createPrefsStore(dir);
    expect(store.get()).toEqual(DEFAULT_PREFS);
    store.set({ language: 'es' });
    expect(createPrefsStore(dir).get()).toEqual({ ...DEFAULT_PREFS, language: 'es' });
    writeFileSync(join(dir, 'prefs.json'), '{not json');
    expect(createPrefsStore(dir).get()).toEqual(DEFAULT_PREFS);
    writeFileSync(join(dir, 'prefs.json'), JSON.stringify({ language: 'fr', idleLockMinutes: 5 }));
    expect(createPrefsStore(dir).get()).toEqual(DEFAULT_PREFS);
  });
});
