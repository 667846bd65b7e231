// Inbox folder watcher: polls a folder (a Syncthing share, a USB stick) for finished *.amparo bundles.
// Polling, not fs.watch, because it behaves the same on every platform and on removable and network
// drives. A file is delivered only once its size and mtime hold still across two polls, and never twice.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface InboxOptions {
  folder: string;
  intervalMs: number;
  /** Extra check on a stable file's bytes (e.g. the archive is whole); false means "look again later". */
  isComplete?: (path: string, bytes: Uint8Array) => boolean;
  onBundle(path: string, bytes: Uint8Array): Promise<void> | void;
  /** A delivery or folder read failed; the file is not retried until it changes. */
  onError?(path: string, error: unknown): void;
}

export interface Inbox {
  /** One scan now (tests and "check now"); concurrent calls share the running scan. */
  poll(): Promise<void>;
  stop(): void;
}

/** Names sync tools and editors use while a file is still being written. */
export function isCandidateName(name: string): boolean {
  if (!name.toLowerCase().endsWith('.amparo')) return false;
  if (name.startsWith('~') || name.startsWith('.syncthing.') || name.startsWith('.')) return false;
  return !/\.(part|tmp|crdownload|partial)$/i.test(name);
}

export function startInbox(options: InboxOptions): Inbox {
  const seen = new Map<string, string>(); // name -> "size:mtime" at the previous poll
  const delivered = new Set<string>(); // "name:size:mtime" and content hashes
  let running: Promise<void> | null = null;
  let stopped = false;

  const scan = async () => {
    if (stopped) return;
    let names: string[];
    try {
      names = await readdir(options.folder);
    } catch (error) {
      options.onError?.(options.folder, error);
      return;
    }
    const present = new Set<string>();
    for (const name of names.filter(isCandidateName).sort()) {
      if (stopped) return;
      present.add(name);
      const path = join(options.folder, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || info.size === 0) continue;
      const state = `${info.size}:${info.mtimeMs}`;
      const previous = seen.get(name);
      seen.set(name, state);
      if (previous !== state || delivered.has(`${name}:${state}`)) continue;
      const bytes = await readFile(path).catch(() => null);
      if (!bytes || bytes.length !== info.size) continue; // changed under us; next poll decides
      if (options.isComplete && !options.isComplete(path, bytes)) continue;
      delivered.add(`${name}:${state}`);
      const hash = createHash('sha256').update(bytes).digest('hex');
      if (delivered.has(hash)) continue;
      delivered.add(hash);
      try {
        await options.onBundle(path, bytes);
      } catch (error) {
        options.onError?.(path, error);
      }
    }
    for (const name of seen.keys()) if (!present.has(name)) seen.delete(name);
  };

  const poll = () => {
    running ??= scan().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void poll(), options.intervalMs);
  // Never keep a process (the CLI, a test run) alive just for the inbox.
  timer.unref();
  void poll();

  return {
    poll,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
