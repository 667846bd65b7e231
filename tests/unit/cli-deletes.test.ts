import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli';
import { makeTempDir, PASSPHRASE, removeTempDirs } from '../helpers/vault';

// The CLI's Recently deleted and legal-hold commands, with their exit codes.

afterEach(removeTempDirs);

const env = { AMPARO_PASSPHRASE: PASSPHRASE };
let vault: string;
const cli = (...args: string[]) => runCliInProcess(['--vault', vault, ...args], env);
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const errorCode = (stderr: string) =>
  (JSON.parse(stderr.trim().split('\n').at(-1) as string) as { error: { code: string } }).error.code;

beforeEach(async () => {
  vault = join(makeTempDir(), 'v');
  expect((await cli('init', '--office', 'CLI Office')).code).toBe(0);
});

async function addPerson(familyName: string): Promise<string> {
  const added = await cli('add', 'person', '--json', JSON.stringify({ givenName: 'Ana', familyName }));
  return (JSON.parse(added.stdout) as { id: string }).id;
}

describe('deleted and hold commands', () => {
  it('delete, deleted list, restore, erase', async () => {
    const id = await addPerson('Restorable');
    expect(JSON.parse((await cli('delete', 'person', id)).stdout)).toEqual({
      id,
      deleted: true,
      erased: false,
    });
    expect((await cli('get', 'person', id)).code).toBe(4);
    expect(lines((await cli('deleted', 'list')).stdout)).toEqual([
      expect.objectContaining({ kind: 'person', id, label: 'Ana Restorable' }),
    ]);
    expect((await cli('deleted', 'restore', 'person', id)).code).toBe(0);
    expect(JSON.parse((await cli('get', 'person', id)).stdout).familyName).toBe('Restorable');
    await cli('delete', 'person', id);
    expect(JSON.parse((await cli('deleted', 'erase', '--all')).stdout)).toEqual({ erased: 1 });
    expect(lines((await cli('deleted', 'list')).stdout)).toEqual([]);
    expect((await cli('deleted', 'restore', 'person', id)).code).toBe(4);
  });

  it('delete --erase-now skips Recently deleted', async () => {
    const id = await addPerson('Forgotten');
    expect(JSON.parse((await cli('delete', 'person', id, '--erase-now')).stdout)).toMatchObject({
      erased: true,
    });
    expect(lines((await cli('deleted', 'list')).stdout)).toEqual([]);
  });

  it('hold set blocks delete with LEGAL_HOLD (exit 1) until hold clear', async () => {
    const id = await addPerson('Held');
    expect((await cli('hold', 'set', 'person', id)).code).toBe(1); // --reason is required
    expect((await cli('hold', 'set', 'person', id, '--reason', 'Habeas pending')).code).toBe(0);
    const refused = await cli('delete', 'person', id);
    expect(refused.code).toBe(1);
    expect(errorCode(refused.stderr)).toBe('LEGAL_HOLD');
    expect((await cli('hold', 'clear', 'person', id)).code).toBe(0);
    expect((await cli('delete', 'person', id)).code).toBe(0);
  });
});
