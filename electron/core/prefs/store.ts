import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { DEFAULT_PREFS, Prefs, type PrefsPatch } from '../../../shared/prefs';
import { vaultPath, writeFileAtomic } from '../vault/files';

// prefs.json sits unencrypted beside the vault because the unlock screen needs the language before any
// key exists. It holds only the Prefs schema (language, idle minutes): never anything sensitive.

export interface PrefsStore {
  get(): Prefs;
  set(patch: PrefsPatch): Prefs;
}

export function createPrefsStore(vaultDir: string): PrefsStore {
  const path = vaultPath(vaultDir, 'prefs');
  return {
    get() {
      if (!existsSync(path)) return { ...DEFAULT_PREFS };
      try {
        // A damaged or older file falls back field by field to the defaults instead of failing the app.
        const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
        const merged = { ...DEFAULT_PREFS, ...raw };
        const parsed = Prefs.safeParse(merged);
        return parsed.success ? parsed.data : { ...DEFAULT_PREFS };
      } catch {
        return { ...DEFAULT_PREFS };
      }
    },
    set(patch) {
      // A key present with the value undefined (structured clone keeps it) means "unchanged", not "erase":
      // spreading it would overwrite the current value and fail the parse (found by fuzz-ipc).
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const next = Prefs.parse({ ...this.get(), ...defined });
      mkdirSync(vaultDir, { recursive: true, mode: 0o700 });
      writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
      return next;
    },
  };
}
