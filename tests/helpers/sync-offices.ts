import { createHash } from 'node:crypto';
import type { AmparoService, Clock } from '../../electron/core/kernel/context';
import { createCard, parseCard, serializeCard } from '../../electron/core/sync/card';
import {
  addContact,
  loadIdentity,
  ourFingerprint,
  revokeContact,
  verifyContact,
} from '../../electron/core/sync/store';
import { manualClock, unlockedService } from './vault';
import { decodeClocks } from '../../electron/core/records/clocks';
import { readTombstone } from '../../electron/core/records/tombstones';
import { KINDS } from '../../shared/model';

// Offices for sync tests: real encrypted vaults (FAST_KDF) that know each other as contacts. Cards are
// exchanged through the store so these tests depend only on the bundle layer.

export interface Office {
  name: string;
  service: AmparoService;
  vaultDir: string;
  fingerprint: string;
  officeId: string;
}

export async function makeOffice(name: string, clock?: Clock): Promise<Office> {
  const { service, vaultDir } = await unlockedService({ officeName: name, ...(clock ? { clock } : {}) });
  const session = service.context.session();
  return {
    name,
    service,
    vaultDir,
    fingerprint: ourFingerprint(session.db) as string,
    officeId: session.office.id,
  };
}

/** `n` offices, each on a manual clock of its own; also added to `opened`, for the test to close. */
export async function manualOffices(n: number, opened: Office[]): Promise<Office[]> {
  const list: Office[] = [];
  for (let i = 0; i < n; i++) list.push(await makeOffice(`Office ${i}`, manualClock()));
  opened.push(...list);
  return list;
}

/** `holder` adds `other`'s card; verified unless told otherwise. */
export function introduce(
  holder: Office,
  other: Office,
  state: 'verified' | 'unverified' | 'revoked' = 'verified',
): void {
  const otherSession = other.service.context.session();
  const text = serializeCard(
    createCard(
      loadIdentity(otherSession.db),
      { name: other.name, officeId: other.officeId },
      other.service.context.clock.now(),
    ),
  );
  const db = holder.service.context.session().db;
  const now = holder.service.context.clock.now();
  addContact(db, parseCard(text), text, { fingerprint: holder.fingerprint, officeId: holder.officeId }, now);
  if (state === 'verified') verifyContact(db, other.fingerprint, now);
  if (state === 'revoked') revokeContact(db, other.fingerprint, 'test', now);
}

/** Everyone knows everyone, verified. */
/** The network benchmarks' starting data: `people` demo people (no volunteers, attorneys or events), seeded. */
export async function seedPeople(office: Office, people: number): Promise<void> {
  await office.service.handlers['demo:generate']({
    people,
    volunteers: 0,
    attorneys: 0,
    eventsPerPerson: 0,
    seed: 11,
  });
}

export function introduceAll(offices: Office[]): void {
  for (const a of offices) for (const b of offices) if (a !== b) introduce(a, b);
}

/**
 * The offices' record dumps with every context entry at or below any of their stable floors left out: such
 * an entry is stable everywhere, and an office prunes it whenever its own floor reaches it, so two offices
 * that hold the same bundles may differ only there.
 */
export function settledDumps(offices: Office[]): Record<string, unknown>[] {
  const floor: Record<string, string> = {};
  for (const o of offices) {
    const row = o.service.context
      .session()
      .db.prepare("SELECT value FROM settings WHERE key = 'sync.stable'")
      .get() as { value: string } | undefined;
    for (const [id, stamp] of Object.entries(row ? (JSON.parse(row.value) as Record<string, string>) : {}))
      if (stamp > (floor[id] ?? '')) floor[id] = stamp;
  }
  const above = (stamps: string[]) =>
    stamps.filter((s) => s > (floor[s.slice(s.lastIndexOf(':') + 1)] ?? ''));
  return offices.map((o) => {
    const dump = recordDump(o);
    for (const [table, rows] of Object.entries(dump)) {
      if (table === 'purged') continue;
      for (const row of rows as { ctx?: Record<string, string[]> }[]) {
        if (!row.ctx) continue;
        const ctx: Record<string, string[]> = {};
        for (const [field, stamps] of Object.entries(row.ctx)) {
          const kept = above(stamps);
          if (kept.length > 0) ctx[field] = kept;
        }
        row.ctx = ctx;
      }
    }
    return dump;
  });
}

/** Digest of every row of every table: equal digests mean the database content did not change. */
export function dbDigest(office: Office): string {
  const { db } = office.service.context.session();
  const hash = createHash('sha256');
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'people_fts%' ORDER BY name",
    )
    .all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(`\n#${name}\n`);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all())
      hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const KIND_TABLES = [
  'people',
  'volunteers',
  'attorneys',
  'assignments',
  'events',
  'facilities',
  'reports',
  'dispatches',
  'workshops',
  'deadlines',
];

/**
 * Canonical record state, as offices must agree on it: every live record with its data, field clocks, field
 * causal contexts and deletion (if it outlived or undid one); every deleted record by id and deletion only,
 * whether it sits in Recently deleted (whose values are a local undo buffer) or was erased to a tombstone;
 * and purged ids.
 */
export function recordDump(office: Office, tables = KIND_TABLES): Record<string, unknown> {
  const { db } = office.service.context.session();
  const out: Record<string, unknown> = {};
  const tombstones = db.prepare('SELECT id FROM tombstones').all() as { id: Buffer }[];
  for (const table of tables) {
    const rows = db
      .prepare(
        `SELECT id, data, field_clocks, field_ctx, deleted_at IS NOT NULL AS deleted, deletion FROM ${table} ORDER BY id`,
      )
      .all() as {
      id: string;
      data: string;
      field_clocks: string;
      field_ctx: string;
      deleted: number;
      deletion: string | null;
    }[];
    const entries: Record<string, unknown>[] = rows.map((r) =>
      r.deleted === 1
        ? { id: r.id, deleted: true, deletion: JSON.parse(r.deletion as string) }
        : {
            id: r.id,
            data: sortKeys(JSON.parse(r.data)),
            clocks: sortKeys(decodeClocks(r.field_clocks)),
            ctx: sortKeys(JSON.parse(r.field_ctx)),
            deleted: false,
            deletion: r.deletion === null ? null : JSON.parse(r.deletion),
          },
    );
    for (const { id } of tombstones) {
      const t = readTombstone(db, id.toString('hex'));
      if (t && KIND_TABLES[KINDS.indexOf(t.kind)] === table)
        entries.push({ id: t.id, deleted: true, deletion: t.deletion });
    }
    out[table] = entries.sort((x, y) => String(x.id).localeCompare(String(y.id)));
  }
  out.purged = db.prepare('SELECT kind, id FROM purged ORDER BY kind, id').all();
  return out;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}
