import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AmparoService, Clock } from '../../electron/core/kernel/context';
import { createService, type ServiceOptions } from '../../electron/core/service';
import type { KdfOptions } from '../../electron/core/vault/kdf';

// Shared test helpers. Tests use real encrypted vaults in temp folders; only the Argon2id cost is lowered
// (FAST_KDF) so a test creates a vault in milliseconds instead of half a second.

export const FAST_KDF: KdfOptions = { fixed: { memoryKiB: 8192, iterations: 1 } };
export const PASSPHRASE = 'correct horse battery staple';
/** A low age scrypt work factor for test backups: the default (2^18) makes every backup slow. */
export const FAST_SCRYPT = { scryptWorkFactor: 10 };

const made: string[] = [];

export function makeTempDir(prefix = 'amparo-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function testService(vaultDir: string, options: Partial<ServiceOptions> = {}): AmparoService {
  return createService({ vaultDir, kdf: FAST_KDF, ...options });
}

/** A service with a vault already created and unlocked. */
export async function unlockedService(
  options: Partial<ServiceOptions> & { officeName?: string } = {},
): Promise<{ service: AmparoService; vaultDir: string }> {
  const vaultDir = options.vaultDir ?? join(makeTempDir(), 'vault');
  const service = testService(vaultDir, options);
  await service.handlers['vault:create']({
    officeName: options.officeName ?? 'Test Office',
    passphrase: PASSPHRASE,
  });
  return { service, vaultDir };
}

/** A clock tests can move. */
export function manualClock(
  start = '2026-11-24T10:00:00.000Z',
): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (iso) => {
      now = new Date(iso).getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/** sha256 of every file under `dir`, keyed by relative path: compare before/after to prove nothing changed. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string, prefix: string) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

/** Every file under `dir` (recursively) that contains any of `markers`, as UTF-8 or UTF-16LE bytes. */
export function findMarkers(dir: string, markers: readonly string[]): { file: string; marker: string }[] {
  const hits: { file: string; marker: string }[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const bytes = readFileSync(path);
      for (const marker of markers) {
        if (bytes.includes(Buffer.from(marker, 'utf8')) || bytes.includes(Buffer.from(marker, 'utf16le'))) {
          hits.push({ file: path, marker });
        }
      }
    }
  };
  walk(dir);
  return hits;
}
