import type { HandlerGroup } from '../kernel/context';
import type { PrefsStore } from './store';

export function prefsHandlers(prefs: PrefsStore): HandlerGroup {
  return {
    'prefs:get': () => prefs.get(),
    'prefs:set': (patch) => prefs.set(patch),
  };
}
