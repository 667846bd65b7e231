// Hostile passphrase files: what an editor adds around the passphrase (a byte-order mark, one or more line
// breaks) is not part of it; trailing spaces are, and are reported on stderr without the passphrase.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readPassphrase, readPassphraseFile } from '../../electron/cli/passphrase';
import { runCliInProcess, runCliProcess } from '../helpers/cli';
import { makeTempDir, PASSPHRASE, removeTempDirs } from '../helpers/vault';

afterAll(removeTempDirs);

function fileWith(content: string | Buffer): string {
  const path = join(makeTempDir(), 'pass.txt');
  writeFileSync(path, content);
  return path;
}

function read(content: string | Buffer) {
  const warnings: string[] = [];
  const passphrase = readPassphraseFile(fileWith(content), (message) => warnings.push(message));
  return { passphrase, warnings };
}

describe('passphrase files', () => {
  it.each([
    ['a trailing newline', `${PASSPHRASE}\n`],
    ['two trailing newlines', `${PASSPHRASE}\n\n`],
    ['Windows line endings, repeated', `${PASSPHRASE}\r\n\r\n`],
    ['a lone CR (old Mac editors)', `${PASSPHRASE}\r`],
    ['a UTF-8 byte-order mark', `\uFEFF${PASSPHRASE}`],
    ['a byte-order mark and a CRLF', `\uFEFF${PASSPHRASE}\r\n`],
    [
      'a byte-order mark as raw bytes',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PASSPHRASE)]),
    ],
    ['nothing around it', PASSPHRASE],
  ])('strips %s and warns about nothing', (_label, content) => {
    expect(read(content)).toEqual({ passphrase: PASSPHRASE, warnings: [] });
  });

  it.each([
    ['a trailing space', `${PASSPHRASE} \n`, `${PASSPHRASE} `],
    ['two trailing spaces and two newlines', `${PASSPHRASE}  \n\n`, `${PASSPHRASE}  `],
    ['a trailing tab', `${PASSPHRASE}\t`, `${PASSPHRASE}\t`],
    ['a no-break space', `${PASSPHRASE}\u00a0\r\n`, `${PASSPHRASE}\u00a0`],
  ])('keeps %s but warns, without the passphrase in the warning', (_label, content, expected) => {
    const { passphrase, warnings } = read(content);
    expect(passphrase).toBe(expected);
    expect(warnings).toHaveLength(1);
    for (const word of PASSPHRASE.split(' ')) expect(warnings[0]).not.toContain(word);
  });

  it('keeps leading and inner whitespace, and a byte-order mark that is not the first character', () => {
    expect(read(' two  spaces\u00a0in\uFEFFside\n')).toEqual({
      passphrase: ' two  spaces\u00a0in\uFEFFside',
      warnings: [],
    });
  });

  it('readPassphrase passes its warn function on, and writes the CLI warning line on stderr without one', async () => {
    const file = fileWith(`${PASSPHRASE} \n`);
    const warnings: string[] = [];
    const sources = { file, envName: 'X', env: {}, prompt: () => Promise.resolve(''), isTTY: false };
    await expect(readPassphrase({ ...sources, warn: (m) => warnings.push(m) }, 'Q')).resolves.toBe(
      `${PASSPHRASE} `,
    );
    expect(warnings).toHaveLength(1);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await readPassphrase(sources, 'Q');
      expect(write).toHaveBeenCalledTimes(1);
      const line = String(write.mock.calls[0]?.[0]);
      expect(line.endsWith('\n')).toBe(true);
      expect(JSON.parse(line)).toEqual({ warning: warnings[0] });
    } finally {
      write.mockRestore();
    }
  });

  it('the CLI opens a vault with the passphrase as the owner sees it in the file', async () => {
    const vault = join(makeTempDir(), 'v');
    const init = await runCliInProcess(['--vault', vault, 'init', '--office', 'X'], {
      AMPARO_PASSPHRASE: PASSPHRASE,
    });
    expect(init.code).toBe(0);
    const file = fileWith(`\uFEFF${PASSPHRASE}\r\n\r\n`);
    const status = await runCliInProcess(['--vault', vault, '--passphrase-file', file, 'status'], {});
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    // A real process: the trailing space is kept (so the passphrase is wrong) and stderr says why.
    const spaced = runCliProcess([
      '--vault',
      vault,
      '--passphrase-file',
      fileWith(`${PASSPHRASE} \n`),
      'status',
    ]);
    expect(spaced.code).toBe(2);
    const lines = spaced.stderr.trim().split('\n');
    expect(JSON.parse(lines[0] as string)).toEqual({ warning: expect.stringContaining('whitespace') });
    expect(JSON.parse(lines[lines.length - 1] as string).error.code).toBe('WRONG_PASSPHRASE');
    for (const word of PASSPHRASE.split(' ')) expect(spaced.stderr).not.toContain(word);
  }, 120_000);
});
