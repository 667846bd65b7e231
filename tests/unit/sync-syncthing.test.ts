// Offices that sync through a shared Syncthing folder, with two real Syncthing instances on 127.0.0.1: what
// the receiving folder holds while a file is in transfer, what a conflict copy is called, and how the inbox
// behaves on such a folder today. Skipped when `syncthing` is not installed (Debian: apt-get install
// syncthing; .ci/run installs it).
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxControllerFor } from '../../electron/core/sync/feature';
import { startInbox } from '../../electron/core/sync/inbox';
import { introduce, makeOffice, type Office } from '../helpers/sync-offices';
import {
  findSyncthing,
  groupSockets,
  loopbackViolations,
  makeConflict,
  putFile,
  sha256,
  startSyncthingPair,
  SYNCTHING_CONFLICT_PATTERN,
  SYNCTHING_TEMP_PATTERN,
  syncthingTempName,
  transfer,
  waitFor,
  waitForFile,
  type SyncthingPair,
} from '../helpers/syncthing';
import { removeTempDirs } from '../helpers/vault';

const SYNCTHING = findSyncthing();
if (!SYNCTHING)
  console.warn(
    'sync-syncthing.test.ts: skipped, `syncthing` is not on PATH (Debian: apt-get install syncthing).',
  );

interface FolderLog {
  /** Every name other than the final one that appeared (names present at the start are left out). */
  others: Set<string>;
  /** Every size the file had whenever it was there under its final name. */
  finalSizes: Set<number>;
  /** Looks that found a new name but not yet the final one: the file was in transfer. */
  looksInTransfer: number;
}

/**
 * Looks at `folder` as often as it can (a transfer is short) until `done` says so, logging what was there.
 * `onLook` runs after each look, e.g. an inbox poll.
 */
async function watchFolder(
  folder: string,
  finalName: string,
  done: (log: FolderLog) => Promise<boolean> | boolean,
  onLook: () => Promise<void> | void = () => undefined,
): Promise<FolderLog> {
  const before = new Set(readdirSync(folder));
  const log: FolderLog = { others: new Set(), finalSizes: new Set(), looksInTransfer: 0 };
  await waitFor(
    `${finalName} to be done in ${folder}`,
    async () => {
      const entries = readdirSync(folder);
      for (const entry of entries) {
        if (entry === finalName) {
          const size = statSync(join(folder, entry), { throwIfNoEntry: false })?.size;
          if (size !== undefined) log.finalSizes.add(size);
        } else if (!before.has(entry)) log.others.add(entry);
      }
      if (!entries.includes(finalName) && entries.some((e) => !before.has(e))) log.looksInTransfer++;
      await onLook();
      return done(log);
    },
    { intervalMs: 5, timeoutMs: 90_000 },
  );
  return log;
}

