import { createHash } from 'node:crypto';
import seed from '../../../resources/facilities.json' with { type: 'json' };
import type { Clock, Session } from '../kernel/context';
import { operatorName } from './audit';
import { createHlc } from './hlc';
import { createRecord } from './repository';

// New vaults start with the public list of detention facilities that hold people arrested in Northern
// California. Ids derive from a stable key, so every office has the same ids and bundles refer to the
// same facility without a merge.

export function facilityId(key: string): string {
  return createHash('sha256').update(`amparo facility ${key}`).digest('hex').slice(0, 32);
}

export function seedFacilities(session: Session, clock: Clock): void {
  const writer = {
    session,
    now: () => clock.now().toISOString(),
    hlc: createHlc(session.db, session.office.id, clock),
    operator: operatorName(session.db),
    audit: {},
  };
  for (const { key, ...facility } of seed.facilities) {
    createRecord(writer, 'facility', facility, { id: facilityId(key) });
  }
}
