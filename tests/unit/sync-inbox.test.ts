// The inbox watcher: only finished *.amparo files are delivered, each content once, from the folder and its
// subfolders (to a stated depth); nothing in the folder can stop it, and it never changes the folder. The
// service runs it only while unlocked, keeps what it handled in the vault (so an unlock decrypts nothing
// again), never applies a bundle from an unverified sender, shows every refusal as a notice and in the
// history, and tries a refused file again when its sender is added or verified.
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BundleSummary } from '../../shared/channels/sync';
import type { EventPayload } from '../../shared/ipc';
import {
  memoryInProcess,
  startInbox,
  type Inbox,
  type InboxDelivery,
  type InboxMemory,
} from '../../electron/core/sync/inbox';
import { createInboxController } from '../../electron/core/sync/inbox-controller';
import type * as ImportModule from '../../electron/core/sync/import';
import { inboxControllerFor } from '../../electron/core/sync/feature';
import { introduce, introduceAll, makeOffice, recordDump, type Office } from '../helpers/sync-offices';
import {
  findSyncthing,
  makeConflict,
  putFile,
  startSyncthingPair,
  waitForFile,
  waitIdle,
  type SyncthingPair,
} from '../helpers/syncthing';
import { makeTempDir, manualClock, PASSPHRASE, removeTempDirs, unlockedService } from '../helpers/vault';

// Every decryption the service's inbox starts goes through open(): counting its calls counts them.
const imports = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../electron/core/sync/import', async (original) => {
  const actual = await original<typeof ImportModule>();
  return {
    ...actual,
    open: (...args: Parameters<typeof actual.open>) => {
      imports.calls += 1;
      return actual.open(...args);
    },
  };
});

const running: Inbox[] = [];
const offices: Office[] = [];
afterEach(() => {
  for (const inbox of running.splice(0)) inbox.stop();
  for (const office of offices.splice(0)) office.service.close();
  removeTempDirs();
});

/** Hands each file of a batch to `one`: what it throws is that file's error. */
const eachOf =
  (one: (delivery: InboxDelivery) => void) =>
  (batch: readonly InboxDelivery[]): unknown[] =>
    batch.map((delivery) => {
      try {
        one(delivery);
        return undefined;
      } catch (error) {
        return error;
      }
    });

function watch(folder: string, extra: Partial<Parameters<typeof startInbox>[0]> = {}) {
  const delivered: { name: string; bytes: string }[] = [];
  const errors: string[] = [];
  const inbox = startInbox({
    folder,
    intervalMs: 3_600_000, // the test drives every poll itself
    onBundles: eachOf(({ path, bytes }) => {
      delivered.push({ name: path.slice(folder.length + 1), bytes: Buffer.from(bytes).toString() });
    }),
    onError: (path) => errors.push(path.slice(folder.length + 1)),
    ...extra,
  });
  running.push(inbox);
  return { inbox, delivered, errors };
}

const polls = async (inbox: { poll(): Promise<void> }, n: number) => {
  for (let i = 0; i < n; i++) await inbox.poll();
};

/** An import's summary as the controller reads it (id and replay), for a stand-in importer. */
function fakeSummary(bundleId: string, alreadyImported: boolean): BundleSummary {
  return {
    bundleId,
    sender: { officeName: 'Other', fingerprint: 'a'.repeat(64), state: 'verified' },
    createdAt: '2026-11-24T10:00:00.000Z',
    new: 0,
    updated: 0,
    deleted: 0,
    conflicts: 0,
    deleteConflicts: 0,
    deletes: [],
    alreadyImported,
  };
}

