import { useEffect, useState } from 'react';
import type { Facility } from '../../shared/model';
import { call } from '../api';

/** The facility list, for pickers. */
export function useFacilities(): Facility[] {
  const [facilities, setFacilities] = useState<Facility[]>([]);
  useEffect(() => {
    call('facility:list', { limit: 1000 }).then(
      (result) => setFacilities(result.rows),
      () => setFacilities([]),
    );
  }, []);
  return facilities;
}
