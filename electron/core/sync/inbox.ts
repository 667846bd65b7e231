// Inbox folder watcher: polls a folder (a Syncthing share, a USB stick) for finished *.amparo bundles, and
// hands over the ones a scan found together, so that they can be imported in one transaction.
// Polling, not fs.watch, because it behaves the same on every platform and on removable and network
// drives. Subfolders are scanned down to INBOX_MAX_DEPTH (offices often keep one folder per recipient);
// hidden ones (.stfolder, .stversions) and symbolic links are not. A file is delivered once its size and
// mtime held still across two polls, and each content (SHA-256) only once: a memory, kept in the vault by
// the service, recognises files already handled, by path, size and mtime first, so an unlock reads none of
// them again. Files are only ever read: the folder may be a Syncthing share, where a move or a delete
// would travel to every other office.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How deep below the inbox folder bundles are looked for: `to-B/file.amparo` is depth 1. */
export const INBOX_MAX_DEPTH = 3;

/** A scan hands over at most this many bytes of bundles at once (a larger file goes alone). */
export const INBOX_BATCH_BYTES = 32 * 1024 * 1024;

export interface InboxFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the inbox folder, with `/` between parts. */
  name: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** What the watcher remembers of files it handled. */
export interface InboxMemory {
  /** This path, at this size and mtime, was hashed and its content handled: skip it unread. */
  knownPath(path: string, size: number, mtimeMs: number): boolean;
  /** This content was handled already (imported or refused), under any name. */
  handled(sha256: string): boolean;
  /** The file was handled (or its content was already): remember its path, size, mtime and hash. */
  remember(file: InboxFile): void;
  /** After a complete scan: forget paths that are no longer there. */
  prune(present: ReadonlySet<string>): void;
}

/** A memory that lasts as long as the watcher (tests; the service keeps its memory in the vault). */
export function memoryInProcess(): InboxMemory {
  const paths = new Map<string, string>(); // path -> "size:mtime:sha256"
  const contents = new Set<string>();
  return {
    knownPath: (path, size, mtimeMs) => {
      const entry = paths.get(path);
      return entry !== undefined && entry.startsWith(`${size}:${mtimeMs}:`) && contents.has(entry.slice(-64));
    },
    handled: (sha256) => contents.has(sha256),
    remember: (file) => {
      paths.set(file.path, `${file.size}:${file.mtimeMs}:${file.sha256}`);
      contents.add(file.sha256);
    },
    prune: (present) => {
      for (const path of paths.keys()) if (!present.has(path)) paths.delete(path);
    },
  };
}

/** A finished file whose content was not handled yet, read into memory. */
export interface InboxDelivery {
  path: string;
  bytes: Uint8Array;
  file: InboxFile;
}

export interface InboxOptions {
  folder: string;
  intervalMs: number;
  maxDepth?: number;
  memory?: InboxMemory;
  /** Files larger than this are never read into memory: they go to onOversize instead. */
  maxBytes?: number;
  /** Bytes handed over at once; INBOX_BATCH_BYTES unless told. */
  batchBytes?: number;
  /**
   * Finished files whose content was not handled yet, in name order: all that one scan found, up to
   * batchBytes at a time. Returns one entry per file: undefined when it was handled, else the error
   * (reported, and that content is not delivered again while this watcher runs). A throw counts for all.
   */
  onBundles(batch: readonly InboxDelivery[]): Promise<readonly unknown[]> | readonly unknown[];
  /** A finished file over maxBytes (unread). On return it counts as handled. */
  onOversize?(file: InboxFile): Promise<void> | void;
  /** A delivery or folder read failed; that content is not delivered again while this watcher runs. */
  onError?(path: string, error: unknown): void;
}

export interface Inbox {
  /** One scan now (tests and "check now"); concurrent calls share the running scan. */
  poll(): Promise<void>;
  stop(): void;
}

/** Names sync tools and editors use while a file is still being written, and hidden files. */
export function isCandidateName(name: string): boolean {
  if (!name.toLowerCase().endsWith('.amparo')) return false;
  if (name.startsWith('~') || name.startsWith('.')) return false;
  return !/\.(part|tmp|crdownload|partial)$/i.test(name);
}

/** Streams the file through SHA-256, so a large bundle that was handled before is never held in memory. */
function hashFile(path: string): Promise<{ sha256: string; length: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let length = 0;
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => {
        length += chunk.length;
        hash.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: hash.digest('hex'), length }));
  });
}

interface Candidate {
  path: string;
  name: string;
}

