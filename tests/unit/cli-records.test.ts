import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli';
import { makeTempDir, PASSPHRASE, removeTempDirs } from '../helpers/vault';

afterEach(removeTempDirs);

const env = { AMPARO_PASSPHRASE: PASSPHRASE };
let vault: string;
const cli = (...args: string[]) => runCliInProcess(['--vault', vault, ...args], env);
const errorCode = (stderr: string) =>
  (JSON.parse(stderr.trim().split('\n').at(-1) as string) as { error: { code: string } }).error.code;

beforeEach(async () => {
  vault = join(makeTempDir(), 'v');
  expect((await cli('init', '--office', 'CLI Office')).code).toBe(0);
});

describe('record commands', () => {
  it('add, get, update, list, delete with stable exit codes', async () => {
    const added = await cli(
      'add',
      'person',
      '--json',
      JSON.stringify({ givenName: 'Ana', familyName: 'López', aNumber: 'A123-456-789' }),
    );
    expect(added.code).toBe(0);
    const person = JSON.parse(added.stdout);
    expect(person.aNumber).toBe('123456789');
    expect(JSON.parse((await cli('get', 'person', person.id)).stdout).familyName).toBe('López');
    expect(
      JSON.parse((await cli('update', 'person', person.id, '--json', '{"priority":"URGENT"}')).stdout)
        .priority,
    ).toBe('URGENT');
    const listed = await cli('list', 'person', '--search', 'lopez', '--filter', 'priority=URGENT');
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual([person.id]);
    expect((await cli('delete', 'person', person.id)).code).toBe(0);
    const gone = await cli('get', 'person', person.id);
    expect(gone.code).toBe(4);
    expect(errorCode(gone.stderr)).toBe('NOT_FOUND');
    const invalid = await cli('add', 'person', '--json', '{"givenName":"X","familyName":"Y","aNumber":"12"}');
    expect(invalid.code).toBe(1);
    expect(errorCode(invalid.stderr)).toBe('INVALID_INPUT');
    expect((await cli('get', 'spaceship', 'x')).code).toBe(1);
    expect((await cli('audit', 'verify')).code).toBe(0);
  });

  it('imports CSV with a mapping and a dry run, reporting the bad row; exports with a warning', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'people.csv');
    writeFileSync(
      file,
      'Nombre,familyName,aNumber,languages\nAna,Pérez,A123456789,es; en\nBeto,,,es\nCarla,Ruiz,12,es\n',
    );
    const dry = await cli('import-csv', 'person', file, '--map', 'Nombre=givenName', '--dry-run');
    expect(JSON.parse(dry.stdout)).toMatchObject({ imported: 0, skipped: 2, dryRun: true });
    const real = await cli('import-csv', 'person', file, '--map', 'Nombre=givenName');
    const report = JSON.parse(real.stdout);
    expect(report).toMatchObject({ imported: 1, skipped: 2 });
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, field: 'familyName', column: 'familyName' }),
        expect.objectContaining({ row: 4, field: 'aNumber', column: 'aNumber' }),
      ]),
    );
    const out = join(dir, 'out.csv');
    const exported = await cli('export-csv', 'person', out);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('not encrypted');
    expect(readFileSync(out, 'utf8')).toContain('Pérez');
  });

  it('generates demo data', async () => {
    const demo = await cli(
      'demo',
      '--people',
      '30',
      '--volunteers',
      '10',
      '--attorneys',
      '5',
      '--events-per-person',
      '1',
    );
    expect(JSON.parse(demo.stdout)).toEqual({ people: 30, volunteers: 10, attorneys: 5, events: 30 });
    const listed = await cli('list', 'volunteer', '--limit', '100');
    expect(listed.stdout.trim().split('\n')).toHaveLength(10);
  });
});
