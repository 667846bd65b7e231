import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli';
import { makeTempDir, PASSPHRASE, removeTempDirs } from '../helpers/vault';

// `amparo list person --view NAME` goes through the same saved-view channel as the People screen.

afterEach(removeTempDirs);

const env = { AMPARO_PASSPHRASE: PASSPHRASE };
let vault: string;
const cli = (...args: string[]) => runCliInProcess(['--vault', vault, ...args], env);
const ids = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { id: string }).id);

beforeEach(async () => {
  vault = join(makeTempDir(), 'v');
  expect((await cli('init', '--office', 'CLI Office')).code).toBe(0);
});

describe('list --view', () => {
  it('prints the people in a saved view and refuses unknown views or other kinds', async () => {
    const add = async (record: object) =>
      (JSON.parse((await cli('add', 'person', '--json', JSON.stringify(record))).stdout) as { id: string })
        .id;
    const urgent = await add({ givenName: 'Ana', familyName: 'López', priority: 'URGENT' });
    await add({ givenName: 'Beto', familyName: 'Ruiz', priority: 'NORMAL' });

    const listed = await cli('list', 'person', '--view', 'urgent');
    expect(listed.code).toBe(0);
    expect(ids(listed.stdout)).toEqual([urgent]);

    expect((await cli('list', 'person', '--view', 'nonsense')).code).toBe(1);
    expect((await cli('list', 'volunteer', '--view', 'urgent')).code).toBe(1);
  });
});
