// `amparo bundle export|import` and `amparo conflicts list|resolve` between two offices' vaults.
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../electron/core/sync/limits';
import { EXIT_CODES } from '../../shared/errors';
import { runCliInProcess } from '../helpers/cli';
import { hashTree, makeTempDir, PASSPHRASE, removeTempDirs } from '../helpers/vault';

afterEach(removeTempDirs);

const env = { AMPARO_PASSPHRASE: PASSPHRASE };
const errorCode = (stderr: string) =>
  (JSON.parse(stderr.trim().split('\n').at(-1) as string) as { error: { code: string } }).error.code;

async function office(name: string) {
  const dir = makeTempDir();
  const vault = join(dir, 'vault');
  const init = await runCliInProcess(['--vault', vault, 'init', '--office', name], env);
  expect(init.code).toBe(0);
  const cli = (...args: string[]) => runCliInProcess(['--vault', vault, ...args], env);
  const fingerprint = (JSON.parse(init.stdout) as { fingerprint: string }).fingerprint;
  const card = join(dir, 'office.amparo-card');
  expect((await cli('card', 'export', card)).code).toBe(0);
  return { dir, vault, cli, fingerprint, card };
}

type O = Awaited<ReturnType<typeof office>>;

async function meet(a: O, b: O, verify = true) {
  expect((await a.cli('contact', 'add', b.card)).code).toBe(0);
  if (verify) expect((await a.cli('contact', 'verify', b.fingerprint)).code).toBe(0);
}

