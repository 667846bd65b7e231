import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createService } from '../../electron/core/service';
import { createBackup } from '../../electron/core/maintenance/backup';
const dir = mkdtempSync(join(tmpdir(), 'amp-b-'));
const service = createService({ vaultDir: join(dir, 'v'), kdf: { fixed: { memoryKiB: 8192, iterations: 1 } } });
await service.handlers['vault:create']({ officeName: 'X', passphrase: 'bench passphrase long enough' });
await service.handlers['demo:generate']({ people: 3000, volunteers: 0, attorneys: 0 });
const db = service.context.session().db;
const clock = { now: () => new Date() };
for (const wf of [10, 18]) {
  let t = performance.now();
  const a = await createBackup(db, 'x'.repeat(20), clock, { scryptWorkFactor: wf });
  const one = performance.now() - t;
  t = performance.now();
  let steps = 0;
  const b = await createBackup(db, 'x'.repeat(20), clock, { scryptWorkFactor: wf }, async () => { steps++; await new Promise((r) => setImmediate(r)); });
  console.log('wf', wf, 'size', a.length, b.length, 'oneshot', Math.round(one), 'sliced', Math.round(performance.now() - t), 'steps', steps);
}
const r = await service.handlers['backup:create']({ passphrase: 'x'.repeat(20) });
console.log('handler', (r as { size: number }).size);
service.close();
