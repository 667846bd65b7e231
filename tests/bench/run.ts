import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchCsv } from './bulk.bench';
import { benchJobs } from './jobs.bench';
import { benchNetwork } from './network.bench';
import { benchRecords } from './records.bench';
import { benchSync } from './sync.bench';

// `npm run bench [-- --quick] [-- --no-ui] [-- --only records,sync,jobs,csv]`: prints one JSON document and
// saves it under bench-results/. --quick uses a tenth of the data set (for a smoke run); the figures in the
// README come from the full run. --only runs the named parts only.

const { values } = parseArgs({
  options: { quick: { type: 'boolean' }, 'no-ui': { type: 'boolean' }, only: { type: 'string' } },
});
const scale = values.quick ? 0.1 : 1;
const parts = values.only?.split(',');
const part = <T>(name: string, run: () => Promise<T>): Promise<T | 'skipped'> =>
  !parts || parts.includes(name) ? run() : Promise.resolve('skipped');
const started = Date.now();
const report = {
  machine: { node: process.version, platform: process.platform, arch: process.arch },
  scale,
  records: await part('records', () =>
    benchRecords({
      people: Math.round(100_000 * scale),
      volunteers: Math.round(20_000 * scale),
      attorneys: Math.round(2_000 * scale),
      eventsPerPerson: 2,
      queries: 400,
      ui: !values['no-ui'],
    }),
  ),
  // The CSV import alone (the records part runs it too, after bulk creation).
  csv: parts?.includes('csv') ? await benchCsv(Math.round(50_000 * scale)) : 'skipped',
  sync: await part('sync', () => benchSync({ people: Math.round(100_000 * scale), eventsPerPerson: 2 })),
  // Person lookups answered by the core's worker thread while it imports a CSV of 50,000 people. About
  // 150 fit in an import of 6 seconds; fewer than 100 (10 with --quick) would mean they are not interleaved.
  jobs: await part('jobs', () =>
    benchJobs({ rows: Math.round(50_000 * scale), seeded: 2_000, minLookups: Math.round(100 * scale) }),
  ),
  // A coalition of 2, 10 and 50 offices (--quick: 2 and 5), all-to-all and through a hub.
  network: await part('network', () =>
    benchNetwork({
      offices: values.quick ? [2, 5] : [2, 10, 50],
      people: Math.round(2_000 * scale),
      edits: Math.round(1_000 * scale),
      rounds: 3,
    }),
  ),
  totalSeconds: 0,
};
report.totalSeconds = Math.round((Date.now() - started) / 1000);
const out = join(import.meta.dirname, '..', '..', 'bench-results');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
  `${JSON.stringify(report, null, 2)}\n`,
);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
