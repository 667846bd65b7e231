import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { createBackup } from '../../electron/core/maintenance/backup';
import type { AmparoService } from '../../electron/core/kernel/context';
import type { JobKind, JobProgress } from '../../shared/channels/jobs';
import { FAST_SCRYPT, manualClock, PASSPHRASE, removeTempDirs, unlockedService } from '../helpers/vault';

// The job runner in one process (the worker thread's view): a purge and a backup report progress and can
// be cancelled; a cancelled purge removes no one; while a job runs, reads see the last commit and writes
// wait for its end; a job can't be started where it would wait for itself.

afterEach(removeTempDirs);

const DAY = 24 * 60 * 60 * 1000;

/** Resolves with the first progress event of `kind` that has done > 0 (some chunks written). */
const underWay = (service: AmparoService, kind: JobKind) =>
  new Promise<JobProgress>((resolve) => {
    const stop = service.on('job:progress', (p) => {
      if (p.kind === kind && p.done > 0) {
        stop();
        resolve(p);
      }
    });
  });

async function closedCases(count: number) {
  const clock = manualClock();
  const { service } = await unlockedService({ clock });
  const rows = Array.from({ length: count }, (_, i) => `Cerrada${i},Vieja,CLOSED`);
  const text = ['givenName,familyName,caseStatus', ...rows, 'Abierta,Nueva,ASSIGNED'].join('\n');
  expect(await service.handlers['csv:import']({ kind: 'person', text })).toMatchObject({
    imported: count + 1,
  });
  clock.advance(400 * DAY);
  return { service, clock };
}

describe('jobs', () => {
  it('a cancelled purge removes no one; run again, it purges every due case', async () => {
    const { service } = await closedCases(3000);
    const before = await service.handlers['audit:verify'](undefined);
    const started = underWay(service, 'purge');
    const purging = dispatch(service.handlers, 'retention:purge', { closedCaseDays: 180 });
    const { jobId } = await started;
    expect(await service.handlers['job:cancel']({ jobId })).toEqual({ cancelled: true });
    expect(await purging).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await service.handlers['person:list']({ limit: 1 })).total).toBe(3001);
    expect(await service.handlers['audit:verify'](undefined)).toEqual(before);

    const done = await dispatch(service.handlers, 'retention:purge', { closedCaseDays: 180 });
    expect(done).toMatchObject({ ok: true, value: { people: 3000 } });
    expect((await service.handlers['person:list']({ limit: 1 })).total).toBe(1);
    service.close();
  });

  it('a backup reports its progress in bytes and can be cancelled', async () => {
    const { service } = await unlockedService();
    await service.handlers['demo:generate']({ people: 2000, volunteers: 0, attorneys: 0 });
    const ctx = service.context;
    // What backup:create runs, with a cheap scrypt for the test.
    const backup = () =>
      ctx.job(
        'backup',
        (job) => createBackup(ctx.session().db, PASSPHRASE, ctx.clock, FAST_SCRYPT, (d, t) => job.step(d, t)),
        { transaction: 'none' },
      );
    const progress: JobProgress[] = [];
    service.on('job:progress', (p) => progress.push(p));
    const made = await backup();
    expect(made.byteLength).toBeGreaterThan(1024 * 1024);
    const last = progress.at(-1) as JobProgress;
    expect(last).toMatchObject({ kind: 'backup', done: last.total });
    expect(progress.filter((p) => p.jobId === last.jobId).length).toBeGreaterThan(1);

    const started = underWay(service, 'backup');
    const backingUp = backup();
    const { jobId } = await started;
    expect(await service.handlers['job:cancel']({ jobId })).toEqual({ cancelled: true });
    await expect(backingUp).rejects.toMatchObject({ code: 'CANCELLED' });
    service.close();
  });

  it('during a job, reads see the last commit and a write waits for the job to end', async () => {
    const { service } = await unlockedService();
    const ana = await service.handlers['person:create']({ givenName: 'Ana', familyName: 'Antes' });
    const order: string[] = [];
    const started = underWay(service, 'demo');
    const generating = Promise.resolve(
      service.handlers['demo:generate']({ people: 3000, volunteers: 0, attorneys: 0 }),
    ).then(() => order.push('demo'));
    await started;
    const writing = Promise.resolve(
      service.handlers['person:update']({ id: ana.id, patch: { notes: 'después' } }),
    ).then(() => order.push('write'));
    // Reads are answered between two chunks, from what was committed before the job.
    const reads: number[] = [];
    for (let i = 0; i < 3 && order.length === 0; i++) {
      reads.push((await service.handlers['person:list']({ limit: 1 })).total);
      expect((await service.handlers['person:get']({ id: ana.id })).notes).toBeUndefined();
      await sleep(1);
    }
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads)).toEqual(new Set([1]));
    await Promise.all([generating, writing]);
    expect(order).toContain('write');
    expect((await service.handlers['person:get']({ id: ana.id })).notes).toBe('después');
    // The edit was written after every record of the job: its audit entry is the last of the chain.
    const history = await service.handlers['audit:history']({ kind: 'person', id: ana.id });
    const chain = await service.handlers['audit:verify'](undefined);
    expect(Math.max(...history.map((entry) => entry.seq))).toBe(chain.entries);
    expect((await service.handlers['person:list']({ limit: 1 })).total).toBe(3001);
    service.close();
  });

  it('refuses to start a job where it would wait for itself', async () => {
    const { service } = await unlockedService();
    const ctx = service.context;
    await expect(
      ctx.job('demo', (job) => ctx.job('demo', async () => job.id, { transaction: 'none' }), {
        transaction: 'none',
      }),
    ).rejects.toThrow('A job cannot start inside another job.');
    service.close();
  });

  it("a job of one vault can run inside another vault's job, and each keeps its own connection", async () => {
    const { service: a } = await unlockedService();
    const { service: b } = await unlockedService();
    // Inside both jobs, each vault's calls still get its writer (in its job's transaction), not its reader.
    const seen = await a.context.job(
      'demo',
      () =>
        b.context.job(
          'demo',
          async () => ({ a: a.context.session().db.inTransaction, b: b.context.session().db.inTransaction }),
          { transaction: 'write' },
        ),
      { transaction: 'write' },
    );
    expect(seen).toEqual({ a: true, b: true });
    a.close();
    b.close();
  });

  it('progress and cancel answer only for the running job', async () => {
    const { service } = await unlockedService();
    expect(await service.handlers['job:cancel']({ jobId: '0123456789abcdef' })).toEqual({ cancelled: false });
    const progress: JobProgress[] = [];
    service.on('job:progress', (p) => progress.push(p));
    await service.handlers['demo:generate']({ people: 200, volunteers: 0, attorneys: 0 });
    expect(new Set(progress.map((p) => p.jobId)).size).toBe(1);
    const { jobId } = progress[0] as JobProgress;
    expect(await service.handlers['job:cancel']({ jobId })).toEqual({ cancelled: false });
    service.close();
  });
});
