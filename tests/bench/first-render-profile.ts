import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allFakers } from '@faker-js/faker';
import { DEMO_CHUNK, demoDeadline, demoPerson } from '../../electron/core/records/demo';
import { createRecords } from '../../electron/core/records/repository';
import { writerFor } from '../../electron/core/records/writer';
import { testService } from '../helpers/vault';

// Where the time goes between unlock and the People screen's first page: the calls the app makes right
// after unlock (the dashboard, its deadlines and outreach cards, the sidebar's counts) and then the People
// list, each timed cold (just unlocked: nothing of the database in memory yet) and warm. The data set is the
// records benchmark's, with the cheap test KDF; it is built once and kept (--dir) for the next run.
//   npx node --import tsx tests/bench/first-render-profile.ts [--people 100000] [--dir /tmp/amparo-first-render]
const { values } = parseArgs({ options: { people: { type: 'string' }, dir: { type: 'string' } } });
const people = Number(values.people ?? 100_000);
const base = join(values.dir ?? join(tmpdir(), 'amparo-first-render'), String(people));
const work = `${base}-run`;
const now = new Date('2026-11-24T10:00:00Z');
const pass = 'bench passphrase long enough';

async function build(dir: string) {
  const service = testService(join(dir, 'vault'), { clock: { now: () => now } });
  await service.handlers['vault:create']({ officeName: 'Bench', passphrase: pass });
  const f = allFakers.es_MX;
  f.seed(42);
  const w = writerFor(service.context);
  const db = w.session.db;
  const ps = Array.from({ length: people }, (_, i) => demoPerson(f, now, i));
  db.transaction(() => {
    for (let i = 0; i < ps.length; i += DEMO_CHUNK) createRecords(w, 'person', ps.slice(i, i + DEMO_CHUNK));
  })();
  await service.handlers['demo:generate']({ people: 0, volunteers: 20000, attorneys: 2000 });
  const ids = (db.prepare('SELECT id FROM people').all() as { id: string }[]).map((r) => r.id);
  const kinds = ['MASTER_CALENDAR', 'BOND_HEARING', 'CHECK_IN', 'CALL', 'VISIT'] as const;
  const ev = ids.flatMap((personId, i) =>
    Array.from({ length: 2 }, (_, e) => ({
      personId,
      kind: kinds[(i + e) % kinds.length],
      at: new Date(now.getTime() + ((i * 7 + e * 13) % 60) * 86_400_000).toISOString(),
    })),
  );
  db.transaction(() => {
    for (let i = 0; i < ev.length; i += DEMO_CHUNK) createRecords(w, 'event', ev.slice(i, i + DEMO_CHUNK));
  })();
  const dl = ids.flatMap((personId, i) => (i % 10 === 5 ? [demoDeadline(f, now, personId, i)] : []));
  db.transaction(() => {
    for (let i = 0; i < dl.length; i += DEMO_CHUNK) createRecords(w, 'deadline', dl.slice(i, i + DEMO_CHUNK));
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  service.close();
}

async function main() {
  if (!existsSync(base)) {
    // Built aside and renamed, so an interrupted build is never taken for a finished one.
    const building = `${base}-building`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    await build(building);
    renameSync(building, base);
  }
  rmSync(work, { recursive: true, force: true });
  cpSync(base, work, { recursive: true });
  const service = testService(join(work, 'vault'), { clock: { now: () => now } });
  await service.handlers['vault:unlock']({ passphrase: pass });
  const calls: [string, unknown][] = [
    ['dashboard:summary', undefined],
    ['deadline:upcoming', { days: 7, limit: 10 }],
    ['outreach:stats', { lastMonths: 12 }],
    ['conflict:list', undefined],
    ['deleted:pending', undefined],
    ['person:list', { sort: { field: 'familyName', direction: 'asc' }, limit: 200 }],
  ];
  for (let round = 0; round < 2; round++)
    for (const [channel, input] of calls) {
      const t = performance.now();
      await (service.handlers as Record<string, (i: unknown) => unknown>)[channel]!(input);
      process.stdout.write(
        `${round ? 'warm' : 'cold'} ${channel} ${(performance.now() - t).toFixed(1)} ms\n`,
      );
    }
  service.close();
}
void main();
