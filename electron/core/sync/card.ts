// Contact card (*.amparo-card): public JSON naming an office and its keys, self-signed so a damaged or
// edited card is refused. Trust still comes from comparing fingerprints out of band.
import { ed25519 } from '@noble/curves/ed25519.js';
import { AmparoError } from '../../../shared/errors';
import { CARD_FORMAT, contactCardSchema, type ContactCard } from '../../../shared/sync';
import { computeFingerprint } from './fingerprint';
import type { OfficeIdentity } from './identity';
import { decodePublicKey, encodePublicKey } from './minisign';
import { normalizeOfficeName } from './office-name';

export interface VerifiedCard {
  card: ContactCard;
  keyId: Uint8Array;
  publicKey: Uint8Array;
  fingerprint: string;
}

/** Deterministic JSON: sorted keys, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function signedBytes(card: Omit<ContactCard, 'signature'>): Uint8Array {
  return new TextEncoder().encode(`amparo-card-signature\n${canonicalJson(card)}`);
}

export function createCard(
  id: OfficeIdentity,
  office: { name: string; officeId: string },
  now: Date,
): ContactCard {
  const body = {
    format: CARD_FORMAT,
    officeName: office.name,
    officeId: office.officeId,
    ageRecipient: id.age.recipient,
    minisignPublicKey: encodePublicKey(id.signing.keyId, id.signing.publicKey),
    createdAt: now.toISOString(),
  } as const;
  const signature = Buffer.from(ed25519.sign(signedBytes(body), id.signing.secretKey)).toString('base64');
  return contactCardSchema.parse({ ...body, signature });
}

export function serializeCard(card: ContactCard): string {
  return `${JSON.stringify(card, null, 2)}\n`;
}

/**
 * Parses and checks the self-signature; any defect is CARD_INVALID. The returned office name is normalised
 * (NFC, whitespace), and a name hiding characters is a defect; the signature covers the name as written.
 */
export function parseCard(text: string): VerifiedCard {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AmparoError('CARD_INVALID', 'The contact card is not valid JSON.');
  }
  const parsed = contactCardSchema.safeParse(raw);
  if (!parsed.success) throw new AmparoError('CARD_INVALID', 'The contact card is malformed.');
  const card = parsed.data;
  const key = decodePublicKey(card.minisignPublicKey);
  if (!key) throw new AmparoError('CARD_INVALID', 'The contact card has a malformed signing key.');
  const { signature, ...body } = card;
  let ok: boolean;
  try {
    ok = ed25519.verify(Buffer.from(signature, 'base64'), signedBytes(body), key.publicKey);
  } catch {
    ok = false;
  }
  if (!ok)
    throw new AmparoError('CARD_INVALID', 'The contact card signature does not match; it was altered.');
  return {
    card: { ...card, officeName: normalizeOfficeName(card.officeName) },
    ...key,
    fingerprint: computeFingerprint(key.keyId, key.publicKey, card.ageRecipient),
  };
}
