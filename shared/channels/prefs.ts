import { z } from 'zod';
import { Prefs, PrefsPatch } from '../prefs';

// Preferences live outside the vault (the unlock screen needs the language), so these work while locked.
export const prefsChannels = {
  'prefs:get': { input: z.undefined(), output: Prefs },
  'prefs:set': { input: PrefsPatch, output: Prefs },
} as const;
