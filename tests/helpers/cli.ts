import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/run';
import { FAST_KDF } from './vault';

// Two ways to run the CLI: in-process (fast, same code path, cheap KDF) and as a real process through
// Node 22 and tsx (exit codes, stdout/stderr separation, real environment).

const ROOT = join(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliInProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
    isTTY: false,
    prompt: () => Promise.reject(new Error('no terminal in tests')),
    serviceOptions: { kdf: FAST_KDF },
  });
  return { code, stdout, stderr };
}

export function runCliProcess(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'node'),
    ['--import', 'tsx', join(ROOT, 'electron', 'cli.ts'), ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