/** Names, kinds, sizes and mtimes of everything in a folder, links and FIFOs included, never following them. */
function listing(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const info = lstatSync(join(dir, name));
      const kind = info.isDirectory()
        ? 'dir'
        : info.isSymbolicLink()
          ? 'link'
          : info.isFIFO()
            ? 'fifo'
            : 'file';
      const entry = `${prefix}${name} ${kind} ${info.size} ${info.mtimeMs}`;
      return info.isDirectory() ? [entry, ...listing(join(dir, name), `${prefix}${name}/`)] : [entry];
    });
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
    await polls(inbox, 2);
    expect(delivered).toHaveLength(1);
  });

  it('ignores partial, temporary, hidden, empty and foreign files', async () => {
    const folder = makeTempDir();
    for (const name of [
      '.syncthing.b.amparo.tmp',
      '~syncthing~b2.amparo.tmp',
      'c.amparo.part',
      '~d.amparo',
      'notes.txt',
      '.e.amparo',
    ])
      writeFileSync(join(folder, name), 'x');
    writeFileSync(join(folder, 'empty.amparo'), '');
    mkdirSync(join(folder, 'dir.amparo'));
    const { inbox, delivered } = watch(folder);
    await polls(inbox, 3);
    expect(delivered).toEqual([]);
  });

  it('looks in subfolders down to the stated depth, but not in hidden ones', async () => {
    const folder = makeTempDir();
    const put = (rel: string) => {
      mkdirSync(join(folder, rel, '..'), { recursive: true });
      writeFileSync(join(folder, rel), rel);
    };
    for (const rel of [
      'top.amparo',
      'to-B/one.amparo',
      'to-B/2026/11/three.amparo',
      'to-B/2026/11/deep/four.amparo',
      '.stfolder/hidden.amparo',
      '.stversions/old.amparo',
      'to-B/.stversions/old.amparo',
      'to-B/.syncthing.partial.amparo.tmp',
    ])
      put(rel);
    const { inbox, delivered } = watch(folder);
    await polls(inbox, 2);
    expect(delivered.map((d) => d.name)).toEqual([
      'to-B/2026/11/three.amparo',
      'to-B/one.amparo',
      'top.amparo',
    ]);
    const shallow = watch(folder, { maxDepth: 1 });
    await polls(shallow.inbox, 2);
    expect(shallow.delivered.map((d) => d.name)).toEqual(['to-B/one.amparo', 'top.amparo']);
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
    await polls(inbox, 2);
    renameSync(join(folder, 'f.amparo.part'), join(folder, 'f.amparo'));
    await polls(inbox, 2);
    expect(delivered).toEqual([{ name: 'f.amparo', bytes: 'done' }]);
  });

  it('does not deliver the same bytes twice under another name; a conflict copy with other bytes is a file like any', async () => {
    const folder = makeTempDir();
    const { inbox, delivered } = watch(folder);
    writeFileSync(join(folder, 'g.amparo'), 'same');
    await polls(inbox, 2);
    writeFileSync(join(folder, 'g (copy).amparo'), 'same');
    writeFileSync(join(folder, 'g.sync-conflict-20261124-100000-ABCDEFG.amparo'), 'other');
    await polls(inbox, 2);
    expect(delivered.map((d) => d.name)).toEqual([
      'g.amparo',
      'g.sync-conflict-20261124-100000-ABCDEFG.amparo',
    ]);
  });

  it('hands over the files one scan finds together, up to the batch size', async () => {
    const folder = makeTempDir();
    for (const name of ['a', 'b', 'c']) writeFileSync(join(folder, `${name}.amparo`), name.repeat(10));
    writeFileSync(join(folder, 'b-copy.amparo'), 'a'.repeat(10)); // a's content under another name
    const batches: string[][] = [];
    const { inbox } = watch(folder, {
      batchBytes: 25,
      onBundles: (batch) => {
        batches.push(batch.map((d) => d.file.name));
        return batch.map(() => undefined);
      },
    });
    await polls(inbox, 4);
    // a and b fit in 25 bytes. The copy of a is left out of the batch that holds a, and the next scans know
    // that content as handled.
    expect(batches).toEqual([['a.amparo', 'b.amparo'], ['c.amparo']]);
  });

  it('reports a failed delivery without retrying it, and keeps going', async () => {
    const folder = makeTempDir();
    const seen: string[] = [];
    const { inbox, errors } = watch(folder, {
      onBundles: eachOf(({ path }) => {
        seen.push(path);
        if (path.endsWith('bad.amparo')) throw new Error('refused');
      }),
    });
    writeFileSync(join(folder, 'bad.amparo'), 'bad');
    writeFileSync(join(folder, 'good.amparo'), 'good');
    await polls(inbox, 4);
    expect(errors).toEqual(['bad.amparo']);
    expect(seen.map((p) => p.slice(folder.length + 1))).toEqual(['bad.amparo', 'good.amparo']);
  });

  it('survives whatever is in the folder: FIFOs, links, loops, vanishing files and folders, a failing memory', async () => {
    const folder = makeTempDir();
    execFileSync('mkfifo', [join(folder, 'fifo.amparo')]); // reading it would block forever
    symlinkSync('/dev/zero', join(folder, 'zero.amparo')); // endless
    symlinkSync(folder, join(folder, 'loop')); // a folder that contains itself
    symlinkSync(join(folder, 'nowhere'), join(folder, 'dangling.amparo'));
    writeFileSync(join(folder, 'ok.amparo'), 'ok');
    writeFileSync(join(folder, 'vanishes.amparo'), 'gone soon');
    const memory = memoryInProcess();
    let failing = true;
    const flaky: InboxMemory = {
      ...memory,
      knownPath: (...args) => {
        if (failing && args[0].endsWith('ok.amparo')) throw new Error('vault locked');
        return memory.knownPath(...args);
      },
    };
    const { inbox, delivered, errors } = watch(folder, { memory: flaky });
    await inbox.poll();
    rmSync(join(folder, 'vanishes.amparo'));
    await polls(inbox, 2);
    expect(delivered).toEqual([]);
    expect(errors).toContain('ok.amparo');
    failing = false;
    await polls(inbox, 2);
    expect(delivered).toEqual([{ name: 'ok.amparo', bytes: 'ok' }]);

    // The folder itself goes away (a USB stick pulled out): reported, and the next poll is fine.
    const before = errors.length;
    rmSync(folder, { recursive: true, force: true });
    await expect(inbox.poll()).resolves.toBeUndefined();
    expect(errors.length).toBe(before + 1);
  });

  it('hands a file over its size limit to onOversize without reading it', async () => {
    const folder = makeTempDir();
    const big = join(folder, 'big.amparo');
    writeFileSync(big, '');
    truncateSync(big, 64 * 1024); // sparse
    const oversize: string[] = [];
    const { inbox, delivered } = watch(folder, {
      maxBytes: 1024,
      onOversize: (f) => void oversize.push(f.name),
    });
    await polls(inbox, 4);
    expect(delivered).toEqual([]);
    expect(oversize).toEqual(['big.amparo']);
  });

  it('with a memory that knows a path at its size and mtime, reads nothing', async () => {
    const folder = makeTempDir();
    writeFileSync(join(folder, 'known.amparo'), 'known');
    writeFileSync(join(folder, 'copy.amparo'), 'handled');
    const asked: string[] = [];
    const known = new Set([join(folder, 'known.amparo')]);
    const memory: InboxMemory = {
      knownPath: (path) => known.has(path),
      handled: (sha256) => {
        asked.push(sha256);
        return true;
      },
      remember: (file) => {
        asked.push(`remember ${file.name}`);
        known.add(file.path);
      },
      prune: () => undefined,
    };
    const { inbox, delivered } = watch(folder, { memory });
    await polls(inbox, 3);
    expect(delivered).toEqual([]);
    // Only the unknown path was hashed (to find its content handled) and remembered under its name.
    expect(asked).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), 'remember copy.amparo']);
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
      async (_ctx, bundles) =>
        bundles.map((bytes) => {
          imported.push(Buffer.from(bytes).toString());
          return { summary: fakeSummary(`id-${imported.length}`, imported.length > 1) };
        }),
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

  it('imports the bundles that arrive together in one job, and refuses a bad one among them alone', async () => {
    const [x, a, b, c] = await Promise.all(['X', 'A', 'B', 'C'].map((name) => makeOffice(name)));
    offices.push(x!, a!, b!, c!);
    introduceAll([x!, a!, b!, c!]);
    const folder = join(makeTempDir(), 'inbox');
    mkdirSync(folder);
    for (const [i, from] of [a!, b!, c!].entries()) {
      await from.service.handlers['person:create']({ givenName: `Persona ${i}`, familyName: 'Rojas' });
      const out = await from.service.handlers['bundle:export']({
        to: [x!.fingerprint],
        scope: { scope: 'since-last' },
        redaction: 'Full',
      });
      writeFileSync(join(folder, `${i}-${out.fileName}`), Buffer.from(out.bytes, 'base64'));
    }
    writeFileSync(join(folder, '1-junk.amparo'), 'not a bundle');
    const jobs = new Set<string>();
    const imported: string[] = [];
    x!.service.on('job:progress', (e) => {
      if (e.kind === 'bundle-import') jobs.add(e.jobId);
    });
    x!.service.on('sync:imported', (e) => imported.push(e.bundleId));
    await x!.service.handlers['inbox:set']({ folder });
    const controller = inboxControllerFor(x!.service.context);
    for (let i = 0; i < 3; i++) await controller.poll();
    expect(imported).toHaveLength(3);
    expect(jobs.size).toBe(1);
    const names = (await x!.service.handlers['person:list']({})).rows.map((p) => p.givenName).sort();
    expect(names).toEqual(['Persona 0', 'Persona 1', 'Persona 2']);
    const history = await x!.service.handlers['bundle:history'](undefined);
    expect(history.filter((h) => h.outcome === 'refused').map((h) => h.file)).toEqual(['1-junk.amparo']);
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
    // Both happened at the same (manual) time, so their order is not asserted.
    const history = await a.handlers['bundle:history'](undefined);
    expect(history).toHaveLength(2);
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          outcome: 'refused',
          file: 'junk.amparo',
          code: 'BUNDLE_TAMPERED',
          senderName: null,
        }),
        expect.objectContaining({
          bundleId: bundle.bundleId,
          senderName: 'San José intake',
          source: 'inbox',
          new: expect.any(Number),
        }),
      ]),
    );

    // Locked: the watcher stopped with the database; unlocking starts it again from the stored folder.
    a.lock('manual');
    await controller.poll();
    await a.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    expect(await a.handlers['inbox:get'](undefined)).toEqual({ folder });
    a.close();
    b.close();
  });
});

