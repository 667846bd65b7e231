import type { Facility } from '../../shared/model';
import { useCall } from './useCall';

const NONE: Facility[] = [];

/** The facility list, for pickers; empty while it loads or if it can't be read. */
export function useFacilities(): Facility[] {
  const { data, error } = useCall('facility:list', { limit: 1000 });
  return error ? NONE : (data?.rows ?? NONE);
}
