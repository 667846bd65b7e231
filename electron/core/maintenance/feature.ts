import type { FeatureModule } from '../kernel/feature-module';
import { maintenanceHandlers } from './handlers';
import { runScheduledPurge } from './retention';

// Backups and retention. The scheduled purge runs each time the vault is unlocked, when the office has
// turned it on.
export const maintenanceFeature: FeatureModule = {
  name: 'maintenance',
  handlers: (ctx) => maintenanceHandlers(ctx),
  activate: (ctx) => {
    runScheduledPurge(ctx);
  },
};
