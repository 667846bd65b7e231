import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The leak scan's file walk, for trees that are alive while they are read: a Chromium profile holds
// symlinks that point nowhere (SingletonLock), sockets and files that come and go, and the OS temp folder
// holds other processes' entries. findMarkers (helpers/vault.ts) stats through symlinks and throws on any
// of those, so this walk uses lstat, reads regular files only, and reports what it could not read instead
// of failing or skipping it silently.

export interface ScanResult {
  /** Regular files read in full. */
  files: string[];
  /** Regular files that vanished or could not be read between listing and reading. */
  unreadable: string[];
  /** Each marker found in each file, as UTF-8 or UTF-16LE bytes. */
  hits: { file: string; marker: string; encoding: 'utf8' | 'utf16le' }[];
}

/** Every regular file at or below `path`; symlinks are not followed (their targets are scanned where they live). */
export function listFiles(path: string, unreadable: string[] = []): string[] {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return []; // gone before we got to it
  }
  if (stat.isFile()) return [path];
  if (!stat.isDirectory()) return [];
  let names: string[];
  try {
    names = readdirSync(path);
  } catch {
    unreadable.push(path);
    return [];
  }
  return names.flatMap((name) => listFiles(join(path, name), unreadable));
}

/** Reads every regular file under each of `roots` and looks for every marker in both encodings. */
export function scanForMarkers(roots: readonly string[], markers: readonly string[]): ScanResult {
  const result: ScanResult = { files: [], unreadable: [], hits: [] };
  const needles = markers.map((marker) => ({
    marker,
    utf8: Buffer.from(marker, 'utf8'),
    utf16le: Buffer.from(marker, 'utf16le'),
  }));
  for (const file of roots.flatMap((root) => listFiles(root, result.unreadable))) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      result.unreadable.push(file);
      continue;
    }
    result.files.push(file);
    for (const needle of needles) {
      if (bytes.includes(needle.utf8)) result.hits.push({ file, marker: needle.marker, encoding: 'utf8' });
      else if (bytes.includes(needle.utf16le))
        result.hits.push({ file, marker: needle.marker, encoding: 'utf16le' });
    }
  }
  return result;
}

/** Markers found in captured text (console messages, Chromium's output). */
export function markersInText(lines: readonly string[], markers: readonly string[]): string[] {
  return markers.filter((marker) => lines.some((line) => line.includes(marker)));
}

/** One person's planted markers: unique strings in names, a note, a 9-digit A-number and one more name. */
export interface PersonMarkers {
  given: string;
  family: string;
  note: string;
  aNumber: string;
  /** A contact's name (people typed in or added) or another name (CSV rows). */
  extra: string;
}

/** `count` people's markers, five each; random so a stale file from another run can never match. */
export function plantMarkers(count: number): PersonMarkers[] {
  const tag = () => `lk${randomBytes(5).toString('hex')}`;
  const digits = () => `9${Array.from(randomBytes(8), (b) => b % 10).join('')}`;
  return Array.from({ length: count }, () => ({
    given: `G${tag()}`,
    family: `F${tag()}`,
    note: `N${tag()}`,
    aNumber: digits(),
    extra: `X${tag()}`,
  }));
}
