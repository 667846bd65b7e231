// Contact cards, fingerprints and the recovery exports of an office identity.
import { describe, expect, it } from 'vitest';
import { createCard, parseCard, serializeCard } from '../../electron/core/sync/card';
import { formatFingerprint, normalizeFingerprint } from '../../electron/core/sync/fingerprint';
import { exportAgeKey, exportMinisignPub } from '../../electron/core/sync/identity';
import { parsePublicKeyFile } from '../../electron/core/sync/minisign';
import { makeOffice } from '../fixtures/sync/offices';

const now = new Date('2026-11-24T10:00:00Z');

describe('contact card', () => {
  it('round-trips and yields the same 60-digit fingerprint as the identity', async () => {
    const o = await makeOffice('San José intake');
    const text = serializeCard(createCard(o.identity, { name: o.name, officeId: o.officeId }, now));
    const v = parseCard(text);
    expect(v.card.officeName).toBe('San José intake');
    expect(v.fingerprint).toBe(o.fingerprint);
    expect(v.fingerprint).toMatch(/^[0-9]{60}$/);
    const grouped = formatFingerprint(v.fingerprint);
    expect(grouped.split(' ')).toHaveLength(12);
    expect(normalizeFingerprint(grouped)).toBe(v.fingerprint);
  });

  it('gives different offices different fingerprints', async () => {
    const [a, b] = [await makeOffice('A'), await makeOffice('B')];
    expect(a.fingerprint).not.toBe(b.fingerprint);
  });

  it('refuses a tampered card with CARD_INVALID', async () => {
    const [o, mallory] = [await makeOffice('Oakland'), await makeOffice('Mallory')];
    const card = createCard(o.identity, { name: o.name, officeId: o.officeId }, now);
    const swappedRecipient = { ...card, ageRecipient: mallory.identity.age.recipient };
    const renamed = { ...card, officeName: 'Oakland legal' };
    for (const bad of [swappedRecipient, renamed]) {
      expect(() => parseCard(JSON.stringify(bad))).toThrowError(
        expect.objectContaining({ code: 'CARD_INVALID' }),
      );
    }
    expect(() => parseCard('{not json')).toThrowError(expect.objectContaining({ code: 'CARD_INVALID' }));
    expect(() => parseCard(JSON.stringify({ ...card, extra: 1 }))).toThrowError(
      expect.objectContaining({ code: 'CARD_INVALID' }),
    );
  });

  it('exports an age identity file and a minisign public key file', async () => {
    const o = await makeOffice('A');
    const ageKey = exportAgeKey(o.identity, now);
    expect(ageKey).toContain(`# public key: ${o.identity.age.recipient}`);
    expect(ageKey.trim().split('\n').at(-1)).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/);
    const pub = exportMinisignPub(o.identity);
    expect(pub).toMatch(/^untrusted comment: minisign public key [0-9A-F]{16}\n[A-Za-z0-9+/]{56}\n$/);
    expect(Buffer.from(parsePublicKeyFile(pub)!.publicKey)).toEqual(
      Buffer.from(o.identity.signing.publicKey),
    );
  });
});
