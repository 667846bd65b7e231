// Plaintext leak scan. A full session is driven through the real CLI (bundled as shipped):
// create a vault, add people, CSV import, search, exchange cards, bundle export and import, backup when that
// command exists; every CLI run locks the vault when it exits. 50 unique markers are planted in names,
// notes, A-numbers (9-digit strings) and contacts. Then every file under both vault folders, the private
// TMPDIR and HOME the CLI ran with, every file new in the OS temp folder, every bundle, card and backup, and
// the CLI's stderr (its only log) is searched for the markers in UTF-8 and UTF-16LE: 0 expected. Finally a
// CSV export of the same data is scanned and must show every marker, which proves the scan can fail.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, bundleEntry, runAndKill } from '../helpers/crash-spawn';
import {
  findMarkers,
  makeTempDir,
  PASSPHRASE,
  removeTempDirs,
  testService,
  unlockedService,
} from '../helpers/vault';
import { plantMarkers } from '../helpers/leak';

const PEOPLE = 10;
let cli: string;
let root: string;

beforeAll(async () => {
  cli = await bundleEntry(CLI);
  root = makeTempDir('amparo-leak-');
});

afterAll(() => {
  if (cli) rmSync(cli, { force: true });
  removeTempDirs();
});

describe('leak scan', () => {
  it('a full CLI session leaves 0 of 50 markers outside the encrypted vault; a CSV export shows all 50', async () => {
    const dirs = {
      a: join(root, 'vault-a'),
      b: join(root, 'vault-b'),
      tmp: join(root, 'tmp'),
      home: join(root, 'home'),
      out: join(root, 'out'),
      inputs: join(root, 'inputs'), // the user's own source files: not outputs of the session
      csvOut: join(root, 'csv-export'),
    };
    for (const d of [dirs.tmp, dirs.home, dirs.out, dirs.inputs, dirs.csvOut])
      mkdirSync(d, { recursive: true });
    const osTmpBefore = new Set(readdirSync(tmpdir()));
    const m = plantMarkers(PEOPLE);
    const all = m.flatMap((p) => [p.given, p.family, p.note, p.aNumber, p.extra]);
    expect(new Set(all).size).toBe(50);

    const stderrs: string[] = [];
    const amparo = async (vault: string, ...args: string[]) => {
      const run = await runAndKill(cli, ['--vault', vault, ...args], {
        env: { AMPARO_PASSPHRASE: PASSPHRASE, TMPDIR: dirs.tmp, HOME: dirs.home },
      });
      stderrs.push(run.stderr);
      expect(run.code, `${args[0]}: ${run.stderr}`).toBe(0);
      return run.stdout;
    };

    // Vault A is created in-process with the cheap test KDF (its unlocks then cost milliseconds); vault B
    // is created by `amparo init` with production Argon2id, so the init path is scanned too.
    (await unlockedService({ vaultDir: dirs.a, officeName: 'Office A' })).service.close();
    await amparo(dirs.b, 'init', '--office', 'Office B');

    for (const p of m.slice(0, PEOPLE / 2)) {
      const person = {
        givenName: p.given,
        familyName: p.family,
        notes: p.note,
        aNumber: p.aNumber,
        contacts: [{ name: p.extra, relationship: 'sister' }],
      };
      await amparo(dirs.a, 'add', 'person', '--json', JSON.stringify(person));
    }
    const csv = join(dirs.inputs, 'people.csv');
    const rows = m.slice(PEOPLE / 2).map((p) => [p.given, p.family, p.note, p.aNumber, p.extra].join(','));
    writeFileSync(csv, `givenName,familyName,notes,aNumber,otherNames\n${rows.join('\n')}\n`);
    expect(JSON.parse(await amparo(dirs.a, 'import-csv', 'person', csv))).toMatchObject({
      imported: PEOPLE / 2,
    });
    // CSV problems quote the cells they could not read: in the command's result on stdout, which the user
    // asked for, and nowhere else (not on stderr, not in any file below).
    const [bad] = plantMarkers(1);
    const quoted = [bad!.given, bad!.family];
    const badCsv = join(dirs.inputs, 'bad.csv');
    writeFileSync(
      badCsv,
      `givenName,familyName,dateOfBirth,phone\nAna,Paz,${quoted[0]},\nEva,Ruiz,,${quoted[1]}\n`,
    );
    const problems = await amparo(dirs.a, 'import-csv', 'person', badCsv, '--dry-run');
    for (const cell of quoted) expect(problems).toContain(`“${cell}”`);
    expect(await amparo(dirs.a, 'list', 'person', '--search', m[0]!.given)).toContain(m[0]!.given);
    expect(await amparo(dirs.a, 'list', 'person', '--search', m[PEOPLE - 1]!.family)).toContain(
      m[PEOPLE - 1]!.family,
    );

    // Exchange cards, send everything A has to B in a bundle, import it there and search for it.
    await amparo(dirs.a, 'card', 'export', join(dirs.out, 'a.amparo-card'));
    await amparo(dirs.b, 'card', 'export', join(dirs.out, 'b.amparo-card'));
    // B compares A's fingerprint and marks A verified: a bundle from an unverified office is never applied.
    const aContact = JSON.parse(await amparo(dirs.b, 'contact', 'add', join(dirs.out, 'a.amparo-card'))) as {
      fingerprint: string;
    };
    await amparo(dirs.b, 'contact', 'verify', aContact.fingerprint);
    const bContact = JSON.parse(await amparo(dirs.a, 'contact', 'add', join(dirs.out, 'b.amparo-card'))) as {
      fingerprint: string;
    };
    const bundle = join(dirs.out, 'to-b.amparo');
    await amparo(dirs.a, 'bundle', 'export', '--to', bContact.fingerprint, '--out', bundle, '--all', '--yes');
    expect(JSON.parse(await amparo(dirs.b, 'bundle', 'import', bundle))).toMatchObject({ new: PEOPLE });
    expect(await amparo(dirs.b, 'list', 'person', '--search', m[1]!.given)).toContain(m[1]!.given);

    const help = JSON.parse((await runAndKill(cli, ['--help'])).stdout) as { commands: { usage: string }[] };
    const hasBackup = help.commands.some((c) => c.usage.startsWith('backup '));
    if (hasBackup) await amparo(dirs.a, 'backup', join(dirs.out, 'a.backup'));
    else console.log('leak scan: no `amparo backup` command yet, so no backup file was scanned');

    // A clean exit folds the WAL back and deletes it, so also look at a vault while it is open: unlock A
    // in-process, rewrite every marker-bearing record, and scan the folder with its -wal and -shm present.
    const open = testService(dirs.a);
    await open.handlers['vault:unlock']({ passphrase: PASSPHRASE });
    const listed = await open.handlers['person:list']({ limit: 100 });
    for (const row of listed.rows)
      await open.handlers['person:update']({ id: row.id, patch: { notes: `${row.notes ?? ''} ` } });
    const openFiles = readdirSync(dirs.a);
    const openHits = findMarkers(dirs.a, all);
    open.close();
    expect(openFiles.some((f) => f.endsWith('-wal'))).toBe(true);

    const scanned = [dirs.a, dirs.b, dirs.tmp, dirs.home, dirs.out];
    const newInOsTmp = readdirSync(tmpdir())
      .filter((name) => !osTmpBefore.has(name))
      .map((name) => join(tmpdir(), name))
      .filter((path) => existsSync(path));
    const files = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name));
    const hits = scanned.flatMap((d) => findMarkers(d, all));
    const tmpHits = newInOsTmp.flatMap((p) => {
      try {
        return findMarkers(p, all);
      } catch {
        return []; // another process's entry vanished or is unreadable: not ours
      }
    });
    const logHits = [...all, ...quoted].filter((marker) => stderrs.some((s) => s.includes(marker)));
    const quotedHits = [
      ...scanned.flatMap((d) => findMarkers(d, quoted)),
      ...newInOsTmp.flatMap((p) => {
        try {
          return findMarkers(p, quoted);
        } catch {
          return [];
        }
      }),
    ];
    const fileCount = scanned.reduce((n, d) => n + files(d).length, 0);
    console.log(
      `leak scan: markers=${all.length} files=${fileCount} (vaults: ${files(dirs.a).length + files(dirs.b).length}, ` +
        `private tmp: ${files(dirs.tmp).length}, outputs: ${files(dirs.out).length}) newOsTmpEntries=${newInOsTmp.length} ` +
        `backup=${hasBackup} hits=${hits.length + tmpHits.length} stderrHits=${logHits.length} ` +
        `openVaultFiles=[${openFiles.join(',')}] openVaultHits=${openHits.length}`,
    );
    expect(openHits).toEqual([]);
    expect(hits).toEqual([]);
    expect(tmpHits).toEqual([]);
    expect(logHits).toEqual([]);
    expect(quotedHits).toEqual([]);
    expect(files(dirs.a).some((f) => f.endsWith('vault.db'))).toBe(true);

    // The control: the same data, exported on purpose as (unencrypted) CSV, must light up every marker.
    await amparo(dirs.a, 'export-csv', 'person', join(dirs.csvOut, 'people.csv'));
    const found = new Set(findMarkers(dirs.csvOut, all).map((h) => h.marker));
    console.log(`leak scan control: CSV export shows ${found.size} of ${all.length} markers`);
    expect(found.size).toBe(all.length);
  }, 180_000);
});
