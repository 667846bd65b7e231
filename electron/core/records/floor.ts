import type { Database } from '../kernel/context';
import type { Floor } from './causal';
import { readSetting } from './settings';

// The stable vector sync keeps (sync/stability.ts), read here because a local deletion must cover what the
// pruned contexts no longer list.
export const STABLE_KEY = 'sync.stable';

export function readFloor(db: Database): Floor {
  const text = readSetting(db, STABLE_KEY);
  return text ? (JSON.parse(text) as Floor) : {};
}
