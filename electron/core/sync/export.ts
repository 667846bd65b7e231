import { randomBytes } from 'node:crypto';
import { AmparoError } from '../../../shared/errors';
import type { ExportScope } from '../../../shared/channels/sync';
import type { z } from 'zod';
import type { ServiceContext } from '../kernel/context';
import { readSetting } from '../records/settings';
import { stmt } from '../records/statements';
import { writerFor } from '../records/writer';
import { SCHEMA_VERSION } from '../vault/migrations';
import { buildManifest, encodeChanges, sealManifest } from './bundle';
import { extractChanges, type ExtractScope } from './changes';
import { knownTo, receivedVector, recordPromise } from './reach';
import { sendPolicy } from './redaction';
import { HELD_SINCE_KEY, readStable } from './stability';
import { meetVectors } from './vectors';
import {
  contactKeys,
  getKnowledge,
  loadIdentity,
  ourFingerprint,
  redactionProfile,
  type ContactKeys,
} from './store';

// Bundle export: check the recipients, pick the changes for the scope, redact, sign and encrypt, and
// remember what was sent: the per-sender sequence, and the bundle as a promise to its recipients
// (sync/reach.ts), so the next "since last" bundle carries only what they are not known to hold.

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

/** The profile a bundle's promise is kept under: null for one that removes nothing. */
const promiseProfile = (profile: { name: string; everything: boolean }) =>
  profile.everything ? null : profile.name;

/**
 * "Since last" sends what ANY recipient lacks: the meet of what each is known to hold. Without any word
 * from or promise to a recipient, that is everything.
 */
function resolveScope(
  ctx: ServiceContext,
  req: ExportRequest,
  to: ContactKeys[],
  profile: string | null,
): ExtractScope {
  if (req.scope.scope === 'all') return { scope: 'all' };
  if (req.scope.scope === 'people') return { scope: 'people', personIds: req.scope.personIds };
  const { db, office } = ctx.session();
  return { scope: 'since', base: meetVectors(to.map((c) => knownTo(db, office.id, c.officeId, profile))) };
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
  const scope = resolveScope(ctx, req, to, promiseProfile(profile));
  const fingerprint = ourFingerprint(db);
  if (!fingerprint) throw new AmparoError('VAULT_CORRUPT', 'The vault has no sync identity.');
  // The bundle's own stamp: every write this office made before it is in it or held by its recipients.
  const highClock = w.hlc.mark();
  const floor = readStable(db);
  const changes = extractChanges(db, scope, sendPolicy(profile), floor);
  const knowledge = { ...getKnowledge(db), [office.id]: highClock };
  const heldSince = readSetting(db, HELD_SINCE_KEY);
  // Complete: removes nothing and carries everything above its base, so it raises what recipients hold.
  const base =
    scope.scope === 'people' || !profile.everything ? undefined : scope.scope === 'all' ? {} : scope.base;
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
      knowledge,
      ...(base ? { base } : {}),
      received: receivedVector(db, office.id),
      stable: floor,
      ...(heldSince ? { heldSince } : {}),
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
  if (scope.scope !== 'people')
    recordPromise(db, {
      bundleId,
      senderOffice: office.id,
      highClock,
      recipients: to.map((c) => c.officeId),
      knowledge,
      complete: base !== undefined,
      profile: promiseProfile(profile),
      heldSince,
    });
  return { bundleId, bytes, fileName: bundleFileName(now), changeCount: changes.length };
}
