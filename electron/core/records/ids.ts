import { randomFillSync } from 'node:crypto';

// Record ids are 128 random bits as 32 hex characters. Bulk writes (CSV, demo data, training vaults) make
// hundreds of thousands of them, and a separate randomBytes() call for each cost about 9 µs, so
// ids are cut from a pooled buffer refilled from the CSPRNG. Ids are not secrets; they only must not repeat.

const ID_BYTES = 16;
const POOL_IDS = 1024;
const pool = Buffer.alloc(ID_BYTES * POOL_IDS);
let next = POOL_IDS;

export function newId(): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const start = next++ * ID_BYTES;
  return pool.toString('hex', start, start + ID_BYTES);
}
