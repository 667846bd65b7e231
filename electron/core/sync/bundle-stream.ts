// Streaming pieces of bundle opening: the encrypted file goes through age, the tar and gunzip in chunks, so
// memory stays bounded by the chunk sizes, whatever the file holds. Each guard refuses as soon as its limit
// is crossed, while the bytes arrive.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AmparoError, type ErrorCode } from '../../../shared/errors';

/** A bundle that can be read more than once, without holding it whole (a file on disk). */
export interface StreamSource {
  size: number;
  open(): ReadableStream<Uint8Array>;
}

/** Raw bytes (IPC, a file already read) or a re-openable stream. */
export type BundleSource = Uint8Array | StreamSource;

const CHUNK = 64 * 1024;

export const refuse = (code: ErrorCode, message: string, line?: number): AmparoError =>
  new AmparoError(code, message, line === undefined ? undefined : [{ path: 'line', message: String(line) }]);

const tampered = () =>
  refuse('BUNDLE_TAMPERED', 'The bundle is damaged or was altered: it does not decrypt.');

/** Bytes already in memory, handed out a chunk at a time and only when asked for. */
function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let pos = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pos >= bytes.length) return controller.close();
        const end = Math.min(pos + CHUNK, bytes.length);
        controller.enqueue(bytes.subarray(pos, end));
        pos = end;
      },
    },
    { highWaterMark: 0 },
  );
}

/** A file on disk as a source: its size is known before a byte is read, so an oversized file costs a stat. */
export async function fileSource(path: string): Promise<StreamSource> {
  const { size } = await stat(path);
  return {
    size,
    open: () =>
      Readable.toWeb(createReadStream(path, { highWaterMark: CHUNK })) as ReadableStream<Uint8Array>,
  };
}

export const sourceSize = (source: BundleSource): number =>
  source instanceof Uint8Array ? source.length : source.size;

/** Opens the source with its total size enforced as it streams (a file may grow after its size was read). */
export function openSource(source: BundleSource, maxBytes: number): ReadableStream<Uint8Array> {
  if (source instanceof Uint8Array) return bytesStream(source);
  let seen = 0;
  return source.open().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.length;
        if (seen > maxBytes) throw refuse('BUNDLE_TOO_LARGE', 'The bundle file exceeds the size limit.');
        controller.enqueue(chunk);
      },
    }),
  );
}

const AGE_VERSION = Buffer.from('age-encryption.org/v1\n', 'latin1');
const DASH = 0x2d;
const NL = 0x0a;

/**
 * Checks the age header as it streams: it must start with the version line and end (with its `---` MAC
 * line) within `maxBytes`. age's own parser would otherwise buffer a header of any length.
 */
export function ageHeaderGuard(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  let done = false;
  let lineLength = 0;
  let dashes = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      for (let i = 0; !done && i < chunk.length; i++, seen++) {
        const b = chunk[i]!;
        if (seen < AGE_VERSION.length && b !== AGE_VERSION[seen]) throw tampered();
        if (seen >= maxBytes)
          throw refuse('BUNDLE_TOO_LARGE', 'The bundle names more recipients than the size limit allows.');
        if (b === NL) {
          // Stanza lines start with "-> " and bodies are base64, so only the MAC line starts with "---".
          done = dashes === 3;
          lineLength = 0;
          dashes = 0;
        } else {
          if (lineLength < 3 && b === DASH && dashes === lineLength) dashes++;
          lineLength++;
        }
      }
      controller.enqueue(chunk);
    },
  });
}

