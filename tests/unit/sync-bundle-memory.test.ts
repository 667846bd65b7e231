// Peak memory of refusing hostile bundles, measured the only way that counts: each case in its own process
// (tests/fixtures/fuzz/bundle-bomb-child.ts), which resets the kernel's peak RSS just before opening and
// reports how far opening raised it. Before the reader streamed, these peaked at 1.7–5.3 GB or killed the
// process; each must now be refused with its typed code and add at most 96 MiB. The process's own floor
// (code loaded through tsx, the hostile input built) is left out: it moves between 130 and 290 MiB with how
// busy the machine is, which would test the machine rather than the reader. The 1 GiB age file is a real age file, extended with zeros on
// disk, opened as a file stream: at the default limits it is refused by its size before any decryption;
// with the limits lifted above it, it is refused at the signature after its first chunks, never read.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(ROOT, 'tests', 'fixtures', 'fuzz', 'bundle-bomb-child.ts');
/** What opening one bundle may add to the process's peak. The costliest valid work, 1 MiB lines, adds ~45. */
const BUDGET_MIB = 96;

interface Outcome {
  case: string;
  code: string;
  message: string;
  input: number;
  maxRssMiB: number;
  floorMiB: number;
}

/** Case, expected refusal, what it is. */
const CASES: [string, string, string][] = [
  ['baseline', 'ACCEPTED', 'a small valid bundle: the process floor'],
  ['newline-flood', 'BUNDLE_CORRUPT', '150 million newlines (a 150 KB signed bundle)'],
  ['gzip-bomb-2g', 'BUNDLE_TOO_LARGE', '2 GiB of zeros gzipped to 2 MB'],
  ['zeros-1.4g', 'BUNDLE_TOO_LARGE', '1.4 GiB of zeros'],
  ['padded-lines', 'BUNDLE_TOO_LARGE', '640 valid 1 MiB lines: past the 512 MiB expansion cap'],
  ['brace-flood', 'BUNDLE_CORRUPT', '133 million lines of {}'],
  ['deep-nesting', 'BUNDLE_TOO_LARGE', 'a value nested 200,000 deep'],
  ['value-30mb', 'BUNDLE_TOO_LARGE', 'a deleted record with a 30 MB value'],
  ['age-1g', 'BUNDLE_TOO_LARGE', '1 GiB age file to our key, default limits'],
  ['age-1g-lifted', 'BUNDLE_UNKNOWN_SENDER', '1 GiB age file from a stranger, size limit lifted'],
  ['age-1g-signed-lifted', 'BUNDLE_TAMPERED', '1 GiB age file from a contact, size limits lifted'],
  ['newline-flood-preview', 'BUNDLE_CORRUPT', 'the newline flood through bundle:preview, after a valid one'],
];

function runCase(name: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const node = join(ROOT, 'node_modules', '.bin', 'node');
    const child = spawn(node, ['--expose-gc', '--import', 'tsx', CHILD, name], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TMPDIR: process.env.TMPDIR ?? '/tmp',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      // A crash (the old reader died with V8's "invalid size", exit 133) is a failure with its output.
      if (code !== 0) return reject(new Error(`${name}: exit ${code ?? signal}\n${stderr.slice(-2000)}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Outcome);
    });
  });
}

const results = new Map<string, Outcome>();

beforeAll(async () => {
  // Two at a time: a 2-core machine.
  const queue = [...CASES.map(([name]) => name)];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) results.set(name, await runCase(name));
  };
  await Promise.all([worker(), worker()]);
  console.log(
    CASES.map(([name, , what]) => {
      const r = results.get(name)!;
      const added = `+${r.maxRssMiB - r.floorMiB}`.padStart(4);
      return `${added} MiB (peak ${r.maxRssMiB})  ${r.code.padEnd(22)} ${name}: ${what}`;
    }).join('\n'),
  );
}, 300_000);

describe('peak memory of a refusal', () => {
  for (const [name, code, what] of CASES.filter(([n]) => !n.endsWith('preview'))) {
    it(`${name} (${what}) is ${code}, adding at most ${BUDGET_MIB} MiB`, () => {
      const r = results.get(name)!;
      expect(r.code, r.message).toBe(code);
      expect(r.maxRssMiB - r.floorMiB).toBeLessThanOrEqual(BUDGET_MIB);
    });
  }

  it('the preview path refuses the newline flood, adding at most 32 MiB to a service that has previewed', () => {
    // The whole service (vault, SQLite, every feature) runs here, and has already previewed a valid bundle,
    // so every code path is loaded. Holding the flood's 150 MB of newlines would add well over 100 MiB.
    const flood = results.get('newline-flood-preview')!;
    expect(flood.code, flood.message).toBe('BUNDLE_CORRUPT');
    expect(flood.maxRssMiB - flood.floorMiB).toBeLessThanOrEqual(32);
  });

  it('the 1 GiB files really were 1 GiB', () => {
    for (const name of ['age-1g', 'age-1g-lifted', 'age-1g-signed-lifted'])
      expect(results.get(name)!.input).toBe(1 << 30);
    expect(results.get('newline-flood')!.input).toBeLessThan(200_000);
  });
});
