// Minimal POSIX ustar writer/reader for the bundle's exactly-three regular files. A library (tar-stream,
// modern-tar) would bring parsing features (links, pax, long names) we must refuse anyway; this is strict.
// Opening a bundle reads it block by block (parseTarHeader, from bundle.ts), so nothing is held whole;
// readTar reads an archive already in memory. GNU tar extracts the output (see sync-stocktools test).
const BLOCK = 512;

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

export class TarError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

function writeString(buf: Buffer, offset: number, length: number, value: string): void {
  buf.write(value, offset, length, 'latin1');
}

function writeOctal(buf: Buffer, offset: number, length: number, value: number): void {
  writeString(buf, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

export function writeTar(entries: TarEntry[], mtimeSec: number): Uint8Array {
  const parts: Buffer[] = [];
  for (const { name, data } of entries) {
    if (!/^[A-Za-z0-9._-]{1,99}$/.test(name)) throw new Error('unsupported tar entry name');
    const h = Buffer.alloc(BLOCK);
    writeString(h, 0, 100, name);
    writeOctal(h, 100, 8, 0o644);
    writeOctal(h, 108, 8, 0);
    writeOctal(h, 116, 8, 0);
    writeOctal(h, 124, 12, data.length);
    writeOctal(h, 136, 12, Math.floor(mtimeSec));
    h.fill(0x20, 148, 156);
    writeString(h, 156, 1, '0');
    writeString(h, 257, 6, 'ustar\0');
    writeString(h, 263, 2, '00');
    let sum = 0;
    for (const b of h) sum += b;
    writeString(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
    parts.push(h, Buffer.from(data), Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return new Uint8Array(Buffer.concat(parts));
}

function readString(buf: Buffer, offset: number, length: number): string {
  const slice = buf.subarray(offset, offset + length);
  const nul = slice.indexOf(0);
  return slice.toString('latin1', 0, nul === -1 ? length : nul);
}

function readOctal(buf: Buffer, offset: number, length: number): number {
  const s = readString(buf, offset, length).trim();
  if (!/^[0-7]{1,11}$/.test(s)) throw new TarError('corrupt', 'bad tar number');
  return parseInt(s, 8);
}

export type TarHeader = { end: true } | { end: false; name: string; size: number };

/**
 * Parses one 512-byte header block: the end-of-archive block, or a plain regular file with a short name.
 * Everything else (links, pax, prefixes, bad checksums) is refused.
 */
export function parseTarHeader(block: Uint8Array): TarHeader {
  const h = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  if (h.length !== BLOCK) throw new TarError('corrupt', 'truncated tar');
  if (h.every((b) => b === 0)) return { end: true };
  const stored = readOctal(h, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  if (sum !== stored) throw new TarError('corrupt', 'bad tar checksum');
  if (readString(h, 257, 6) !== 'ustar') throw new TarError('corrupt', 'not a ustar archive');
  const type = readString(h, 156, 1);
  if (type !== '0' && type !== '') throw new TarError('corrupt', 'unexpected tar entry type');
  if (readString(h, 345, 155) !== '') throw new TarError('corrupt', 'unexpected tar prefix');
  return { end: false, name: readString(h, 0, 100), size: readOctal(h, 124, 12) };
}

/** Bytes of the data blocks that follow a header for `size` bytes of content. */
export const paddedSize = (size: number): number => Math.ceil(size / BLOCK) * BLOCK;
export const TAR_BLOCK = BLOCK;

/** Reads exactly the named regular files; anything else (other names, types, duplicates, sizes) is refused. */
export function readTar(bytes: Uint8Array, maxSizes: Record<string, number>): Map<string, Uint8Array> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, Uint8Array>();
  let pos = 0;
  for (;;) {
    if (pos + BLOCK > buf.length) throw new TarError('corrupt', 'truncated tar');
    const header = parseTarHeader(buf.subarray(pos, pos + BLOCK));
    if (header.end) break;
    const { name, size } = header;
    const max = Object.hasOwn(maxSizes, name) ? maxSizes[name] : undefined;
    if (max === undefined || out.has(name)) throw new TarError('corrupt', 'unexpected tar entry');
    if (size > max) throw new TarError('too-large', 'tar entry too large');
    const start = pos + BLOCK;
    if (start + size > buf.length) throw new TarError('corrupt', 'truncated tar entry');
    out.set(name, new Uint8Array(buf.subarray(start, start + size)));
    pos = start + paddedSize(size);
  }
  if (out.size !== Object.keys(maxSizes).length) throw new TarError('corrupt', 'missing tar entry');
  return out;
}