/** Reads a byte stream in exact amounts; every failure of the decryption below is BUNDLE_TAMPERED. */
export class ByteReader {
  private chunk: Uint8Array = new Uint8Array(0);
  private ended = false;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** Between 1 and `max` bytes, or null at the end of the stream. */
  async some(max: number): Promise<Uint8Array | null> {
    while (this.chunk.length === 0) {
      if (this.ended) return null;
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await this.reader.read();
      } catch (err) {
        throw err instanceof AmparoError ? err : tampered();
      }
      if (next.done) this.ended = true;
      else this.chunk = next.value;
    }
    const out = this.chunk.subarray(0, max);
    this.chunk = this.chunk.subarray(out.length);
    return out;
  }

  /** Exactly `n` bytes (copied once), or null if the stream ends first. */
  async exactly(n: number): Promise<Uint8Array | null> {
    const out = new Uint8Array(n);
    for (let filled = 0; filled < n;) {
      const piece = await this.some(n - filled);
      if (!piece) return null;
      out.set(piece, filled);
      filled += piece.length;
    }
    return out;
  }

  /** Skips `n` bytes; false if the stream ends first. */
  async skip(n: number): Promise<boolean> {
    for (let left = n; left > 0;) {
      const piece = await this.some(Math.min(left, CHUNK));
      if (!piece) return false;
      left -= piece.length;
    }
    return true;
  }

  /** Reads to the end, so that every remaining chunk is decrypted (and so authenticated) too. */
  async drain(): Promise<void> {
    while (await this.some(Number.MAX_SAFE_INTEGER));
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }
}

/**
 * The payload entry of the tar, `size` bytes, hashed as it is read. Reads are serialized, so gunzip may stop
 * pulling at any moment and `finish` still hashes every byte exactly once.
 */
export class PayloadReader {
  private left: number;
  private readonly hash: Hash = createHash('sha256');
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly bytes: ByteReader,
    size: number,
  ) {
    this.left = size;
  }

  next(): Promise<Uint8Array | null> {
    const result = this.chain.then(() => this.read());
    this.chain = result.catch(() => undefined);
    return result;
  }

  private async read(): Promise<Uint8Array | null> {
    if (this.left === 0) return null;
    const piece = await this.bytes.some(Math.min(this.left, CHUNK));
    if (!piece) throw refuse('BUNDLE_CORRUPT', 'The bundle contents are not in the expected layout.');
    this.left -= piece.length;
    this.hash.update(piece);
    return piece;
  }

  async *pieces(): AsyncGenerator<Uint8Array> {
    for (let piece = await this.next(); piece; piece = await this.next()) yield piece;
  }

  /** Reads (and hashes) whatever gunzip did not, and returns the SHA-256 of the whole entry. */
  async finish(): Promise<string> {
    while (await this.next());
    return this.hash.digest('hex');
  }
}

export interface LineLimits {
  maxUncompressedBytes: number;
  maxLineBytes: number;
}

/**
 * Gunzips the payload and hands each line (without its newline, numbered from 1) to `onLine` as it arrives;
 * `onLine` returns false to stop reading. The output cap and the line length are checked per chunk, so
 * neither a bomb nor a line without an end is ever held whole. A gzip error is BUNDLE_CORRUPT.
 */
export async function gunzipLines(
  payload: PayloadReader,
  limits: LineLimits,
  onLine: (line: Buffer, n: number) => boolean,
): Promise<void> {
  let total = 0;
  let n = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const tooLong = () =>
    refuse('BUNDLE_TOO_LARGE', `Change ${n + 1} in the bundle is longer than the limit.`, n + 1);
  const source = Readable.from(payload.pieces());
  const gunzip = createGunzip();
  // A failed read below (damage found by age) reaches the loop as gunzip's error.
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  try {
    for await (const out of gunzip as AsyncIterable<Buffer>) {
      total += out.length;
      if (total > limits.maxUncompressedBytes)
        throw refuse('BUNDLE_TOO_LARGE', 'The bundle payload expands beyond the size limit.');
      let start = 0;
      for (let nl = out.indexOf(NL); nl !== -1; nl = out.indexOf(NL, start)) {
        if (pendingBytes + nl - start > limits.maxLineBytes) throw tooLong();
        const piece = out.subarray(start, nl);
        const line = pending.length ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        pendingBytes = 0;
        start = nl + 1;
        if (!onLine(line, ++n)) return;
      }
      if (start < out.length) {
        pendingBytes += out.length - start;
        if (pendingBytes > limits.maxLineBytes) throw tooLong();
        pending.push(out.subarray(start));
      }
    }
  } catch (err) {
    if (err instanceof AmparoError) throw err;
    throw refuse('BUNDLE_CORRUPT', 'The bundle payload is not valid gzip.');
  } finally {
    source.unpipe(gunzip);
    source.destroy();
    gunzip.destroy();
  }
  if (pendingBytes > 0)
    throw refuse('BUNDLE_CORRUPT', 'The bundle payload does not end with a newline.', n + 1);
}
