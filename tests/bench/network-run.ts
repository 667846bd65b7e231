import { parseArgs } from 'node:util';
import { benchNetwork } from './network.bench';

// `npm run bench:network [-- --offices 2,10,50] [-- --quick] [-- --pattern hub]`: the coalition figures alone
// (also a part of `npm run bench`, as `network`). --quick: 2 and 5 offices, fewer people, for a smoke run.
// --pattern: one pattern only (all-to-all or hub). --delivery one-by-one: each bundle imported on its own
// (bundle:import) instead of a round's bundles together, as the inbox takes them.
const { values } = parseArgs({
  options: {
    offices: { type: 'string' },
    quick: { type: 'boolean' },
    pattern: { type: 'string' },
    delivery: { type: 'string' },
  },
});
if (values.delivery !== undefined && values.delivery !== 'one-by-one' && values.delivery !== 'inbox') {
  process.stderr.write('--delivery is inbox or one-by-one\n');
  process.exit(1);
}
const pattern = values.pattern === 'hub' || values.pattern === 'all-to-all' ? values.pattern : undefined;
const offices = values.offices?.split(',').map(Number) ?? (values.quick ? [2, 5] : [2, 10, 50]);
const report = await benchNetwork({
  offices,
  people: values.quick ? 200 : 2000,
  edits: values.quick ? 100 : 1000,
  rounds: 3,
  ...(pattern ? { patterns: [pattern] } : {}),
  ...(values.delivery === 'one-by-one' ? { delivery: 'one-by-one' as const } : {}),
});
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
