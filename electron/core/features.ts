import type { Feature } from './feature';

// Every feature the app ships, in the order their creation hooks run.
export const FEATURES: readonly Feature[] = [];