export function startInbox(options: InboxOptions): Inbox {
  const maxDepth = options.maxDepth ?? INBOX_MAX_DEPTH;
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const batchBytes = options.batchBytes ?? INBOX_BATCH_BYTES;
  const memory = options.memory ?? memoryInProcess();
  const previous = new Map<string, string>(); // path -> "size:mtime" at the previous poll
  // Deliveries that threw: not again while this watcher runs (by content, and by path as it was, so an
  // unchanged file is not even hashed again).
  const failed = new Set<string>();
  const failedAt = new Map<string, string>();
  let running: Promise<void> | null = null;
  let stopped = false;
  const report = (path: string, error: unknown) => {
    try {
      options.onError?.(path, error);
    } catch {
      // A failing error handler must not stop the scan either.
    }
  };

  /** Candidate files, sorted; `complete` is false when some folder could not be read. */
  const list = async (): Promise<{ files: Candidate[]; complete: boolean }> => {
    const files: Candidate[] = [];
    let complete = true;
    const walk = async (dir: string, prefix: string, depth: number): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        complete = false;
        report(dir, error);
        return;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const path = join(dir, entry.name);
        const name = prefix + entry.name;
        if (entry.isDirectory()) {
          if (depth < maxDepth) await walk(path, `${name}/`, depth + 1);
        } else if (entry.isFile() && isCandidateName(entry.name)) {
          files.push({ path, name });
        }
      }
    };
    await walk(options.folder, '', 0);
    files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { files, complete };
  };

  /** A file that failed: not delivered again while this watcher runs (unless it changes). */
  const fail = (file: InboxFile, error: unknown) => {
    failed.add(file.sha256);
    failedAt.set(file.path, `${file.size}:${file.mtimeMs}`);
    report(file.path, error);
  };

  /** The file read into memory if it is finished and new; an oversize one is handed to onOversize here. */
  const visit = async (
    { path, name }: Candidate,
    batched: ReadonlySet<string>,
  ): Promise<InboxDelivery | null> => {
    // lstat: a file swapped for a link since the listing is skipped like any link.
    const info = await lstat(path).catch(() => null);
    if (!info?.isFile() || info.size === 0) return null;
    const state = `${info.size}:${info.mtimeMs}`;
    const before = previous.get(path);
    previous.set(path, state);
    if (memory.knownPath(path, info.size, info.mtimeMs)) return null;
    if (before !== state) return null; // new or still growing: look again at the next poll
    if (failedAt.get(path) === state) return null;
    const { sha256, length } = await hashFile(path);
    const after = await lstat(path).catch(() => null);
    if (length !== info.size || after?.size !== info.size || after.mtimeMs !== info.mtimeMs) return null;
    const file: InboxFile = { path, name, size: info.size, mtimeMs: info.mtimeMs, sha256 };
    // A second copy of a content already in this batch is seen as handled at the next poll.
    if (failed.has(sha256) || batched.has(sha256)) return null;
    if (memory.handled(sha256)) {
      memory.remember(file); // a copy (a conflict copy, another name) of something already handled
      return null;
    }
    if (info.size > maxBytes) {
      try {
        await options.onOversize?.(file);
      } catch (error) {
        fail(file, error);
        return null;
      }
      memory.remember(file);
      return null;
    }
    const bytes = new Uint8Array(await readFile(path));
    // Changed since it was hashed: the next poll sees it as a new file.
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) return null;
    return { path, bytes, file };
  };

  const deliver = async (batch: readonly InboxDelivery[]): Promise<void> => {
    if (batch.length === 0) return;
    let results: readonly unknown[];
    try {
      results = await options.onBundles(batch);
    } catch (error) {
      results = batch.map(() => error);
    }
    batch.forEach(({ file }, i) => {
      const error = i < results.length ? results[i] : new Error('The bundle was not handled.');
      if (error === undefined) memory.remember(file);
      else fail(file, error);
    });
  };

  const scan = async () => {
    if (stopped) return;
    const { files, complete } = await list();
    const present = new Set<string>();
    let batch: InboxDelivery[] = [];
    let bytes = 0;
    const hashes = new Set<string>();
    const flush = async () => {
      const full = batch;
      batch = [];
      bytes = 0;
      hashes.clear();
      await deliver(full);
    };
    for (const candidate of files) {
      if (stopped) return;
      present.add(candidate.path);
      try {
        const delivery = await visit(candidate, hashes);
        if (!delivery) continue;
        if (batch.length > 0 && bytes + delivery.bytes.length > batchBytes) await flush();
        batch.push(delivery);
        bytes += delivery.bytes.length;
        hashes.add(delivery.file.sha256);
      } catch (error) {
        // Anything a file (or the memory, e.g. a vault that locked meanwhile) throws stays with that file.
        report(candidate.path, error);
      }
    }
    if (stopped) return;
    await flush();
    for (const map of [previous, failedAt])
      for (const path of map.keys()) if (!present.has(path)) map.delete(path);
    if (complete && !stopped) memory.prune(present);
  };

  const poll = () => {
    running ??= scan()
      .catch((error: unknown) => report(options.folder, error))
      .finally(() => {
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