describe('amparo bundle', () => {
  it('exports, previews, imports, replays and resolves a conflict', async () => {
    const sj = await office('San José intake');
    const oak = await office('Oakland RRN');
    await meet(sj, oak);
    await meet(oak, sj);
    const created = await sj.cli(
      'add',
      'person',
      '--json',
      JSON.stringify({ givenName: 'Ana', familyName: 'Díaz' }),
    );
    expect(created.code).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: string }).id;

    const file = join(sj.dir, 'out.amparo');
    const exported = await sj.cli('bundle', 'export', '--to', oak.fingerprint, '--out', file, '--all');
    expect(exported.code).toBe(0);
    const { bundleId } = JSON.parse(exported.stdout) as { bundleId: string };
    // Never overwrites a file.
    const again = await sj.cli('bundle', 'export', '--to', oak.fingerprint, '--out', file, '--all');
    expect(again.code).toBe(EXIT_CODES.INVALID_INPUT);

    const before = hashTree(oak.vault);
    const dry = await oak.cli('bundle', 'import', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ bundleId, new: 1, updated: 0, conflicts: 0 });
    expect(hashTree(oak.vault)).toEqual(before);
    const imported = await oak.cli('bundle', 'import', file);
    expect(JSON.parse(imported.stdout)).toEqual({
      bundleId,
      sender: { officeName: 'San José intake', fingerprint: sj.fingerprint, state: 'verified' },
      new: 1,
      updated: 0,
      conflicts: 0,
      alreadyImported: false,
    });
    const replay = await oak.cli('bundle', 'import', file);
    expect(JSON.parse(replay.stdout)).toMatchObject({ bundleId, alreadyImported: true });

    // Concurrent edits of one field, then each side sends since the last bundle.
    await sj.cli('update', 'person', id, '--json', JSON.stringify({ arrestLocation: 'San José' }));
    await oak.cli('update', 'person', id, '--json', JSON.stringify({ arrestLocation: 'Oakland' }));
    const back = join(oak.dir, 'back.amparo');
    expect((await oak.cli('bundle', 'export', '--to', sj.fingerprint, '--out', back)).code).toBe(0);
    const merged = JSON.parse((await sj.cli('bundle', 'import', back)).stdout) as { conflicts: number };
    expect(merged.conflicts).toBe(1);
    const list = await sj.cli('conflicts', 'list');
    const conflicts = list.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; field: string });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.field).toBe('arrestLocation');
    const resolved = await sj.cli('conflicts', 'resolve', conflicts[0]!.id, '--keep', 'incoming');
    expect(JSON.parse(resolved.stdout)).toEqual({ id: conflicts[0]!.id, resolved: true });
    expect((await sj.cli('conflicts', 'list')).stdout.trim()).toBe('');
    const bad = await sj.cli('conflicts', 'resolve', conflicts[0]!.id, '--keep', 'mine');
    expect(bad.code).toBe(EXIT_CODES.INVALID_INPUT);
  });

  it('refuses with exit 3 and a specific code, leaving the vault files unchanged', async () => {
    const sj = await office('San José intake');
    const oak = await office('Oakland RRN');
    const third = await office('Partner');
    await meet(sj, oak);
    await meet(sj, third, false);
    await meet(oak, sj);
    await sj.cli('add', 'person', '--json', JSON.stringify({ givenName: 'Luz', familyName: 'Mora' }));

    // An unverified recipient needs --yes.
    const toThird = join(sj.dir, 'third.amparo');
    const unconfirmed = await sj.cli(
      'bundle',
      'export',
      '--to',
      third.fingerprint,
      '--out',
      toThird,
      '--all',
    );
    expect(errorCode(unconfirmed.stderr)).toBe('FORBIDDEN');
    expect(existsSync(toThird)).toBe(false);
    expect(
      (await sj.cli('bundle', 'export', '--to', third.fingerprint, '--out', toThird, '--all', '--yes')).code,
    ).toBe(0);

    const file = join(sj.dir, 'oak.amparo');
    expect((await sj.cli('bundle', 'export', '--to', oak.fingerprint, '--out', file, '--all')).code).toBe(0);
    const bytes = readFileSync(file);
    const cases: [string, Buffer, string][] = [
      ['not for us', readFileSync(toThird), 'BUNDLE_NOT_FOR_US'],
      ['flipped', Buffer.from(bytes.map((b, i) => (i === bytes.length - 10 ? b ^ 1 : b))), 'BUNDLE_TAMPERED'],
      ['truncated', bytes.subarray(0, bytes.length - 30), 'BUNDLE_TAMPERED'],
    ];
    for (const [name, data, code] of cases) {
      const path = join(oak.dir, `${name}.amparo`);
      writeFileSync(path, data);
      const before = hashTree(oak.vault);
      const result = await oak.cli('bundle', 'import', path);
      expect(result.code, name).toBe(3);
      expect(errorCode(result.stderr), name).toBe(code);
      expect(hashTree(oak.vault), name).toEqual(before);
    }
    // The third office does not know San José as a sender.
    const unknown = await third.cli('bundle', 'import', toThird);
    expect(unknown.code).toBe(3);
    expect(errorCode(unknown.stderr)).toBe('BUNDLE_UNKNOWN_SENDER');

    // A file over the size limit is refused by its size, before it is read (a sparse file: no disk used).
    const huge = join(oak.dir, 'huge.amparo');
    writeFileSync(huge, '');
    truncateSync(huge, DEFAULT_LIMITS.maxBundleBytes + 1);
    const before = hashTree(oak.vault);
    const tooLarge = await oak.cli('bundle', 'import', huge);
    expect(tooLarge.code).toBe(3);
    expect(errorCode(tooLarge.stderr)).toBe('BUNDLE_TOO_LARGE');
    expect(hashTree(oak.vault)).toEqual(before);
  });

  it('imports from an unverified sender only with --yes; --dry-run shows the state', async () => {
    const sj = await office('San José intake');
    const oak = await office('Oakland RRN');
    await meet(sj, oak);
    await meet(oak, sj, false);
    await sj.cli('add', 'person', '--json', JSON.stringify({ givenName: 'Inés', familyName: 'Vega' }));
    const file = join(sj.dir, 'unverified.amparo');
    expect((await sj.cli('bundle', 'export', '--to', oak.fingerprint, '--out', file, '--all')).code).toBe(0);

    const dry = await oak.cli('bundle', 'import', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      sender: { fingerprint: sj.fingerprint, state: 'unverified' },
      new: 1,
      dryRun: true,
    });
    const before = hashTree(oak.vault);
    const refused = await oak.cli('bundle', 'import', file);
    expect(refused.code).toBe(3);
    expect(errorCode(refused.stderr)).toBe('SENDER_UNVERIFIED');
    expect(hashTree(oak.vault)).toEqual(before);

    const confirmed = await oak.cli('bundle', 'import', file, '--yes');
    expect(confirmed.code).toBe(0);
    expect(JSON.parse(confirmed.stdout)).toMatchObject({
      sender: { state: 'unverified' },
      new: 1,
      alreadyImported: false,
    });
  });
});
