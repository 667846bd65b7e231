import { createHash } from 'node:crypto';
import seed from '../../../resources/facilities.json' with { type: 'json' };
import type { Clock, ServiceContext, Session } from '../kernel/context';
import { operatorName } from './audit';
import { createHlc } from './hlc';
import { createRecord } from './repository';
import { stmt } from './statements';
import { readTombstone } from './tombstones';
import { writerFor } from './writer';

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

/**
 * At unlock, adds the seed list's facilities a vault made by an earlier version does not have yet (the
 * out-of-state centres). One the office deleted is not brought back. Ids derive from the key, so offices
 * that add the same facility hold the same record.
 */
export function seedNewFacilities(ctx: ServiceContext): void {
  const w = writerFor(ctx);
  const { db } = w.session;
  const missing = seed.facilities.filter(({ key }) => {
    const id = facilityId(key);
    return !stmt(db, 'SELECT 1 FROM facilities WHERE id = ?').get(id) && !readTombstone(db, id);
  });
  if (missing.length === 0) return;
  db.transaction(() => {
    for (const { key, ...facility } of missing)
      createRecord(w, 'facility', facility, { id: facilityId(key) });
  })();
}
