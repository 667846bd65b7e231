// The inbox watcher: only finished *.amparo files are delivered, each once; and the service runs it only
// while unlocked, importing what arrives and announcing it with sync:imported.
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/ipc';
import { startInbox, type Inbox } from '../../electron/core/sync/inbox';
import { createInboxController } from '../../electron/core/sync/inbox-controller';
import { inboxControllerFor } from '../../electron/core/sync/feature';
import { makeTempDir, manualClock, PASSPHRASE, removeTempDirs, unlockedService } from '../helpers/vault';

const running: Inbox[] = [];
afterEach(() => {
  for (const inbox of running.splice(0)) inbox.stop();
  removeTempDirs();
});

function watch(folder: string, extra: Partial<Parameters<typeof startInbox>[0]> = {}) {
  const delivered: { name: string; bytes: string }[] = [];
  const errors: string[] = [];
  const inbox = startInbox({
    folder,
    intervalMs: 3_600_000, // the test drives every poll itself
    onBundle: (path, bytes) => {
      delivered.push({ name: path.slice(folder.length + 1), bytes: Buffer.from(bytes).toString() });
    },
    onError: (path) => errors.push(path.slice(folder.length + 1)),
    ...extra,
  });
  running.push(inbox);
  return { inbox, delivered, errors };
}

describe('startInbox', () => {
  it('delivers a finished bundle once, after its size held still for two polls', async () => {
    const folder = makeTempDir();
    const { inbox, delivered } = watch(folder);
    await inbox.poll();
    writeFileSync(join(folder, 'a.amparo'), 'bundle-a');
    await inbox.poll();
    expect(delivered).toEqual([]);
    await inbox.poll();
    expect(delivered).toEqual([{ name: 'a.amparo', bytes: 'bundle-a' }]);
    await inbox.poll();
    await inbox.poll();
    expect(delivered).toHaveLength(1);
  });

  it('ignores partial, temporary, hidden, empty and foreign files', async () => {
    const folder = makeTempDir();
    for (const name of ['.syncthing.b.amparo.tmp', 'c.amparo.part', '~d.amparo', 'notes.txt', '.e.amparo'])
      writeFileSync(join(folder, name), 'x');
    writeFileSync(join(folder, 'empty.amparo'), '');
    mkdirSync(join(folder, 'dir.amparo'));
    const { inbox, delivered } = watch(folder);
    for (let i = 0; i < 3; i++) await inbox.poll();
    expect(delivered).toEqual([]);
  });

  it('waits for a growing file to stop growing', async () => {
    const folder = makeTempDir();
    const { inbox, delivered } = watch(folder);
    const file = join(folder, 'big.amparo');
    writeFileSync(file, 'part1');
    await inbox.poll();
    appendFileSync(file, '-part2');
    await inbox.poll();
    expect(delivered).toEqual([]);
    appendFileSync(file, '-part3');
    await inbox.poll();
    expect(delivered).toEqual([]);
    await inbox.poll();
    expect(delivered).toEqual([{ name: 'big.amparo', bytes: 'part1-part2-part3' }]);
  });

  it('picks a file up when a download is renamed to its final name', async () => {
    const folder = makeTempDir();
    const { inbox, delivered } = watch(folder);
    writeFileSync(join(folder, 'f.amparo.part'), 'done');
    await inbox.poll();
    await inbox.poll();
    renameSync(join(folder, 'f.amparo.part'), join(folder, 'f.amparo'));
    await inbox.poll();
    await inbox.poll();
    expect(delivered).toEqual([{ name: 'f.amparo', bytes: 'done' }]);
  });

  it('does not deliver the same bytes twice under another name', async () => {
    const folder = makeTempDir();
    const { inbox, delivered } = watch(folder);
    writeFileSync(join(folder, 'g.amparo'), 'same');
    await inbox.poll();
    await inbox.poll();
    writeFileSync(join(folder, 'g (copy).amparo'), 'same');
    await inbox.poll();
    await inbox.poll();
    expect(delivered.map((d) => d.name)).toEqual(['g.amparo']);
  });

  it('reports a failed delivery without retrying it, and keeps going', async () => {
    const folder = makeTempDir();
    const seen: string[] = [];
    const { inbox, errors } = watch(folder, {
      onBundle: (path) => {
        seen.push(path);
        if (path.endsWith('bad.amparo')) throw new Error('refused');
      },
    });
    writeFileSync(join(folder, 'bad.amparo'), 'bad');
    writeFileSync(join(folder, 'good.amparo'), 'good');
    for (let i = 0; i < 4; i++) await inbox.poll();
    expect(errors).toEqual(['bad.amparo']);
    expect(seen.map((p) => p.slice(folder.length + 1))).toEqual(['bad.amparo', 'good.amparo']);
  });

  it('consults isComplete and retries a file it said was incomplete', async () => {
    const folder = makeTempDir();
    let complete = false;
    const { inbox, delivered } = watch(folder, { isComplete: () => complete });
    writeFileSync(join(folder, 'h.amparo'), 'h');
    await inbox.poll();
    await inbox.poll();
    expect(delivered).toEqual([]);
    complete = true;
    await inbox.poll();
    expect(delivered).toHaveLength(1);
  });

  it('delivers nothing after stop()', async () => {
    const folder = makeTempDir();
    const { inbox, delivered } = watch(folder);
    writeFileSync(join(folder, 'i.amparo'), 'i');
    await inbox.poll();
    inbox.stop();
    await inbox.poll();
    expect(delivered).toEqual([]);
  });
});

