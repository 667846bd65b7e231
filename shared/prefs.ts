import { z } from 'zod';

// Preferences that must be readable while the vault is locked (the unlock screen needs the language).
// They are stored unencrypted beside the vault, so nothing here may ever be sensitive.

export const LANGUAGES = ['en', 'es'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const IDLE_LOCK_DEFAULT_MINUTES = 10;

export const Prefs = z.object({
  language: Language,
  /** Minutes without input before the vault locks itself. */
  idleLockMinutes: z.number().int().min(1).max(240),
});
export type Prefs = z.infer<typeof Prefs>;

export const DEFAULT_PREFS: Prefs = { language: 'en', idleLockMinutes: IDLE_LOCK_DEFAULT_MINUTES };

export const PrefsPatch = Prefs.partial().strict();
export type PrefsPatch = z.infer<typeof PrefsPatch>;