describe.skipIf(!SYNCTHING)('two real Syncthing instances on 127.0.0.1', () => {
  let pair: SyncthingPair;
  beforeAll(async () => {
    // B's download limit keeps the 30 MB file below in transfer for a few seconds.
    pair = await startSyncthingPair({ bMaxRecvKiBps: 12 * 1024 });
  }, 120_000);
  afterAll(async () => {
    await pair?.stop();
  }, 60_000);

  it('talk only over loopback: no discovery, relays, NAT, STUN, usage or crash reports', async () => {
    expect(await loopbackViolations(pair.a)).toEqual([]);
    expect(await loopbackViolations(pair.b)).toEqual([]);
    if (process.platform === 'linux') {
      // The socket part of the check really looked: it sees B's sync listener.
      expect(groupSockets(pair.b.process.pid)).toContainEqual({
        proto: 'tcp',
        local: '127.0.0.1',
        remote: '0.0.0.0',
      });
    }
  });

  it('a file written into A arrives whole in B', async () => {
    const bytes = randomBytes(200_000);
    const path = await transfer(pair, 'hello.bin', bytes);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('a file in transfer is in B only under a temp name, never partially under its final name', async () => {
    const name = 'big.bin';
    const bytes = randomBytes(30 * 1024 * 1024);
    const watching = watchFolder(pair.b.folder, name, (log) => log.finalSizes.has(bytes.length));
    await putFile(pair.a, name, bytes);
    const log = await watching;
    await waitForFile(pair.b, name, bytes);
    // Whenever the final name was there, the file was whole ...
    expect([...log.finalSizes]).toEqual([bytes.length]);
    // ... and until then the data went to exactly one other name: the temp file of this platform.
    expect(log.looksInTransfer).toBeGreaterThan(0);
    expect([...log.others]).toEqual([syncthingTempName(name)]);
    expect(SYNCTHING_TEMP_PATTERN.exec([...log.others][0] ?? '')?.[1]).toBe(name);
  }, 120_000);

  it('edits on both sides while apart leave a conflict copy <base>.sync-conflict-<date>-<time>-<device><ext>', async () => {
    const { conflictName, aBytes } = await makeConflict(pair, 'notes.txt');
    const groups = SYNCTHING_CONFLICT_PATTERN.exec(conflictName)?.groups;
    expect(groups).toMatchObject({ base: 'notes', ext: '.txt' });
    expect([pair.a.shortId, pair.b.shortId]).toContain(groups?.device);
    // The losing version (A's, the older) is what the copy holds, on both sides.
    expect(readFileSync(join(pair.a.folder, conflictName)).equals(aBytes)).toBe(true);
    expect(readFileSync(join(pair.b.folder, conflictName)).equals(aBytes)).toBe(true);
  }, 120_000);
});

describe.skipIf(!SYNCTHING)('the inbox on a Syncthing share, as it behaves today', () => {
  let pair: SyncthingPair;
  let a: Office;
  let b: Office;
  const imported: { bundleId: string; source: string }[] = [];

  beforeAll(async () => {
    // Slow enough for B that a bundle of a megabyte is in transfer over many inbox polls.
    pair = await startSyncthingPair({ bMaxRecvKiBps: 256 });
    a = await makeOffice('San José intake');
    b = await makeOffice('Oakland coordination');
    introduce(a, b);
    introduce(b, a);
    b.service.on('sync:imported', (event) => imported.push(event));
    await b.service.handlers['inbox:set']({ folder: pair.b.folder });
  }, 120_000);
  afterAll(async () => {
    a?.service.close();
    b?.service.close();
    await pair?.stop();
    removeTempDirs();
  }, 60_000);

  const exportToB = async () => {
    const bundle = await a.service.handlers['bundle:export']({
      to: [b.fingerprint],
      scope: { scope: 'since-last' },
      redaction: 'Full',
    });
    return { ...bundle, bytes: Buffer.from(bundle.bytes, 'base64') };
  };
  const historyOf = async (bundleId: string) =>
    (await b.service.handlers['bundle:history'](undefined)).filter((h) => h.bundleId === bundleId);

  it('imports a bundle synced into its folder exactly once, and never reads the partial file', async () => {
    // Random text does not compress, so the bundle is well past the 512 KiB that Syncthing's rate limiter
    // lets through at once, and stays in transfer for seconds.
    for (let i = 0; i < 40; i++)
      await a.service.handlers['person:create']({
        givenName: `Person ${i}`,
        familyName: 'Pérez',
        notes: randomBytes(15_000).toString('base64'),
        medicalNeeds: randomBytes(15_000).toString('base64'),
      });
    const bundle = await exportToB();
    expect(bundle.bytes.length).toBeGreaterThan(1_000_000);

    // Besides the service's own watcher, a bare inbox on the same folder reports what it hands over.
    const handed: { name: string; sha: string }[] = [];
    const probe = startInbox({
      folder: pair.b.folder,
      intervalMs: 3_600_000, // polled below
      onBundles: (batch) =>
        batch.map(({ path, bytes }) => {
          handed.push({ name: path.slice(pair.b.folder.length + 1), sha: sha256(bytes) });
          return undefined;
        }),
    });
    const controller = inboxControllerFor(b.service.context);
    try {
      const watching = watchFolder(
        pair.b.folder,
        bundle.fileName,
        async () => (await historyOf(bundle.bundleId)).length > 0 && handed.length > 0,
        async () => {
          await Promise.all([controller.poll(), probe.poll()]);
        },
      );
      await putFile(pair.a, bundle.fileName, bundle.bytes);
      const log = await watching;
      // Both inboxes polled several times while the partial file was there, under the temp name only.
      expect(log.looksInTransfer).toBeGreaterThan(2);
      expect([...log.others]).toEqual([syncthingTempName(bundle.fileName)]);
      expect([...log.finalSizes]).toEqual([bundle.bytes.length]);
      for (let i = 0; i < 5; i++) await Promise.all([controller.poll(), probe.poll()]);
    } finally {
      probe.stop();
    }

    expect(handed).toEqual([{ name: bundle.fileName, sha: sha256(bundle.bytes) }]);
    expect(imported).toEqual([{ bundleId: bundle.bundleId, source: 'inbox' }]);
    expect(await historyOf(bundle.bundleId)).toHaveLength(1);
  }, 120_000);

  it('a bundle synced into the subfolder to-B/ of its folder', async () => {
    // The inbox scans subfolders of its folder (down to INBOX_MAX_DEPTH), so this one is imported.
    const INBOX_SCANS_SUBFOLDERS = true;

    await a.service.handlers['person:create']({ givenName: 'Lucía', familyName: 'Ramírez' });
    const bundle = await exportToB();
    await putFile(pair.a, `to-B/${bundle.fileName}`, bundle.bytes);
    await waitForFile(pair.b, `to-B/${bundle.fileName}`, bundle.bytes);
    const controller = inboxControllerFor(b.service.context);
    // A file is delivered once it held still across two polls; a few more leave no doubt.
    for (let i = 0; i < 5; i++) await controller.poll();

    expect(imported.map((e) => e.bundleId).includes(bundle.bundleId)).toBe(INBOX_SCANS_SUBFOLDERS);
    expect(await historyOf(bundle.bundleId)).toHaveLength(INBOX_SCANS_SUBFOLDERS ? 1 : 0);
  }, 120_000);
});