/** Two offices; `receiver` watches an inbox folder. */
async function inboxPair(state: 'verified' | 'unverified' | 'unknown') {
  const sender = await makeOffice('Oakland RRN');
  const receiver = await makeOffice('San José intake');
  offices.push(sender, receiver);
  introduce(sender, receiver);
  if (state !== 'unknown') introduce(receiver, sender, state);
  const folder = join(makeTempDir(), 'share');
  mkdirSync(folder);
  await receiver.service.handlers['inbox:set']({ folder });
  const events: string[] = [];
  receiver.service.on('sync:imported', (e) => events.push(`imported ${e.bundleId}`));
  receiver.service.on('sync:refused', (e) => events.push(`refused ${e.file} ${e.code}`));
  const controller = inboxControllerFor(receiver.service.context);
  await controller.poll();
  const drop = async (rel: string, given?: string) => {
    await sender.service.handlers['person:create']({ givenName: given ?? rel, familyName: 'Inbox' });
    const out = await sender.service.handlers['bundle:export']({
      to: [receiver.fingerprint],
      scope: { scope: 'since-last' },
      redaction: 'Full',
      confirmUnverified: true,
    });
    mkdirSync(join(folder, rel, '..'), { recursive: true });
    writeFileSync(join(folder, rel), Buffer.from(out.bytes, 'base64'));
    return out;
  };
  return { sender, receiver, folder, events, controller, drop };
}

