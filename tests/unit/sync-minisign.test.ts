// Our minisign signatures against the real Debian minisign binary, both directions.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { afterAll, describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  parsePublicKeyFile,
  publicKeyFile,
  sign,
  verify,
} from '../../electron/core/sync/minisign';

const MINISIGN = '/usr/bin/minisign';
const hasMinisign = existsSync(MINISIGN);
if (!hasMinisign) console.warn(`skipping minisign interop: ${MINISIGN} is not installed`);
const dir = mkdtempSync(join(tmpdir(), 'amparo-minisign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('minisign', () => {
  it('verifies its own signature and rejects a changed message or comment', () => {
    const key = generateSigningKey();
    const msg = new TextEncoder().encode('hello bundle');
    const sig = sign(msg, key, 'amparo bundle abc');
    expect(verify(msg, sig, key)).toMatchObject({ ok: true, trustedComment: 'amparo bundle abc' });
    expect(verify(new TextEncoder().encode('hello bundlf'), sig, key)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    const forgedComment = sig.replace(
      'trusted comment: amparo bundle abc',
      'trusted comment: amparo bundle xyz',
    );
    expect(verify(msg, forgedComment, key)).toEqual({ ok: false, reason: 'bad-global-signature' });
    expect(verify(msg, sig, generateSigningKey())).toEqual({ ok: false, reason: 'wrong-key' });
    expect(verify(msg, 'garbage', key)).toEqual({ ok: false, reason: 'malformed' });
  });

  it.skipIf(!hasMinisign)('stock minisign verifies our signature with our public key file', () => {
    const key = generateSigningKey();
    const file = join(dir, 'ours.txt');
    writeFileSync(file, 'some manifest bytes\n');
    writeFileSync(`${file}.minisig`, sign(readFileSync(file), key, 'amparo bundle 0123'));
    writeFileSync(join(dir, 'ours.pub'), publicKeyFile(key.keyId, key.publicKey));
    const out = execFileSync(MINISIGN, ['-V', '-p', join(dir, 'ours.pub'), '-m', file], { encoding: 'utf8' });
    expect(out).toContain('Signature and comment signature verified');
    expect(out).toContain('amparo bundle 0123');
    writeFileSync(file, 'some manifest bytez\n');
    expect(() =>
      execFileSync(MINISIGN, ['-V', '-p', join(dir, 'ours.pub'), '-m', file], { stdio: 'pipe' }),
    ).toThrow();
  });

  it.skipIf(!hasMinisign)('we verify a signature made by stock minisign', () => {
    const sec = join(dir, 'theirs.key');
    const pub = join(dir, 'theirs.pub');
    execFileSync(MINISIGN, ['-G', '-W', '-f', '-p', pub, '-s', sec], { stdio: 'pipe' });
    const file = join(dir, 'theirs.txt');
    writeFileSync(file, 'signed by the real tool\n');
    execFileSync(MINISIGN, ['-S', '-s', sec, '-m', file, '-t', 'from stock'], { stdio: 'pipe' });
    const key = parsePublicKeyFile(readFileSync(pub, 'utf8'));
    expect(key).not.toBeNull();
    const sig = readFileSync(`${file}.minisig`, 'utf8');
    expect(verify(readFileSync(file), sig, key!)).toMatchObject({ ok: true, trustedComment: 'from stock' });
    expect(verify(Buffer.from('other'), sig, key!)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});

describe('signature backend', () => {
  // Node's native Ed25519/BLAKE2b is used only where it matches @noble; either way a signature must be the
  // one @noble makes and verifies, since partners may run on the other backend.
  it('signs exactly what @noble verifies, over the BLAKE2b-512 prehash', () => {
    const key = generateSigningKey();
    const message = new TextEncoder().encode('bundle bytes');
    const sigFile = sign(message, key, 'timestamp:1 file:x');
    const sig = Buffer.from(sigFile.split('\n')[1] as string, 'base64').subarray(10);
    expect(ed25519.verify(sig, blake2b(message, { dkLen: 64 }), key.publicKey)).toBe(true);
    const forged = ed25519.sign(blake2b(new TextEncoder().encode('other'), { dkLen: 64 }), key.secretKey);
    const bad = sigFile.replace(
      sigFile.split('\n')[1] as string,
      Buffer.concat([Buffer.from('ED'), key.keyId, forged]).toString('base64'),
    );
    expect(verify(message, bad, key)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });
});
