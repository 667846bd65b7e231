import type { HandlerGroup } from '../context';
import type { PrefsStore } from '../prefs-store';

export function prefsHandlers(prefs: PrefsStore): HandlerGroup {
  return {
    'prefs:get': () => prefs.get(),
    'prefs:set': (patch) => prefs.set(patch),
  };
}