describe('the service inbox and unverified senders', () => {
  it('never applies an unverified sender: a notice names sender, file and reason; verifying imports it', async () => {
    const { sender, receiver, folder, events, controller, drop } = await inboxPair('unverified');
    const before = recordDump(receiver);
    const bundle = await drop('to-B/update.amparo');
    const calls = imports.calls;
    await polls(controller, 4);
    expect(imports.calls).toBe(calls + 1); // decrypted once, not at every poll
    expect(recordDump(receiver)).toEqual(before);
    expect(events).toEqual(['refused to-B/update.amparo SENDER_UNVERIFIED']);
    const notices = await receiver.service.handlers['inbox:notices'](undefined);
    expect(notices).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{64}$/),
        file: 'to-B/update.amparo',
        code: 'SENDER_UNVERIFIED',
        refusedAt: expect.any(String),
        sender: { officeName: 'Oakland RRN', fingerprint: sender.fingerprint, state: 'unverified' },
      },
    ]);
    expect((await receiver.service.handlers['bundle:history'](undefined))[0]).toMatchObject({
      outcome: 'refused',
      code: 'SENDER_UNVERIFIED',
      file: 'to-B/update.amparo',
      senderName: 'Oakland RRN',
    });

    // Verified by phone: the waiting file is tried again and imported.
    const listingBefore = listing(folder);
    await receiver.service.handlers['contact:verify']({ fingerprint: sender.fingerprint });
    await polls(controller, 2);
    expect(events.at(-1)).toBe(`imported ${bundle.bundleId}`);
    expect(recordDump(receiver, ['people'])).toEqual(recordDump(sender, ['people']));
    expect(await receiver.service.handlers['inbox:notices'](undefined)).toEqual([]);
    const history = await receiver.service.handlers['bundle:history'](undefined);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ outcome: 'imported', bundleId: bundle.bundleId, source: 'inbox' });
    // The folder is only ever read.
    expect(listing(folder)).toEqual(listingBefore);
  });

  it('retries a file from an unknown sender when its card is added, and again when it is verified', async () => {
    const { sender, receiver, events, controller, drop } = await inboxPair('unknown');
    const bundle = await drop('early.amparo');
    await polls(controller, 2);
    expect(events).toEqual(['refused early.amparo BUNDLE_UNKNOWN_SENDER']);
    const [notice] = await receiver.service.handlers['inbox:notices'](undefined);
    // An unknown sender's name is not shown: nothing vouches for it.
    expect(notice).toMatchObject({ code: 'BUNDLE_UNKNOWN_SENDER', sender: null });
    await polls(controller, 3);
    expect(events).toHaveLength(1);

    const card = (await sender.service.handlers['card:export'](undefined)).card;
    await receiver.service.handlers['contact:add']({ card });
    await polls(controller, 2);
    expect(events.slice(1)).toEqual(['refused early.amparo SENDER_UNVERIFIED']);
    expect(await receiver.service.handlers['inbox:notices'](undefined)).toMatchObject([
      { id: notice!.id, code: 'SENDER_UNVERIFIED', sender: { state: 'unverified' } },
    ]);

    await receiver.service.handlers['contact:verify']({ fingerprint: sender.fingerprint });
    await polls(controller, 2);
    expect(events.slice(2)).toEqual([`imported ${bundle.bundleId}`]);
    expect(await receiver.service.handlers['inbox:notices'](undefined)).toEqual([]);
  });

  it('keeps other refusals, not retried, until dismissed; a notice goes when its file leaves the folder', async () => {
    const { receiver, folder, events, controller } = await inboxPair('verified');
    writeFileSync(join(folder, 'junk.amparo'), 'junk');
    writeFileSync(join(folder, 'other.amparo'), 'other junk');
    const calls = imports.calls;
    await polls(controller, 5);
    expect(imports.calls).toBe(calls + 2);
    expect(events).toEqual(['refused junk.amparo BUNDLE_TAMPERED', 'refused other.amparo BUNDLE_TAMPERED']);
    const notices = await receiver.service.handlers['inbox:notices'](undefined);
    expect(notices.map((n) => n.file)).toEqual(['other.amparo', 'junk.amparo']);
    expect(await receiver.service.handlers['inbox:dismiss']({ id: notices[1]!.id })).toHaveLength(1);
    // Moved away by whoever owns the share: its notice goes, its history entry stays.
    renameSync(join(folder, 'other.amparo'), join(makeTempDir(), 'other.amparo'));
    await polls(controller, 2);
    expect(await receiver.service.handlers['inbox:notices'](undefined)).toEqual([]);
    const history = await receiver.service.handlers['bundle:history'](undefined);
    expect(history.map((h) => (h.outcome === 'refused' ? h.file : h.bundleId)).sort()).toEqual([
      'junk.amparo',
      'other.amparo',
    ]);
    expect(imports.calls).toBe(calls + 2);
  });

  it('an unlock decrypts nothing it handled before, even copies under new names, and rescans subfolders', async () => {
    const { receiver, folder, events, controller, drop } = await inboxPair('verified');
    const one = await drop('one.amparo');
    const two = await drop('to-B/two.amparo');
    const three = await drop('to-B/2026/11/three.amparo');
    writeFileSync(join(folder, 'to-B', 'junk.amparo'), 'junk');
    const calls = imports.calls;
    await polls(controller, 3);
    expect(imports.calls).toBe(calls + 4);
    expect(events.filter((e) => e.startsWith('imported')).sort()).toEqual(
      [one, two, three].map((b) => `imported ${b.bundleId}`).sort(),
    );

    // A copy under another name (what a conflict copy of an unchanged file looks like) is hashed only.
    copyFileSync(
      join(folder, 'one.amparo'),
      join(folder, 'one.sync-conflict-20261124-100000-ABCDEFG.amparo'),
    );
    await polls(controller, 3);
    expect(imports.calls).toBe(calls + 4);

    const snapshot = listing(folder);
    for (let unlock = 0; unlock < 2; unlock++) {
      receiver.service.lock('manual');
      await receiver.service.handlers['vault:unlock']({ passphrase: PASSPHRASE });
      await polls(inboxControllerFor(receiver.service.context), 3);
    }
    expect(imports.calls).toBe(calls + 4);
    expect(events).toHaveLength(4);
    expect(listing(folder)).toEqual(snapshot);

    // The pre-check is path, size and mtime: a file rewritten in place with a new content is looked at.
    const four = await drop('one.amparo', 'Rewritten');
    utimesSync(join(folder, 'one.amparo'), new Date(), new Date(Date.now() + 5_000));
    await polls(controller, 3);
    expect(imports.calls).toBe(calls + 5);
    expect(events.at(-1)).toBe(`imported ${four.bundleId}`);
    expect(readFileSync(join(folder, 'to-B', 'junk.amparo'), 'utf8')).toBe('junk');
  });

  it('turning the inbox off clears its notices; the outcomes stay', async () => {
    const { receiver, folder, controller } = await inboxPair('unverified');
    writeFileSync(join(folder, 'junk.amparo'), 'junk');
    await polls(controller, 2);
    expect(await receiver.service.handlers['inbox:notices'](undefined)).toHaveLength(1);
    await receiver.service.handlers['inbox:set']({ folder: null });
    expect(await receiver.service.handlers['inbox:notices'](undefined)).toEqual([]);
    expect((await receiver.service.handlers['bundle:history'](undefined))[0]).toMatchObject({
      outcome: 'refused',
    });
    const calls = imports.calls;
    await receiver.service.handlers['inbox:set']({ folder });
    await polls(inboxControllerFor(receiver.service.context), 3);
    expect(imports.calls).toBe(calls);
  });
});

