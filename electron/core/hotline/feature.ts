import type { FeatureModule } from '../kernel/feature-module';
import { writerFor } from '../records/writer';
import { hotlineHandlers } from './handlers';
import { eraseOldCallbacks } from './reports';

// The hotline: reports worked with their people and dispatches, who to send, Know-Your-Rights outreach.
// Callers' callbacks are erased once they are CALLBACK_KEEP_HOURS old: at each unlock, then every few
// minutes while the vault stays open.

const SWEEP_EVERY_MS = 5 * 60 * 1000;

export const hotlineFeature: FeatureModule = {
  name: 'hotline',
  handlers: (ctx) => hotlineHandlers(ctx),
  activate: (ctx) => {
    const sweep = () => {
      try {
        const w = writerFor(ctx);
        w.session.db.transaction(() => eraseOldCallbacks(w, ctx.clock.now()))();
      } catch {
        // Locked meanwhile, or a job holds the writer (the read-only connection refuses): next sweep.
      }
    };
    sweep();
    const timer = setInterval(sweep, SWEEP_EVERY_MS);
    timer.unref?.();
    return () => clearInterval(timer);
  },
};