describe('inbox controller', () => {
  it('imports what arrives while unlocked, emits sync:imported, and stops on lock', async () => {
    const { service } = await unlockedService();
    const folder = join(makeTempDir(), 'inbox');
    mkdirSync(folder);
    const imported: string[] = [];
    const controller = createInboxController(
      service.context,
      async (_ctx, bytes) => {
        imported.push(Buffer.from(bytes).toString());
        return { bundleId: `id-${imported.length}`, alreadyImported: imported.length > 1 };
      },
      3_600_000,
    );
    const events: EventPayload<'sync:imported'>[] = [];
    service.on('sync:imported', (e) => events.push(e));

    controller.start(); // no folder set: nothing runs
    await service.handlers['inbox:set']({ folder });
    controller.start();
    await controller.poll(); // the scan started by start()
    writeFileSync(join(folder, 'one.amparo'), 'one');
    writeFileSync(join(folder, 'two.amparo'), 'two');
    await controller.poll();
    await controller.poll();
    expect(imported).toEqual(['one', 'two']);
    // A replay (alreadyImported) changes nothing, so the UI is not told to refresh.
    expect(events).toEqual([{ bundleId: 'id-1', source: 'inbox' }]);

    controller.stop();
    writeFileSync(join(folder, 'three.amparo'), 'three');
    await controller.poll();
    await controller.poll();
    expect(imported).toHaveLength(2);
    service.close();
  });

  it('the service imports a real bundle dropped in the inbox, and watches only while unlocked', async () => {
    const clock = manualClock();
    const { service: a } = await unlockedService({ officeName: 'Oakland RRN', clock });
    const { service: b } = await unlockedService({ officeName: 'San José intake', clock });
    const aCard = (await a.handlers['card:export'](undefined)).card;
    const bCard = (await b.handlers['card:export'](undefined)).card;
    const aFp = (await a.handlers['contact:add']({ card: bCard })).fingerprint;
    const bFp = (await b.handlers['contact:add']({ card: aCard })).fingerprint;
    await a.handlers['contact:verify']({ fingerprint: aFp });
    await b.handlers['contact:verify']({ fingerprint: bFp });
    await b.handlers['person:create']({ givenName: 'Ana', familyName: 'Pérez' });
    const bundle = await b.handlers['bundle:export']({
      to: [bFp],
      scope: { scope: 'all' },
      redaction: 'Full',
    });

    const folder = join(makeTempDir(), 'inbox');
    mkdirSync(folder);
    await a.handlers['inbox:set']({ folder });
    const events: EventPayload<'sync:imported'>[] = [];
    a.on('sync:imported', (e) => events.push(e));
    const controller = inboxControllerFor(a.context);
    await controller.poll(); // the scan started by inbox:set
    writeFileSync(join(folder, 'junk.amparo'), 'not a bundle');
    writeFileSync(join(folder, bundle.fileName), Buffer.from(bundle.bytes, 'base64'));
    await controller.poll();
    await controller.poll();
    expect(events).toEqual([{ bundleId: bundle.bundleId, source: 'inbox' }]);
    expect(await a.handlers['bundle:history'](undefined)).toMatchObject([
      { bundleId: bundle.bundleId, senderName: 'San José intake', source: 'inbox', new: expect.any(Number) },
    ]);

    // Locked: the watcher stopped with the database; unlocking starts it again from the stored folder.
    a.lock('manual');
    await controller.poll();
    await a.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    expect(await a.handlers['inbox:get'](undefined)).toEqual({ folder });
    a.close();
    b.close();
  });
});
