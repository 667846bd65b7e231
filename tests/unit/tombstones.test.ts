import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readTombstone, writeTombstone } from '../../electron/core/records/tombstones';
import { removeTempDirs, unlockedService } from '../helpers/vault';

// What an erased record costs: a partner can send many tombstones for ids this office never had (a limit
// per bundle caps how many), so each must stay small. Measured with SQLite's dbstat over 20,000 tombstones
// with random ids, inserted in random order as an import would.

afterAll(removeTempDirs);

const OFFICE = '4f510209214b3a8f';
const OTHER = 'a26a526f95fb843c';

describe('tombstones', () => {
  it('round-trip the deletion exactly', async () => {
    const { service } = await unlockedService();
    const db = service.context.session().db;
    const id = randomBytes(16).toString('hex');
    const deletion = {
      deleted: true,
      clock: `019a20cff7d0:0013:${OFFICE}`,
      ctx: [`019a20cff700:0002:${OTHER}`, `019a20cff701:0000:${'c'.repeat(16)}`],
    };
    writeTombstone(db, 'event', id, deletion);
    expect(readTombstone(db, id)).toEqual({ kind: 'event', id, deletion });
    writeTombstone(db, 'event', id, { deleted: true, clock: `019a20cff7d1:0000:${OFFICE}` });
    expect(readTombstone(db, id)?.deletion).toEqual({ deleted: true, clock: `019a20cff7d1:0000:${OFFICE}` });
  });

  it('cost at most 64 bytes each with a one-office context', async () => {
    const { service } = await unlockedService();
    const db = service.context.session().db;
    const count = 20_000;
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        writeTombstone(db, 'person', randomBytes(16).toString('hex'), {
          deleted: true,
          clock: `019a20cff7d0:${(i & 0xffff).toString(16).padStart(4, '0')}:${OFFICE}`,
          ctx: [`019a20cff700:0000:${OTHER}`],
        });
      }
    })();
    const bytes = (
      db.prepare("SELECT sum(pgsize) AS bytes FROM dbstat WHERE name = 'tombstones'").get() as {
        bytes: number;
      }
    ).bytes;
    console.log(`tombstones: ${(bytes / count).toFixed(1)} bytes each over ${count}`);
    expect(bytes / count).toBeLessThanOrEqual(64);
  });
});
