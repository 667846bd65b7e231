import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import type { Database } from '../../electron/core/kernel/context';
import { introduceAll, makeOffice, type Office, seedPeople } from '../helpers/sync-offices';
import { removeTempDirs } from '../helpers/vault';
import { importBundles } from '../../electron/core/sync/import-batch';

// Where one bundle import's time goes, as the network benchmark imports them: N offices all-to-all, rounds
// of edits (1,000 a round, split among the offices), every office sends "since last" to all the others, and
// in the last round office 1's imports run under the CPU profiler. Prints CPU per import, the CPU and wall
// time of BEGIN/COMMIT, and the functions with the most self time; --out writes the .cpuprofile (DevTools).
// --pages: after each commit, the WAL frames it wrote per table or index (autocheckpoint off, so the WAL
// holds them). --pragma 'secure_delete=OFF' (repeatable): try a setting on the profiled office. --inbox: each
// office imports a round's bundles together, as its inbox does (import-batch.ts).
//   npx node --import tsx tests/bench/import-profile.ts [--offices 30] [--rounds 2] [--out FILE] [--pages]
const { values } = parseArgs({
  options: {
    offices: { type: 'string' },
    rounds: { type: 'string' },
    out: { type: 'string' },
    pages: { type: 'boolean' },
    pragma: { type: 'string', multiple: true },
    inbox: { type: 'boolean' },
  },
});
const n = Number(values.offices ?? 30);
const rounds = Number(values.rounds ?? 2);
const FRAME = 4096 + 24;
const say = (line: string) => process.stdout.write(`${line}\n`);

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

/** Wraps the profiled office's exec (BEGIN/COMMIT) to time it, and to list the frames each commit wrote. */
function watch(db: Database, times: Map<string, { cpu: number; wall: number; n: number }>) {
  for (const p of values.pragma ?? []) db.pragma(p);
  if (values.pages) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('wal_autocheckpoint = 0');
  }
  const exec = db.exec.bind(db);
  const wal = `${db.name}-wal`;
  db.exec = ((sql: string) => {
    const before = statSync(wal).size;
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const result = exec(sql);
    const key = sql.slice(0, 20);
    const t = times.get(key) ?? { cpu: 0, wall: 0, n: 0 };
    times.set(key, { cpu: t.cpu + cpuMs(cpu), wall: t.wall + performance.now() - wall, n: t.n + 1 });
    if (sql === 'COMMIT' && values.pages) {
      const owner = new Map(
        (db.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]).map(
          (r) => [r.pageno, r.name],
        ),
      );
      const buf = readFileSync(wal);
      const by = new Map<string, number>();
      for (let off = Math.max(32, before); off + FRAME <= buf.length; off += FRAME) {
        const name = owner.get(buf.readUInt32BE(off)) ?? '(free or new)';
        by.set(name, (by.get(name) ?? 0) + 1);
      }
      const total = [...by.values()].reduce((a, b) => a + b, 0);
      say(`commit wrote ${total} frames: ${JSON.stringify([...by].sort((a, b) => b[1] - a[1]).slice(0, 8))}`);
    }
    return result;
  }) as typeof db.exec;
}

const offices: Office[] = [];
try {
  for (let i = 0; i < n; i++) offices.push(await makeOffice(`Office ${i}`));
  introduceAll(offices);
  const hub = offices[0] as Office;
  await seedPeople(hub, 2000);
  const everyone = (from: Office) => offices.filter((o) => o !== from).map((o) => o.fingerprint);
  const seed = await hub.service.handlers['bundle:export']({
    to: everyone(hub),
    scope: { scope: 'all' },
    redaction: 'Full',
  });
  for (const o of offices.slice(1)) await o.service.handlers['bundle:import']({ bytes: seed.bytes });
  const ids = (
    hub.service.context.session().db.prepare('SELECT id FROM people ORDER BY id').all() as { id: string }[]
  ).map((r) => r.id);
  let serial = 0;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  for (let round = 0; round < rounds; round++) {
    for (const o of offices)
      for (let e = 0; e < Math.round(1000 / n); e++)
        await o.service.handlers['person:update']({
          id: ids[(serial * 7919) % ids.length] as string,
          patch: { familyName: `V${serial++}` },
        });
    const mail: { from: Office; bytes: string }[] = [];
    for (const from of offices) {
      const out = await from.service.handlers['bundle:export']({
        to: everyone(from),
        scope: { scope: 'since-last' },
        redaction: 'Full',
      });
      mail.push({ from, bytes: out.bytes });
    }
    for (const to of offices) {
      const profiled = round === rounds - 1 && to === offices[1];
      const times = new Map<string, { cpu: number; wall: number; n: number }>();
      if (profiled) {
        watch(to.service.context.session().db, times);
        await session.post('Profiler.start');
      }
      const started = process.cpuUsage();
      let lines = 0;
      const inbox = mail.filter((m) => m.from !== to).map((m) => m.bytes);
      const summaries = values.inbox
        ? (
            await importBundles(
              to.service.context,
              inbox.map((b) => Buffer.from(b, 'base64')),
              { source: 'inbox' },
            )
          ).map((o) => {
            if ('error' in o) throw o.error;
            return o.summary;
          })
        : [];
      // One at a time, as a person importing files would.
      if (!values.inbox)
        for (const bytes of inbox) summaries.push(await to.service.handlers['bundle:import']({ bytes }));
      for (const r of summaries) lines += r.new + r.updated + (r.unchanged ?? 0);
      if (!profiled) continue;
      const ms = cpuMs(started);
      const { profile } = await session.post('Profiler.stop');
      if (values.out) writeFileSync(values.out, JSON.stringify(profile));
      const count = mail.length - 1;
      say(`${count} imports of ${(lines / count).toFixed(0)} lines: ${(ms / count).toFixed(1)} ms CPU each`);
      for (const [k, t] of times)
        say(`${k}: ${(t.cpu / t.n).toFixed(1)} ms CPU, ${(t.wall / t.n).toFixed(1)} ms wall each`);
      const self = new Map<string, number>();
      const spent = new Map<number, number>();
      (profile.samples ?? []).forEach((id, i) =>
        spent.set(id, (spent.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)),
      );
      for (const node of profile.nodes) {
        const f = node.callFrame;
        const key = `${f.functionName || '(native)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (spent.get(node.id) ?? 0) / 1000);
      }
      for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
        say(`${t.toFixed(1).padStart(8)} ms  ${k}`);
      // Inclusive time (the function and what it called, SQLite included) of the project's own functions.
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      const total = (id: number): number => {
        const node = byId.get(id);
        return (spent.get(id) ?? 0) / 1000 + (node?.children ?? []).reduce((a, c) => a + total(c), 0);
      };
      const inclusive = new Map<string, number>();
      const walk = (id: number, open: Set<string>) => {
        const node = byId.get(id);
        if (!node) return;
        const f = node.callFrame;
        const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`;
        const own = f.url.includes('/electron/') && !open.has(key);
        if (own) inclusive.set(key, (inclusive.get(key) ?? 0) + total(id));
        const next = own ? new Set([...open, key]) : open;
        for (const c of node.children ?? []) walk(c, next);
      };
      walk(profile.nodes[0]?.id ?? 1, new Set());
      say('inclusive:');
      for (const [k, t] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40))
        say(`${t.toFixed(1).padStart(8)} ms  ${k}`);
    }
  }
} finally {
  for (const o of offices) o.service.close();
  removeTempDirs();
}
