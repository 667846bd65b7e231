import { join } from 'node:path';
import { bundleEntry } from './crash-spawn';

// The core's worker thread for tests and the UI harness, built from the TypeScript source. It is bundled
// once per process the way scripts/build-node.mjs bundles the shipped core-worker.cjs: a worker that loads
// its TypeScript through `--import tsx` takes many seconds to start on a busy machine, a bundle a fraction.

export const WORKER_ENTRY = join(import.meta.dirname, '..', '..', 'electron', 'core', 'host', 'worker.ts');

let bundled: Promise<{ file: string }> | null = null;

export function coreWorker(): Promise<{ file: string }> {
  bundled ??= bundleEntry(WORKER_ENTRY).then((file) => ({ file }));
  return bundled;
}
