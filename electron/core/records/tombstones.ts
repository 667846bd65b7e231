import { KINDS, type Kind } from '../../../shared/model';
import type { Database } from '../kernel/context';
import type { Deletion } from './deletion';
import { stmt } from './statements';

// What is left of an erased record: its id, its kind and its deletion (stamp and context), so that an old
// bundle cannot bring it back. Nothing else: no field, no value, no search entry. Stored compactly in one
// WITHOUT ROWID table (a binary id; the kind as its index in KINDS and the stamps as 16 bytes each, in one
// blob), because a partner can send many of them and each must cost little (tests/unit/tombstones.test.ts).

export interface Tombstone {
  kind: Kind;
  id: string;
  deletion: Deletion;
}

/** `<ms 12 hex>:<counter 4 hex>:<office 16 hex>` <-> 16 bytes. */
const packStamp = (stamp: string): Buffer => Buffer.from(stamp.replace(/:/g, ''), 'hex');
function unpackStamp(bytes: Buffer, at = 0): string {
  const hex = bytes.subarray(at, at + 16).toString('hex');
  return `${hex.slice(0, 12)}:${hex.slice(12, 16)}:${hex.slice(16)}`;
}

// Packed form: the kind's index in KINDS (1 byte), the deletion's stamp (16 bytes), then per context stamp
// its office (8 bytes), counter (2 bytes) and how many milliseconds it is older than the deletion (an
// unsigned LEB128 varint: a context stamp is never newer than its deletion, and usually close to it).
function pack(kind: Kind, deletion: Deletion): Buffer {
  const parts = [Buffer.from([KINDS.indexOf(kind)]), packStamp(deletion.clock)];
  const ms = parseInt(deletion.clock.slice(0, 12), 16);
  for (const stamp of deletion.ctx ?? []) {
    const packed = packStamp(stamp);
    const varint: number[] = [];
    for (let delta = ms - parseInt(stamp.slice(0, 12), 16); ; delta = Math.floor(delta / 128)) {
      if (delta < 128) {
        varint.push(delta);
        break;
      }
      varint.push((delta % 128) | 0x80);
    }
    parts.push(packed.subarray(8, 16), packed.subarray(6, 8), Buffer.from(varint));
  }
  return Buffer.concat(parts);
}

function unpack(bytes: Buffer): { kind: Kind; deletion: Deletion } {
  const clock = unpackStamp(bytes, 1);
  const ms = parseInt(clock.slice(0, 12), 16);
  const ctx: string[] = [];
  for (let at = 17; at < bytes.length;) {
    const office = bytes.subarray(at, at + 8).toString('hex');
    const counter = bytes.subarray(at + 8, at + 10).toString('hex');
    at += 10;
    let delta = 0;
    for (let scale = 1; ; scale *= 128) {
      const byte = bytes[at++] as number;
      delta += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
    }
    ctx.push(`${(ms - delta).toString(16).padStart(12, '0')}:${counter}:${office}`);
  }
  const deletion: Deletion = ctx.length > 0 ? { deleted: true, clock, ctx } : { deleted: true, clock };
  return { kind: KINDS[bytes[0] as number] as Kind, deletion };
}

export function readTombstone(db: Database, id: string): Tombstone | undefined {
  const row = stmt(db, 'SELECT deletion FROM tombstones WHERE id = ?').get(Buffer.from(id, 'hex')) as
    { deletion: Buffer } | undefined;
  return row ? { id, ...unpack(row.deletion) } : undefined;
}

export function writeTombstone(db: Database, kind: Kind, id: string, deletion: Deletion): void {
  stmt(
    db,
    'INSERT INTO tombstones (id, deletion) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET deletion = excluded.deletion',
  ).run(Buffer.from(id, 'hex'), pack(kind, deletion));
}

export function removeTombstone(db: Database, id: string): void {
  stmt(db, 'DELETE FROM tombstones WHERE id = ?').run(Buffer.from(id, 'hex'));
}

/**
 * Every tombstone, for a full export. A "since the last bundle" export needs none: a record's deletion went
 * out while the record was in Recently deleted, before it was erased.
 */
export function allTombstones(db: Database): Tombstone[] {
  const rows = stmt(db, 'SELECT id FROM tombstones').all() as { id: Buffer }[];
  return rows.map(({ id }) => readTombstone(db, id.toString('hex')) as Tombstone);
}
