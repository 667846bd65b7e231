import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliInProcess, runCliProcess } from '../helpers/cli';
import { hashTree, makeTempDir, PASSPHRASE, removeTempDirs } from '../helpers/vault';

afterEach(removeTempDirs);

const env = { AMPARO_PASSPHRASE: PASSPHRASE };

function errorLine(stderr: string) {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string) as { error: { code: string; message: string } };
}

describe('amparo CLI (in process)', () => {
  it('init then status print office, fingerprint and schemaVersion', async () => {
    const vault = join(makeTempDir(), 'v');
    const init = await runCliInProcess(['--vault', vault, 'init', '--office', 'Oakland RRN'], env);
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({
      office: 'Oakland RRN',
      fingerprint: expect.stringMatching(/^[0-9]{60}$/),
      schemaVersion: expect.any(Number),
    });
    const status = await runCliInProcess(['--vault', vault, 'status'], env);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      office: 'Oakland RRN',
      fingerprint: JSON.parse(init.stdout).fingerprint,
    });
    expect(readFileSync(join(vault, 'vault.db')).subarray(0, 15).toString('latin1')).not.toBe(
      'SQLite format 3',
    );
  });

  it('passwd changes the passphrase from a file', async () => {
    const dir = makeTempDir();
    const vault = join(dir, 'v');
    await runCliInProcess(['--vault', vault, 'init', '--office', 'X'], env);
    const file = join(dir, 'new.txt');
    writeFileSync(file, 'the new passphrase is long\n');
    expect(
      (await runCliInProcess(['--vault', vault, 'passwd', '--new-passphrase-file', file], env)).code,
    ).toBe(0);
    expect((await runCliInProcess(['--vault', vault, 'status'], env)).code).toBe(2);
    const ok = await runCliInProcess(['--vault', vault, '--passphrase-file', file, 'status'], {});
    expect(ok.code).toBe(0);
  });

  it('usage errors exit 1 with one JSON line; unknown vault exits 2', async () => {
    const noVault = await runCliInProcess(['status'], env);
    expect(noVault.code).toBe(1);
    expect(errorLine(noVault.stderr).error.code).toBe('INVALID_INPUT');
    const unknown = await runCliInProcess(['--vault', makeTempDir(), 'frobnicate'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(errorLine(unknown.stderr).error.code).toBe('INVALID_INPUT');
    const bare = await runCliInProcess([], env);
    expect(bare.code).toBe(1);
    expect(errorLine(bare.stderr).error.code).toBe('INVALID_INPUT');
    const missing = await runCliInProcess(['--vault', join(makeTempDir(), 'nothing'), 'status'], env);
    expect(missing.code).toBe(2);
    expect(errorLine(missing.stderr).error.code).toBe('VAULT_NOT_FOUND');
    const noPass = await runCliInProcess(['--vault', join(makeTempDir(), 'x'), 'init', '--office', 'X'], {});
    expect(noPass.code).toBe(1);
    const weak = await runCliInProcess(['--vault', join(makeTempDir(), 'x'), 'init', '--office', 'X'], {
      AMPARO_PASSPHRASE: 'short',
    });
    expect(weak.code).toBe(1);
  });

  it('init refuses an existing vault', async () => {
    const vault = join(makeTempDir(), 'v');
    await runCliInProcess(['--vault', vault, 'init', '--office', 'A'], env);
    const again = await runCliInProcess(['--vault', vault, 'init', '--office', 'B'], env);
    expect(again.code).toBe(2);
    expect(errorLine(again.stderr).error.code).toBe('VAULT_EXISTS');
  });

  it('--help lists the commands', async () => {
    const help = await runCliInProcess(['--help']);
    expect(help.code).toBe(0);
    expect(JSON.parse(help.stdout).commands.map((c: { usage: string }) => c.usage)).toContain('status');
  });
});

describe('amparo CLI (real process, production KDF)', () => {
  it('a wrong passphrase exits 2 with WRONG_PASSPHRASE and changes no byte', () => {
    const vault = join(makeTempDir(), 'v');
    const init = runCliProcess(['--vault', vault, 'init', '--office', 'Oakland RRN'], env);
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout).office).toBe('Oakland RRN');
    const keyFile = JSON.parse(readFileSync(join(vault, 'vault.key.json'), 'utf8'));
    expect(keyFile.kdf.memoryKiB).toBeGreaterThanOrEqual(65536);
    expect(keyFile.kdf.iterations).toBeGreaterThanOrEqual(3);
    const before = hashTree(vault);
    const wrong = runCliProcess(['--vault', vault, 'status'], { AMPARO_PASSPHRASE: 'definitely not it' });
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(errorLine(wrong.stderr).error.code).toBe('WRONG_PASSPHRASE');
    expect(hashTree(vault)).toEqual(before);
  });
});
