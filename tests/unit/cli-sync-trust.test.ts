// `amparo card|contact|identity …`: exchanging cards between two offices' vaults, verifying by a grouped
// fingerprint, revoking, and the recovery exports checked with the stock age and minisign tools.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../shared/errors';
import { createCard, serializeCard } from '../../electron/core/sync/card';
import { formatFingerprint } from '../../electron/core/sync/fingerprint';
import { makeOffice } from '../fixtures/sync/offices';
import { runCliInProcess } from '../helpers/cli';
import { makeTempDir, PASSPHRASE, removeTempDirs } from '../helpers/vault';

afterEach(removeTempDirs);

const env = { AMPARO_PASSPHRASE: PASSPHRASE };
const errorCode = (stderr: string) =>
  (JSON.parse(stderr.trim().split('\n').at(-1) as string) as { error: { code: string } }).error.code;
const hasTool = (name: string) => existsSync(`/usr/bin/${name}`);

async function office(name: string) {
  const dir = makeTempDir();
  const vault = join(dir, 'vault');
  const init = await runCliInProcess(['--vault', vault, 'init', '--office', name], env);
  expect(init.code).toBe(0);
  const cli = (...args: string[]) => runCliInProcess(['--vault', vault, ...args], env);
  return { dir, cli, fingerprint: (JSON.parse(init.stdout) as { fingerprint: string }).fingerprint };
}

describe('amparo card / contact', () => {
  it('exchanges cards, verifies with a grouped fingerprint, lists and revokes', async () => {
    const oak = await office('Oakland RRN');
    const sj = await office('San José intake');

    const cardFile = join(sj.dir, 'contact.amparo-card');
    const exported = await sj.cli('card', 'export', cardFile);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({ file: cardFile, fingerprint: sj.fingerprint });
    // Never overwrites.
    const again = await sj.cli('card', 'export', cardFile);
    expect(again.code).toBe(EXIT_CODES.INVALID_INPUT);

    const added = await oak.cli('contact', 'add', cardFile);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toEqual({
      office: 'San José intake',
      fingerprint: sj.fingerprint,
      state: 'unverified',
      resembles: [],
    });
    const dup = await oak.cli('contact', 'add', cardFile);
    expect(dup.code).toBe(EXIT_CODES.CONFLICT);
    expect(errorCode(dup.stderr)).toBe('CONFLICT');

    // As read aloud: 12 groups of 5, as separate words or one quoted string.
    const groups = formatFingerprint(sj.fingerprint).split(' ');
    const verified = await oak.cli('contact', 'verify', ...groups);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ state: 'verified' });
    expect((await oak.cli('contact', 'verify', groups.join(' '))).code).toBe(0);
    const short = await oak.cli('contact', 'verify', '12345 67890');
    expect(short.code).toBe(EXIT_CODES.INVALID_INPUT);
    const unknown = await oak.cli('contact', 'verify', '1'.repeat(60));
    expect(unknown.code).toBe(EXIT_CODES.NOT_FOUND);

    const noReason = await oak.cli('contact', 'revoke', sj.fingerprint);
    expect(noReason.code).toBe(EXIT_CODES.INVALID_INPUT);
    const revoked = await oak.cli('contact', 'revoke', sj.fingerprint, '--reason', 'Laptop stolen');
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });

    const list = await oak.cli('contact', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        officeName: 'San José intake',
        fingerprint: sj.fingerprint,
        state: 'revoked',
        revokedReason: 'Laptop stolen',
      }),
    ]);
  });

  it('refuses our own card and a damaged card', async () => {
    const oak = await office('Oakland RRN');
    const own = join(oak.dir, 'own.amparo-card');
    expect((await oak.cli('card', 'export', own)).code).toBe(0);
    const self = await oak.cli('contact', 'add', own);
    expect(errorCode(self.stderr)).toBe('CONFLICT');
    const damaged = join(oak.dir, 'damaged.amparo-card');
    writeFileSync(damaged, readFileSync(own, 'utf8').replace('Oakland', 'Oak1and'));
    const bad = await oak.cli('contact', 'add', damaged);
    expect(bad.code).toBe(EXIT_CODES.CARD_INVALID);
    expect(errorCode(bad.stderr)).toBe('CARD_INVALID');
    const missing = await oak.cli('contact', 'add', join(oak.dir, 'nope'));
    expect(missing.code).toBe(EXIT_CODES.INVALID_INPUT);
  });
});

