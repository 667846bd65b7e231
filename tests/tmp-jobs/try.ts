import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allFakers } from '@faker-js/faker';
import { demoPerson } from '../../electron/core/records/demo';
import { toCsv } from '../../electron/core/records/csv';
import { createService } from '../../electron/core/service';
import { dispatch } from '../../electron/core/dispatch';

const now = new Date('2026-11-24T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'amp-j-'));
const service = createService({ vaultDir: join(dir, 'v'), kdf: { fixed: { memoryKiB: 8192, iterations: 1 } } });
await service.handlers['vault:create']({ officeName: 'X', passphrase: 'bench passphrase long enough' });
const first = await service.handlers['person:create']({ givenName: 'Ana', familyName: 'Uno' });
const f = allFakers.es_MX; f.seed(1);
const N = Number(process.argv[2] ?? 5000);
const people = Array.from({ length: N }, () => { const { contacts: _c, ...p } = demoPerson(f, now); return p; });
const text = toCsv('person', people);
let progress = 0;
service.on('job:progress', (p) => { progress++; if (progress < 3) console.log('progress', p); });
let done = false;
const t0 = performance.now();
const importing = dispatch(service.handlers, 'csv:import', { kind: 'person', text }).then((r) => { done = true; return r; });
const lat: number[] = [];
let during = 0;
let created: unknown;
const write = dispatch(service.handlers, 'person:create', { givenName: 'Queued', familyName: 'Write' }).then((r) => { created = { r, importDone: done }; });
while (!done) {
  await new Promise((r) => setTimeout(r, 5));
  const s = performance.now();
  const r = await dispatch(service.handlers, 'person:get', { id: first.id });
  const l = await dispatch(service.handlers, 'person:list', { limit: 1 });
  if (!done) { during++; lat.push(performance.now() - s); }
  if (!r.ok || !l.ok) console.log('err', r, l);
  if (during === 1) console.log('total during', (l as { value: { total: number } }).value.total);
}
await write;
console.log('import', JSON.stringify(await importing).slice(0, 200), Math.round(performance.now() - t0), 'ms');
lat.sort((a, b) => a - b);
console.log('lookups during', during, 'p50', lat[lat.length >> 1]?.toFixed(1), 'p95', lat[Math.floor(lat.length * 0.95)]?.toFixed(1), 'max', lat.at(-1)?.toFixed(1));
console.log('queued write', JSON.stringify(created).slice(0, 100));
const after = await dispatch(service.handlers, 'person:list', { limit: 1 });
console.log('total after', (after as { value: { total: number } }).value.total);
service.close();
