import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchRecords } from './records.bench';
import { benchSync } from './sync.bench';

// `npm run bench [-- --quick] [-- --no-ui]`: prints one JSON document and saves it under bench-results/.
// --quick uses a tenth of the data set (for a smoke run); the figures in the README come from the full run.

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, 'no-ui': { type: 'boolean' } } });
const scale = values.quick ? 0.1 : 1;
const started = Date.now();
const report = {
  machine: { node: process.version, platform: process.platform, arch: process.arch },
  scale,
  records: await benchRecords({
    people: Math.round(100_000 * scale),
    volunteers: Math.round(20_000 * scale),
    attorneys: Math.round(2_000 * scale),
    eventsPerPerson: 2,
    queries: 400,
    ui: !values['no-ui'],
  }),
  sync: await benchSync({ people: Math.round(100_000 * scale), eventsPerPerson: 2 }),
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