describe('amparo relay-only', () => {
  it('shows and sets whether this office only relays, and refuses another word', async () => {
    const hub = await office('Bay Area hub');
    expect(JSON.parse((await hub.cli('relay-only')).stdout)).toEqual({ relayOnly: false });
    expect(JSON.parse((await hub.cli('relay-only', 'on')).stdout)).toEqual({ relayOnly: true });
    expect(JSON.parse((await hub.cli('relay-only')).stdout)).toEqual({ relayOnly: true });
    const wrong = await hub.cli('relay-only', 'yes');
    expect(wrong.code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(JSON.parse((await hub.cli('relay-only', 'off')).stdout)).toEqual({ relayOnly: false });
  });
});

describe('amparo contact add and office names', () => {
  const cardFile = async (dir: string, name: string) => {
    const o = await makeOffice(name);
    const file = join(dir, `${o.officeId}.amparo-card`);
    writeFileSync(file, serializeCard(createCard(o.identity, { name, officeId: o.officeId }, new Date())));
    return file;
  };

  it('flags a lookalike of a contact or of this office in its JSON, and refuses hidden characters', async () => {
    const oak = await office('Oakland RRN');
    const real = await office('San José intake');
    const realCard = join(real.dir, 'real.amparo-card');
    await real.cli('card', 'export', realCard);
    expect(JSON.parse((await oak.cli('contact', 'add', realCard)).stdout)).toMatchObject({ resembles: [] });

    // Cyrillic "а" and "о" in place of the Latin letters.
    const lookalike = await oak.cli(
      'contact',
      'add',
      await cardFile(oak.dir, 'S\u0430n J\u043Es\u00e9 intake'),
    );
    expect(lookalike.code).toBe(0);
    expect(JSON.parse(lookalike.stdout)).toMatchObject({
      state: 'unverified',
      resembles: [{ officeName: 'San José intake', fingerprint: real.fingerprint, own: false }],
    });
    const mirror = await oak.cli('contact', 'add', await cardFile(oak.dir, '0akland RRN'));
    expect(JSON.parse(mirror.stdout)).toMatchObject({
      resembles: [{ officeName: 'Oakland RRN', fingerprint: null, own: true }],
    });

    for (const name of ['Oakland\u202E NRR', 'Oak\u200Bland', 'Oakland\u0000RRN', 'Oakland\u2066RRN\u2069']) {
      const hidden = await oak.cli('contact', 'add', await cardFile(oak.dir, name));
      expect(hidden.code, JSON.stringify(name)).toBe(EXIT_CODES.CARD_INVALID);
      expect(errorCode(hidden.stderr)).toBe('CARD_INVALID');
    }
    expect((await oak.cli('contact', 'list')).stdout.trim().split('\n')).toHaveLength(3);
  });
});

describe('amparo identity exports', () => {
  it('writes the secret age key 0600 with a warning, never overwriting; stock age decrypts with it', async () => {
    const oak = await office('Oakland RRN');
    const keyFile = join(oak.dir, 'office.agekey');
    const result = await oak.cli('identity', 'export-age-key', keyFile);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ file: keyFile });
    const warning = JSON.parse(result.stderr.trim()) as { warning: string };
    expect(warning.warning).toMatch(/SECRET/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const text = readFileSync(keyFile, 'utf8');
    expect(text).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]+$/m);
    const before = readFileSync(keyFile);
    expect((await oak.cli('identity', 'export-age-key', keyFile)).code).toBe(EXIT_CODES.INVALID_INPUT);
    expect(readFileSync(keyFile)).toEqual(before);

    if (!hasTool('age')) return console.warn('skipped: age not installed');
    const recipient = /# public key: (age1\S+)/.exec(text)?.[1] as string;
    const sealed = execFileSync('age', ['-r', recipient], { input: 'hello office' });
    expect(execFileSync('age', ['-d', '-i', keyFile], { input: sealed }).toString()).toBe('hello office');
  });

  it('writes the minisign public key that matches our card', async () => {
    const oak = await office('Oakland RRN');
    const pub = join(oak.dir, 'office.pub');
    const result = await oak.cli('identity', 'export-minisign-pub', pub);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const card = join(oak.dir, 'c.amparo-card');
    await oak.cli('card', 'export', card);
    const keyLine = readFileSync(pub, 'utf8').trim().split('\n')[1];
    expect((JSON.parse(readFileSync(card, 'utf8')) as { minisignPublicKey: string }).minisignPublicKey).toBe(
      keyLine,
    );
  });
});
