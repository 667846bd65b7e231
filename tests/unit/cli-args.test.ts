// Command-line parsing (node:util parseArgs, strict): unknown options, options of another command, missing
// values and values given to switches are refused with exit 1 and one INVALID_INPUT line naming the
// option, before any vault is touched; every command declares exactly the options its usage shows.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GLOBAL_OPTIONS, OPTIONS, parseCommandLine } from '../../electron/cli/args';
import { COMMANDS } from '../../electron/cli/commands';
import { EXIT_CODES } from '../../shared/errors';
import { runCliInProcess, runCliProcess } from '../helpers/cli';
import { makeTempDir, PASSPHRASE, removeTempDirs } from '../helpers/vault';

afterEach(removeTempDirs);

const env = { AMPARO_PASSPHRASE: PASSPHRASE };

function refusal(result: { code: number; stdout: string; stderr: string }) {
  expect(result.code).toBe(EXIT_CODES.INVALID_INPUT);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return (JSON.parse(lines[0] as string) as { error: { code: string; message: string } }).error;
}

describe('amparo option parsing', () => {
  it('refuses an unknown option anywhere on the line, naming it, and creates nothing', async () => {
    const dir = makeTempDir();
    const vault = join(dir, 'v');
    const cases: [string[], string][] = [
      [['--vault', vault, 'init', '--office', 'X', '--bogus'], '--bogus'],
      [['--bogus', '--vault', vault, 'init', '--office', 'X'], '--bogus'],
      [['--vault', vault, '--offce', 'X', 'init'], '--offce'],
      [['--vault', vault, 'init', '--office', 'X', '--dry-run'], '--dry-run'],
      [['--vault', vault, 'init', '--office', 'X', '-f'], '-f'],
      [['--vault', vault, 'init', '--office=X', '--bogus=1'], '--bogus'],
      [['--vault', vault, 'frobnicate', '--bogus'], '--bogus'],
    ];
    for (const [args, option] of cases) {
      const error = refusal(await runCliInProcess(args, env));
      expect(error.code, args.join(' ')).toBe('INVALID_INPUT');
      expect(error.message, args.join(' ')).toContain(option);
      expect(existsSync(vault), args.join(' ')).toBe(false);
    }
  });

  it('refuses an option of another command, naming it and the command', async () => {
    const vault = join(makeTempDir(), 'v');
    expect((await runCliInProcess(['--vault', vault, 'init', '--office', 'X'], env)).code).toBe(0);
    const error = refusal(await runCliInProcess(['--vault', vault, 'status', '--office', 'Y'], env));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('--office');
    expect(error.message).toContain('status');
    // The same option is still fine where it belongs.
    const list = await runCliInProcess(['--vault', vault, 'list', 'person', '--limit', '5'], env);
    expect(list.code).toBe(0);
    expect(
      refusal(await runCliInProcess(['--vault', vault, 'get', 'person', 'x', '--limit', '5'], env)).message,
    ).toContain('--limit');
  });

  it('refuses a missing value, naming the option', async () => {
    const vault = join(makeTempDir(), 'v');
    const cases: [string[], string][] = [
      [['init', '--office', 'X', '--vault'], '--vault'],
      [['--vault', vault, 'init', '--office'], '--office'],
      // A next word that is itself an option is not taken as the value.
      [['--vault', vault, 'init', '--office', '--passphrase-file', 'f'], '--office'],
      [['--vault', vault, '--passphrase-file'], '--passphrase-file'],
    ];
    for (const [args, option] of cases) {
      const error = refusal(await runCliInProcess(args, env));
      expect(error.code, args.join(' ')).toBe('INVALID_INPUT');
      expect(error.message, args.join(' ')).toContain(option);
      expect(error.message, args.join(' ')).toMatch(/needs a value/);
    }
    expect(existsSync(vault)).toBe(false);
  });

  it('refuses a value given to a switch and a single-value option given twice', async () => {
    const vault = join(makeTempDir(), 'v');
    expect((await runCliInProcess(['--vault', vault, 'init', '--office', 'X'], env)).code).toBe(0);
    const file = join(makeTempDir(), 'none.amparo');
    const dry = refusal(
      await runCliInProcess(['--vault', vault, 'bundle', 'import', file, '--dry-run=no'], env),
    );
    expect(dry.message).toContain('--dry-run');
    const twice = refusal(await runCliInProcess(['--vault', vault, '--vault', vault, 'status'], env));
    expect(twice.message).toContain('--vault');
  });

  it('keeps the accepted forms: --flag=value, repeatable options, "-" as a value, -- before positionals', () => {
    const line = parseCommandLine(
      ['import-csv', '--vault=/v', 'person', '--map', 'a=b', '--map=c=d', 'f.csv', '--dry-run'],
      COMMANDS,
    );
    expect(line.command?.name).toBe('import-csv');
    expect(line.args).toEqual({
      positionals: ['person', 'f.csv'],
      flags: { vault: '/v', map: ['a=b', 'c=d'], 'dry-run': true },
    });
    const stdin = parseCommandLine(['add', 'person', '--json', '-'], COMMANDS);
    expect(stdin.args).toEqual({ positionals: ['person'], flags: { json: '-' } });
    const ended = parseCommandLine(['card', 'export', '--', '--odd-name'], COMMANDS);
    expect(ended.command?.name).toBe('card export');
    expect(ended.args.positionals).toEqual(['--odd-name']);
    // Help works with or without a command; an unknown command stays an unknown command.
    expect(parseCommandLine(['status', '--help'], COMMANDS).args.flags.help).toBe(true);
    expect(parseCommandLine(['frobnicate', '--help'], COMMANDS).command).toBeUndefined();
  });

  it('declares for every command exactly the options its usage line shows', () => {
    for (const command of COMMANDS) {
      const shown = new Set([...command.usage.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]));
      for (const name of GLOBAL_OPTIONS) shown.delete(name);
      expect([...(command.options ?? [])].sort(), command.name).toEqual([...shown].sort());
      for (const name of command.options ?? []) expect(Object.hasOwn(OPTIONS, name)).toBe(true);
    }
  });
});

describe('amparo option parsing (real process)', () => {
  // Starting Node with tsx takes seconds, many more on a busy machine.
  it('an unknown option exits 1 with INVALID_INPUT naming it', { timeout: 180_000 }, () => {
    const vault = join(makeTempDir(), 'v');
    const result = runCliProcess(['--vault', vault, 'init', '--office', 'X', '--frobnicate'], env);
    const error = refusal(result);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('--frobnicate');
    expect(existsSync(vault)).toBe(false);
  });
});
