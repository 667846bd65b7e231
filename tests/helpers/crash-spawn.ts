import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

// Runs an entry point (the real CLI, or a crash-* child script) in its own Node 22 process and SIGKILLs
// it: after a delay, on a line of its output, or (AMPARO_CRASH_AFTER, see crash-points.ts) by its own hand
// at a counted SQL statement. No handler runs and nothing is flushed, exactly like a power cut to the
// process. Resolves with how the process ended.

const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'electron', 'cli.ts');
/** The shipped CLI entry point with the statement-level crash points installed first. */
export const CRASH_CLI = join(ROOT, 'tests', 'helpers', 'crash-cli.ts');

/**
 * Bundles an entry point the way scripts/build-node.mjs bundles the shipped CLI (esbuild, CJS, the native
 * SQLite module external). Starting a bundle takes a fraction of a second where `--import tsx` takes
 * seconds, which is what lets a test afford 20+ kills. The output sits under node_modules/.cache so the
 * native module resolves from the project.
 */
export async function bundleEntry(entry: string): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'amparo-crash');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${basename(entry, '.ts')}-${process.pid}.cjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron', 'better-sqlite3-multiple-ciphers'],
    logLevel: 'warning',
    define: { 'import.meta.url': 'importMetaUrl', 'import.meta.dirname': '__dirname' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  return outfile;
}

export interface KillOutcome {
  /** true when SIGKILL ended it; false when it exited on its own before the delay. */
  killed: boolean;
  /** true when the one-minute guard killed it (a hang, never a planned kill). */
  hung: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Kill this many ms after the start (undefined: let it finish). */
  killAfterMs?: number;
  /** Kill as soon as stdout or stderr contains this text (plus killAfterMs, if given, from that moment). */
  killOnOutput?: string;
}

export function runAndKill(script: string, args: string[], options: SpawnOptions = {}): Promise<KillOutcome> {
  const started = performance.now();
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), [...loader, script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  const kill = () => {
    timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 0);
  };
  const watch = (text: string) => {
    if (options.killOnOutput && !timer && text.includes(options.killOnOutput)) kill();
  };
  child.stdout.on('data', (chunk: Buffer) => watch((stdout += chunk.toString('utf8'))));
  child.stderr.on('data', (chunk: Buffer) => watch((stderr += chunk.toString('utf8'))));
  if (!options.killOnOutput && options.killAfterMs !== undefined) kill();
  // A hard bound: no child outlives a minute even if something hangs.
  let hung = false;
  const guard = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      resolve({ killed: signal === 'SIGKILL', hung, code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** A fresh copy of a closed vault folder, so every trial starts from the same state. */
export function copyVault(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  return to;
}

/** What a child said through crash-points.ts on stderr. Transactions are numbered from 1 in order. */
export interface CrashTrace {
  /** Each transaction's statement count at its begin and, once closed, at its end. */
  transactions: { begin: number; end?: number; how?: string; ms?: number }[];
  /** Where a seeded kill landed: statements done, the open transaction and the last closed one (0: none). */
  kill?: { at: number; open: number; closed: number };
  /** Statements run by a process that ended on its own. */
  total?: number;
}

export function parseTrace(stderr: string): CrashTrace {
  const trace: CrashTrace = { transactions: [] };
  const num = (s: string | undefined) => (s === undefined || s === '-' ? 0 : Number(s));
  for (const line of stderr.split('\n')) {
    const [tag, what, a, b, c, d] = line.trim().split(' ');
    if (tag !== 'crash') continue;
    if (what === 'begin') trace.transactions[num(a) - 1] = { begin: num(b) };
    else if (what === 'end')
      Object.assign(trace.transactions[num(a) - 1] ?? {}, { end: num(b), how: c, ms: num(d) });
    else if (what === 'kill') trace.kill = { at: num(a), open: num(b), closed: num(c) };
    else if (what === 'total') trace.total = num(a);
  }
  return trace;
}
