import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allFakers } from '@faker-js/faker';
import { DEMO_CHUNK, demoDeadline, demoPerson } from '../../electron/core/records/demo';
import { listRecords } from '../../electron/core/records/list';
import { createRecords } from '../../electron/core/records/repository';
import { writerFor } from '../../electron/core/records/writer';
import { createService } from '../../electron/core/service';
import { launchHarness } from '../e2e/harness';
import { benchBulkCreate } from './bulk.bench';
import { percentile, round, time, timeAsync } from './stats';

// The records figures on the specified data set (100,000 people, 20,000 volunteers, 2,000 attorneys,
// 200,000 events) in an encrypted vault made with the production KDF. Bulk creation is compared with
// baselines measured in the same run (bulk.bench.ts, baseline.ts).

export interface RecordsBenchOptions {
  people: number;
  volunteers: number;
  attorneys: number;
  eventsPerPerson: number;
  queries: number;
  ui: boolean;
}

export async function benchRecords(options: RecordsBenchOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'amparo-bench-'));
  const now = new Date('2026-11-24T10:00:00Z');
  const service = createService({ vaultDir: join(dir, 'vault'), clock: { now: () => now } });
  try {
    await service.handlers['vault:create']({
      officeName: 'Bench Office',
      passphrase: 'bench passphrase long enough',
    });
    const f = allFakers.es_MX;
    f.seed(42);
    // With their case files (court, bond, habeas) as the demo fills them.
    const people = Array.from({ length: options.people }, (_, i) => demoPerson(f, now, i));

    // Bulk creation (bulk.bench.ts): validation, per-field clocks, search index, duplicate key and
    // hash-chained audit entry per row, against plain better-sqlite3 inserting the same rows.
    const bulkCreate = await benchBulkCreate(dir, service, people, now);
    const w = writerFor(service.context);
    const db = w.session.db;
    const others = await timeAsync(() =>
      Promise.resolve(
        service.handlers['demo:generate']({
          people: 0,
          volunteers: options.volunteers,
          attorneys: options.attorneys,
        }),
      ),
    );
    const ids = (db.prepare('SELECT id FROM people LIMIT ?').all(options.people) as { id: string }[]).map(
      (r) => r.id,
    );
    const kinds = ['MASTER_CALENDAR', 'BOND_HEARING', 'CHECK_IN', 'CALL', 'VISIT'] as const;
    const eventInputs = ids.flatMap((personId, i) =>
      Array.from({ length: options.eventsPerPerson }, (_, e) => ({
        personId,
        kind: kinds[(i + e) % kinds.length],
        at: new Date(now.getTime() + ((i * 7 + e * 13) % 60) * 86_400_000).toISOString(),
      })),
    );
    const events = time(() =>
      db.transaction(() => {
        for (let i = 0; i < eventInputs.length; i += DEMO_CHUNK)
          createRecords(w, 'event', eventInputs.slice(i, i + DEMO_CHUNK));
      })(),
    );
    // A typed deadline for 1 in 10 people, as the demo writes them, so lists and searches run among them.
    const deadlineInputs = ids.flatMap((personId, i) =>
      i % 10 === 5 ? [demoDeadline(f, now, personId, i)] : [],
    );
    db.transaction(() => {
      for (let i = 0; i < deadlineInputs.length; i += DEMO_CHUNK)
        createRecords(w, 'deadline', deadlineInputs.slice(i, i + DEMO_CHUNK));
    })();

    // What the app does after a bulk import (see records-io): fold the WAL back into the database.
    db.pragma('wal_checkpoint(TRUNCATE)');

    // Search: prefixes of real family names, as a user types them.
    const terms = Array.from({ length: options.queries }, (_, i) => {
      const p = people[(i * 7919) % people.length] as { familyName: string };
      return p.familyName.slice(0, 3 + (i % 3)).toLowerCase();
    });
    const search = terms.map((q) => time(() => listRecords(db, 'person', { search: q, limit: 100 })).ms);
    const statuses = ['INTAKE', 'LOCATING', 'NEEDS_ATTORNEY', 'ASSIGNED', 'CLOSED'];
    const sorts = ['familyName', 'detainedAt', 'updatedAt', 'priority'];
    const page = Array.from(
      { length: options.queries },
      (_, i) =>
        time(() =>
          listRecords(db, 'person', {
            filters: { caseStatus: statuses[i % statuses.length] as string },
            sort: { field: sorts[i % sorts.length] as string, direction: i % 2 ? 'desc' : 'asc' },
            limit: 100,
            offset: (i % 10) * 100,
          }),
        ).ms,
    );

    // One intake edit as the app saves it: a handler call, one transaction, committed (synchronous=FULL).
    const edits = ids
      .slice(0, options.queries)
      .map(
        (id, i) => time(() => service.handlers['person:update']({ id, patch: { notes: `edit ${i}` } })).ms,
      );

    let uiFirstRenderMs: number | null = null;
    if (options.ui) {
      service.close();
      const harness = await launchHarness({ vaultDir: join(dir, 'vault') });
      try {
        await harness.page.getByLabel('Passphrase', { exact: true }).fill('bench passphrase long enough');
        await harness.page.getByRole('button', { name: 'Unlock', exact: true }).click();
        await harness.page.getByRole('navigation').waitFor();
        const rendered = await timeAsync(async () => {
          await harness.page.getByRole('button', { name: 'People', exact: true }).click();
          await harness.page.locator('[aria-rowindex="2"] [role="cell"] button').waitFor();
        });
        uiFirstRenderMs = round(rendered.ms, 1);
      } finally {
        await harness.close();
      }
    }

    const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
    return {
      dataSet: {
        people: options.people,
        volunteers: options.volunteers,
        attorneys: options.attorneys,
        events: ids.length * options.eventsPerPerson,
      },
      bulkCreate,
      otherInserts: {
        volunteersAndAttorneysMs: round(others.ms, 0),
        eventsPerSec: rate(ids.length * options.eventsPerPerson, events.ms),
      },
      searchMs: {
        p50: percentile(search, 50),
        p95: percentile(search, 95),
        target: 'p95 <= 10',
        queries: search.length,
      },
      sortedFilteredPageMs: {
        p50: percentile(page, 50),
        p95: percentile(page, 95),
        target: 'p95 <= 20',
        queries: page.length,
      },
      singleEditMs: { p50: percentile(edits, 50), p95: percentile(edits, 95), edits: edits.length },
      peopleScreenFirstRenderMs:
        uiFirstRenderMs === null ? 'skipped (--no-ui)' : { value: uiFirstRenderMs, target: '<= 500' },
    };
  } finally {
    service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
