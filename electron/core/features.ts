import type { Feature } from './feature';
import { recordsFeature } from './records/feature';

// Every feature the app ships, in the order their creation hooks run.
export const FEATURES: readonly Feature[] = [recordsFeature];
