// The CLI's CSV import of the sample exports (automatic mapping, the mapping printed, every problem of every
// row as a sentence, --date-order) and `people merge`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli';
import { makeTempDir, PASSPHRASE, removeTempDirs } from '../helpers/vault';

afterEach(removeTempDirs);

const env = { AMPARO_PASSPHRASE: PASSPHRASE, AMPARO_LANG: 'en' };
let vault: string;
const cli = (...args: string[]) => runCliInProcess(['--vault', vault, ...args], env);

beforeEach(async () => {
  vault = join(makeTempDir(), 'v');
  expect((await cli('init', '--office', 'CLI Office')).code).toBe(0);
});

describe('import-csv', () => {
  it('maps the volunteer roster automatically and prints the mapping and every problem', async () => {
    const result = await cli('import-csv', 'volunteer', '/work/shared/samples/volunteers-roster.csv');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ imported: 4, skipped: 2, mappingSource: 'automatic' });
    expect(report.mapping).toContainEqual({ column: 'Languages spoken', field: 'languages' });
    expect(report.mapping).toContainEqual({ column: 'Timestamp', field: null });
    expect(report.problems.map((p: { row: number; message: string }) => [p.row, p.message])).toEqual([
      [5, '“Last Name” is empty, and it is needed.'],
      [6, '“amina.yusuf@example” in “Email” is not an email address.'],
    ]);
    // Problems quote cells: they go to the result on stdout only, never to stderr.
    expect(result.stderr).toBe('');
  });

  it('imports the intake sheet whole but for the row a volunteer must fix, saying why in words', async () => {
    const result = await cli('import-csv', 'person', '/work/shared/samples/people-intake-sheet.csv');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ imported: 4, skipped: 1 });
    const errors = report.problems.filter((p: { severity: string }) => p.severity === 'error');
    expect(errors.map((p: { row: number; message: string }) => [p.row, p.message])).toEqual([
      [5, '“A12” in “A#” is not an A-number: it needs 8 or 9 digits, and has 2.'],
      [5, '“02/29/1985” in “DOB” is a day that does not exist: check the day and the month.'],
    ]);
    const wei = JSON.parse((await cli('list', 'person', '--search', 'Wei')).stdout.trim());
    expect(wei.languages).toEqual(['cmn']);
  });

  it('asks for the date order of a column that cannot tell, and takes --date-order', async () => {
    const file = join(makeTempDir(), 'dates.csv');
    writeFileSync(file, 'Nombre,Apellidos,Fecha de nacimiento\nAna,Paz,04/09/1988\n');
    const unsure = JSON.parse((await cli('import-csv', 'person', file, '--dry-run')).stdout);
    expect(unsure.dateColumns).toEqual([{ column: 'Fecha de nacimiento', order: null, ambiguous: true }]);
    expect(unsure.problems[0].message).toContain('could be day first or month first');
    const sure = JSON.parse((await cli('import-csv', 'person', file, '--date-order', 'DMY')).stdout);
    expect(sure).toMatchObject({ imported: 1, problems: [] });
    const listed = JSON.parse((await cli('list', 'person')).stdout.trim().split('\n')[0] as string);
    expect(listed.dateOfBirth).toBe('1988-09-04');
  });
});

describe('people merge', () => {
  it('keeps one record with the other’s blanks filled, moves its events, deletes the other', async () => {
    const add = async (json: object) =>
      JSON.parse((await cli('add', 'person', '--json', JSON.stringify(json))).stdout);
    const keep = await add({ givenName: 'Juan', familyName: 'Gutierrez', dateOfBirth: '1980-01-02' });
    const other = await add({
      givenName: 'Juan Carlos',
      familyName: 'Gutiérrez Ramírez',
      phone: '510 555 0142',
    });
    const event = JSON.parse(
      (
        await cli(
          'add',
          'event',
          '--json',
          JSON.stringify({ personId: other.id, kind: 'CALL', at: '2026-01-05T10:00:00Z' }),
        )
      ).stdout,
    );
    const merged = await cli('people', 'merge', keep.id, other.id, '--take', 'givenName');
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({
      person: { id: keep.id, givenName: 'Juan Carlos', familyName: 'Gutierrez', phone: '510 555 0142' },
      moved: { events: 1 },
    });
    expect(JSON.parse((await cli('get', 'event', event.id)).stdout).personId).toBe(keep.id);
    expect((await cli('get', 'person', other.id)).code).not.toBe(0);
  });
});
