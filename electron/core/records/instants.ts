import { toUtcIso } from '../../../shared/time';
import { SPECS } from './specs';
import type { Kind } from '../../../shared/model';

// The row writer stores every instant in the one UTC form, whoever wrote it: the schemas already convert
// local input, and this catches values that reach a row without passing through them (a partner's bundle
// written by an older version keeps the offset it was typed with).

type Data = Record<string, unknown>;

function normalizedAt(data: Data, path: readonly string[]): Data {
  const [head, ...rest] = path as [string, ...string[]];
  const value = data[head];
  if (rest.length > 0) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return data;
    const inner = normalizedAt(value as Data, rest);
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

/** `data` with the kind's instant fields in UTC form; the same object when nothing changed. */
export function normalizeInstants(kind: Kind, data: Data): Data {
  let result = data;
  for (const path of SPECS[kind].instants ?? []) result = normalizedAt(result, path.split('.'));
  return result;
}
