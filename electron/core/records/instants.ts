import { toUtcIso } from '../../../shared/time';
import { SPECS } from './specs';
import type { Kind } from '../../../shared/model';

// The row writer stores every instant in the one UTC form, whoever wrote it: the schemas already convert
// local input, and this catches values that reach a row without passing through them (a partner's bundle
// written by an older version keeps the offset it was typed with).

type Data = Record<string, unknown>;

function normalizedAt(data: Data, path: readonly string[]): Data {
  const head = path[0] as string;
  const value = data[head];
  if (path.length > 1) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return data;
    const inner = normalizedAt(value as Data, path.slice(1));
    return inner === value ? data : { ...data, [head]: inner };
  }
  if (typeof value !== 'string') return data;
  let utc: string;
  try {
    utc = toUtcIso(value);
  } catch {
    return data;
  }
  return utc === value ? data : { ...data, [head]: utc };
}

// Each kind's instant paths, split once (the row writer normalises every row it writes).
const PATHS = new Map<Kind, string[][]>();

/** `data` with the kind's instant fields in UTC form; the same object when nothing changed. */
export function normalizeInstants(kind: Kind, data: Data): Data {
  let paths = PATHS.get(kind);
  if (!paths) {
    paths = (SPECS[kind].instants ?? []).map((path) => path.split('.'));
    PATHS.set(kind, paths);
  }
  let result = data;
  for (const path of paths) result = normalizedAt(result, path);
  return result;
}
