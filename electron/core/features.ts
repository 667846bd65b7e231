import type { Feature } from './feature';
import { maintenanceFeature } from './handlers/maintenance';
import { recordsFeature } from './records/feature';
import { syncBundlesFeature } from './sync/bundles-feature';
import { syncFeature } from './sync/feature';

// Every feature the app ships, in the order their creation hooks run.
export const FEATURES: readonly Feature[] = [
  recordsFeature,
  syncFeature,
  syncBundlesFeature,
  maintenanceFeature,
];