describe.skipIf(!findSyncthing())('the inbox on a real Syncthing share', () => {
  let pair: SyncthingPair;
  beforeAll(async () => {
    pair = await startSyncthingPair();
  }, 120_000);
  afterAll(async () => {
    await pair?.stop();
  }, 60_000);

  it('waits for the card and the verification, handles conflict copies, and never changes the share', async () => {
    const sender = await makeOffice('Oakland RRN');
    const receiver = await makeOffice('San José intake');
    offices.push(sender, receiver);
    introduce(sender, receiver);
    const events: string[] = [];
    receiver.service.on('sync:imported', (e) => events.push(`imported ${e.bundleId}`));
    receiver.service.on('sync:refused', (e) => events.push(`refused ${e.file} ${e.code}`));
    await receiver.service.handlers['inbox:set']({ folder: pair.b.folder });
    const controller = inboxControllerFor(receiver.service.context);

    // Sent before the receiver had the sender's card, into the receiver's subfolder of the share.
    await sender.service.handlers['person:create']({ givenName: 'Lucía', familyName: 'Ramírez' });
    const out = await sender.service.handlers['bundle:export']({
      to: [receiver.fingerprint],
      scope: { scope: 'all' },
      redaction: 'Full',
    });
    const bytes = Buffer.from(out.bytes, 'base64');
    const name = `to-B/${out.fileName}`;
    await putFile(pair.a, name, bytes);
    await waitForFile(pair.b, name, bytes);
    // Edits of one file on both sides while apart: Syncthing keeps the loser as a conflict copy.
    const { conflictName } = await makeConflict(pair, 'clash.amparo');
    await waitIdle(pair.b);
    await polls(controller, 3);
    expect(events.sort()).toEqual(
      [
        `refused ${conflictName} BUNDLE_TAMPERED`,
        'refused clash.amparo BUNDLE_TAMPERED',
        `refused ${name} BUNDLE_UNKNOWN_SENDER`,
      ].sort(),
    );
    const calls = imports.calls;
    const share = listing(pair.b.folder);

    // The card arrives: still not verified, so the bundle waits, now naming its sender.
    const card = (await sender.service.handlers['card:export'](undefined)).card;
    await receiver.service.handlers['contact:add']({ card });
    await polls(controller, 2);
    expect(events.at(-1)).toBe(`refused ${name} SENDER_UNVERIFIED`);
    const notices = await receiver.service.handlers['inbox:notices'](undefined);
    expect(notices.find((n) => n.file === name)?.sender).toMatchObject({ state: 'unverified' });

    // Fingerprints compared by phone: imported, the only file decrypted again.
    await receiver.service.handlers['contact:verify']({ fingerprint: sender.fingerprint });
    await polls(controller, 2);
    expect(events.at(-1)).toBe(`imported ${out.bundleId}`);
    expect(imports.calls).toBe(calls + 2);

    // An unlock later: nothing is decrypted again.
    receiver.service.lock('manual');
    await receiver.service.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    await polls(inboxControllerFor(receiver.service.context), 3);
    expect(imports.calls).toBe(calls + 2);

    // Nothing was moved or deleted, here or on the other side of the share.
    expect(listing(pair.b.folder)).toEqual(share);
    await waitIdle(pair.a);
    expect(readFileSync(join(pair.a.folder, name))).toEqual(bytes);
  }, 180_000);
});
