// Contact cards, fingerprints and the recovery exports of an office identity.
import { afterEach, describe, expect, it } from 'vitest';
import { AmparoError } from '../../shared/errors';
import { createCard, parseCard, serializeCard } from '../../electron/core/sync/card';
import { formatFingerprint, normalizeFingerprint } from '../../electron/core/sync/fingerprint';
import { exportAgeKey, exportMinisignPub } from '../../electron/core/sync/identity';
import { parsePublicKeyFile } from '../../electron/core/sync/minisign';
import { confusableNames, normalizeOfficeName, skeleton } from '../../electron/core/sync/office-name';
import { makeOffice, type TestOffice } from '../fixtures/sync/offices';
import { removeTempDirs, unlockedService } from '../helpers/vault';

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

const cardNamed = (o: TestOffice, name: string) =>
  serializeCard(createCard(o.identity, { name, officeId: o.officeId }, now));

function refusedName(text: string): string {
  try {
    parseCard(text);
  } catch (e) {
    expect(e).toBeInstanceOf(AmparoError);
    expect((e as AmparoError).code).toBe('CARD_INVALID');
    return (e as AmparoError).issues?.[0]?.message ?? '';
  }
  throw new Error('the card was accepted');
}

describe('office names on cards', () => {
  afterEach(removeTempDirs);

  it('refuses names with bidi overrides or isolates, zero-width or control characters, even when signed', async () => {
    const o = await makeOffice('x');
    const cases: [string, string][] = [
      ['Office\u202EA RRN', 'U+202E'], // RIGHT-TO-LEFT OVERRIDE: "NRR A" would display reversed
      ['\u202DOffice A', 'U+202D'], // LEFT-TO-RIGHT OVERRIDE
      ['Office \u2067A\u2069', 'U+2067'], // RIGHT-TO-LEFT ISOLATE
      ['Office\u200F A', 'U+200F'], // RIGHT-TO-LEFT MARK
      ['Off\u200Dice A', 'U+200D'], // ZERO WIDTH JOINER
      ['Office\u200B A', 'U+200B'], // ZERO WIDTH SPACE
      ['\uFEFFOffice A', 'U+FEFF'], // BOM
      ['Office A\u0007', 'U+0007'], // BEL
      ['Office\nA', 'U+000A'],
      ['Office\u0085A', 'U+0085'], // C1 control
      ['Office\u00ADA', 'U+00AD'], // soft hyphen
      ['Office\u3164A', 'U+3164'], // Hangul filler: an invisible letter
    ];
    for (const [name, code] of cases)
      expect(refusedName(cardNamed(o, name)), JSON.stringify(name)).toBe(code);
  });

  it('normalises to NFC and single inner spaces', async () => {
    const o = await makeOffice('x');
    const decomposed = 'San Jose\u0301  intake ';
    expect(parseCard(cardNamed(o, decomposed)).card.officeName).toBe('San Jos\u00e9 intake');
    expect(normalizeOfficeName('Red\u00A0de  Oakland')).toBe('Red de Oakland');
    expect(normalizeOfficeName('Oakland RRN \u2764\uFE0F')).toBe('Oakland RRN \u2764\uFE0F');
  });

  it('tells lookalike names apart from different ones with UTS #39 skeletons', () => {
    const cyrillic = '\u041Effice \u0410'; // Cyrillic capital O and A
    expect(cyrillic).not.toBe('Office A');
    expect(skeleton(cyrillic)).toBe(skeleton('Office A'));
    for (const [a, b] of [
      [cyrillic, 'Office A'],
      ['\u039Fakland RRN', 'Oakland RRN'], // Greek capital omicron
      ['0akland RRN', 'Oakland RRN'], // digit zero
      ['Iowa Legal', 'lowa Legal'], // capital I, small l
      ['Oakland rn', 'Oakland m'],
      ['OAKLAND RRN', 'oakland rrn'],
      ['Oakland  RRN', 'Oakland RRN'],
      ['San Jos\u00e9', 'San Jose\u0301'],
    ])
      expect(confusableNames(a!, b!), `${a} / ${b}`).toBe(true);
    for (const [a, b] of [
      ['Office A', 'Office B'],
      ['San Jos\u00e9 intake', 'San Jose intake'],
      ['Oakland RRN', 'Oakland RRN 2'],
    ])
      expect(confusableNames(a!, b!), `${a} / ${b}`).toBe(false);
  });

  it('contact:add flags a name that looks like a contact or this office, and refuses hidden characters', async () => {
    const { service } = await unlockedService({ officeName: 'Oakland RRN' });
    const { service: real } = await unlockedService({ officeName: 'Office A' });
    try {
      const realCard = (await real.handlers['card:export'](undefined)).card;
      const first = await service.handlers['contact:add']({ card: realCard });
      expect(first.resembles).toEqual([]);
      await service.handlers['contact:verify']({ fingerprint: first.fingerprint });

      const impostor = await makeOffice('impostor');
      const lookalike = await service.handlers['contact:add']({
        card: cardNamed(impostor, '\u041Effice \u0410'),
      });
      expect(lookalike).toMatchObject({ officeName: '\u041Effice \u0410', state: 'unverified' });
      expect(lookalike.resembles).toEqual([
        { officeName: 'Office A', fingerprint: first.fingerprint, own: false },
      ]);

      const mirror = await makeOffice('mirror');
      const own = await service.handlers['contact:add']({ card: cardNamed(mirror, 'Oak1and RRN') });
      expect(own.resembles).toEqual([{ officeName: 'Oakland RRN', fingerprint: null, own: true }]);

      const hidden = await makeOffice('hidden');
      await expect(
        Promise.resolve().then(() =>
          service.handlers['contact:add']({ card: cardNamed(hidden, 'Office\u202EA') }),
        ),
      ).rejects.toMatchObject({ code: 'CARD_INVALID' });
      expect((await service.handlers['contact:list'](undefined)).map((c) => c.officeName).sort()).toEqual([
        'Oak1and RRN',
        'Office A',
        '\u041Effice \u0410',
      ]);
    } finally {
      service.close();
      real.close();
    }
  });
});
