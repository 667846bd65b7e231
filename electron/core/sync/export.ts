import { randomBytes } from 'node:crypto';
import { AmparoError } from '../../../shared/errors';
import type { ExportScope } from '../../../shared/channels/sync';
import type { z } from 'zod';
import type { ServiceContext } from '../kernel/context';
import { stmt } from '../records/statements';
import { writerFor } from '../records/writer';
import { SCHEMA_VERSION } from '../vault/migrations';
import { buildManifest, encodeChanges, sealManifest } from './bundle';
import { extractChanges, type ExtractScope } from './changes';
import { sendPolicy } from './redaction';
import {
  contactKeys,
  getKnowledge,
  loadIdentity,
  ourFingerprint,
  redactionProfile,
  type ContactKeys,
} from './store';

// Bundle export: check the recipients, pick the changes for the scope, redact, sign and encrypt, and
// remember what was sent (per-sender sequence and the local stamp it covers, for "since last").

export interface ExportRequest {
  to: string[];
  scope: z.infer<typeof ExportScope>;
  redaction: string;
  confirmUnverified?: boolean;
}

export interface ExportResult {
  bundleId: string;
  bytes: Uint8Array;
  fileName: string;
  changeCount: number;
}

function recipients(ctx: ServiceContext, req: ExportRequest): ContactKeys[] {
  const { db } = ctx.session();
  return [...new Set(req.to)].map((fingerprint) => {
    const contact = contactKeys(db, fingerprint);
    if (!contact) throw new AmparoError('NOT_FOUND', 'A recipient is not one of your contacts.');
    if (contact.state === 'revoked')
      throw new AmparoError('FORBIDDEN', 'A recipient is a revoked contact; bundles cannot be sent to it.');
    if (contact.state === 'unverified' && !req.confirmUnverified)
      throw new AmparoError(
        'FORBIDDEN',
        'A recipient is not verified yet. Compare fingerprints, or confirm sending to an unverified office.',
      );
    return contact;
  });
}

/** The local stamp covered by the last bundle sent to this recipient, or null if none was sent. */
function lastSentTo(ctx: ServiceContext, fingerprint: string): string | null {
  const row = stmt(
    ctx.session().db,
    `SELECT high_clock FROM bundles_out WHERE EXISTS (SELECT 1 FROM json_each(recipients) WHERE value = ?)
     ORDER BY sequence DESC LIMIT 1`,
  ).get(fingerprint) as { high_clock: string } | undefined;
  return row?.high_clock ?? null;
}

function resolveScope(ctx: ServiceContext, req: ExportRequest): ExtractScope {
  if (req.scope.scope === 'all') return { scope: 'all' };
  if (req.scope.scope === 'people') return { scope: 'people', personIds: req.scope.personIds };
  // Since the last bundle to EACH recipient: the oldest of those points covers them all.
  const points = req.to.map((fp) => lastSentTo(ctx, fp));
  if (points.some((p) => p === null)) return { scope: 'all' };
  return { scope: 'since', after: (points as string[]).sort()[0] as string };
}

/** `amparo-20261124-k3x9qa.amparo`: a date and random letters, never an office or a person. */
export function bundleFileName(now: Date): string {
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const random = [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
  return `amparo-${date}-${random}.amparo`;
}

export async function exportBundle(ctx: ServiceContext, req: ExportRequest): Promise<ExportResult> {
  const w = writerFor(ctx);
  const { db, office } = w.session;
  const to = recipients(ctx, req);
  const profile = redactionProfile(db, req.redaction);
  const scope = resolveScope(ctx, req);
  const fingerprint = ourFingerprint(db);
  if (!fingerprint) throw new AmparoError('VAULT_CORRUPT', 'The vault has no sync identity.');
  // Every row written from now on gets a greater local stamp, so the next "since last" starts here.
  const highClock = w.hlc.tick();
  const changes = extractChanges(db, scope, sendPolicy(profile));
  const sequence =
    ((stmt(db, 'SELECT max(sequence) AS s FROM bundles_out').get() as { s: number | null }).s ?? 0) + 1;
  const now = ctx.clock.now();
  const identity = loadIdentity(db);
  const payload = encodeChanges(changes);
  const manifest = buildManifest(
    {
      identity,
      sender: { officeId: office.id, name: office.name, fingerprint },
      recipients: to.map((c) => ({ fingerprint: c.fingerprint, ageRecipient: c.ageRecipient })),
      sequence,
      knowledge: { ...getKnowledge(db), [office.id]: highClock },
      schemaVersion: SCHEMA_VERSION,
      now,
    },
    payload,
    changes.length,
  );
  const { bundleId } = manifest;
  const bytes = await sealManifest(
    manifest,
    payload,
    identity,
    to.map((c) => c.ageRecipient),
    now,
  );
  stmt(
    db,
    `INSERT INTO bundles_out (bundle_id, sequence, recipients, created_at, high_clock, change_count)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    bundleId,
    sequence,
    JSON.stringify(to.map((c) => c.fingerprint)),
    now.toISOString(),
    highClock,
    changes.length,
  );
  return { bundleId, bytes, fileName: bundleFileName(now), changeCount: changes.length };
}
