import type { FeatureModule } from './kernel/feature-module';
import { hotlineFeature } from './hotline/feature';
import { maintenanceFeature } from './maintenance/feature';
import { recordsFeature } from './records/feature';
import { syncFeature } from './sync/feature';

// Every feature module the app ships, in the order their creation hooks run. The service composes them;
// nothing below this file imports it.
export const FEATURES: readonly FeatureModule[] = [
  recordsFeature,
  hotlineFeature,
  syncFeature,
  maintenanceFeature,
];
