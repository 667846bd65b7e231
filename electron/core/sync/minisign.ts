// minisign-compatible Ed25519 keys and signatures (prehashed "ED" variant), so that stock `minisign -V`
// can verify what we sign. Format: https://jedisct1.github.io/minisign/ (signature + trusted comment).
// Signing and verifying use Node's native Ed25519 and BLAKE2b (OpenSSL) where the runtime has them: every
// bundle import verifies two signatures, and the pure-JS curve cost several milliseconds of each import.
// Electron's Node is built on BoringSSL, which may lack one or the other; a self-test at load picks the
// native path only where it gives exactly what @noble does, else @noble is used.
import { ed25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  getHashes,
  randomBytes,
  sign as edSign,
  verify as edVerify,
} from 'node:crypto';

export interface SigningKey {
  /** 8 random bytes naming the key, as minisign stores them. */
  keyId: Uint8Array;
  publicKey: Uint8Array;
  /** 32-byte Ed25519 seed; never leaves the vault except by explicit export. */
  secretKey: Uint8Array;
}

export type VerifyResult =
  | { ok: true; keyId: Uint8Array; trustedComment: string }
  | { ok: false; reason: 'malformed' | 'wrong-key' | 'bad-signature' | 'bad-global-signature' };

const enc = new TextEncoder();

// DER prefixes that wrap a raw 32-byte Ed25519 seed (PKCS #8) or public key (SPKI) for node:crypto.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

interface EdBackend {
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  /** False for any bad signature or key, never a throw. */
  verify(sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

const nobleEd: EdBackend = {
  sign: (message, secretKey) => ed25519.sign(message, secretKey),
  verify(sig, message, publicKey) {
    try {
      return ed25519.verify(sig, message, publicKey);
    } catch {
      return false;
    }
  },
};

const nativeEd: EdBackend = {
  sign: (message, secretKey) =>
    new Uint8Array(
      edSign(
        null,
        message,
        createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, secretKey]), format: 'der', type: 'pkcs8' }),
      ),
    ),
  verify(sig, message, publicKey) {
    try {
      const key = createPublicKey({
        key: Buffer.concat([SPKI_PREFIX, publicKey]),
        format: 'der',
        type: 'spki',
      });
      return edVerify(null, message, key, sig);
    } catch {
      return false;
    }
  },
};

/** The native backend if it signs exactly as @noble does (Ed25519 is deterministic) and verifies @noble's. */
function pickEd(): EdBackend {
  try {
    const secretKey = new Uint8Array(32).fill(7);
    const message = enc.encode('amparo self-test');
    const reference = nobleEd.sign(message, secretKey);
    const native = nativeEd.sign(message, secretKey);
    const same = Buffer.from(native).equals(Buffer.from(reference));
    return same && nativeEd.verify(reference, message, ed25519.getPublicKey(secretKey)) ? nativeEd : nobleEd;
  } catch {
    return nobleEd;
  }
}

const ed = pickEd();
const NATIVE_BLAKE2B = getHashes().includes('blake2b512');

/** BLAKE2b-512 of the message: minisign's prehash. */
const prehash = (message: Uint8Array): Uint8Array =>
  NATIVE_BLAKE2B ? createHash('blake2b512').update(message).digest() : blake2b(message, { dkLen: 64 });

export function generateSigningKey(): SigningKey {
  const secretKey = new Uint8Array(randomBytes(32));
  return { keyId: new Uint8Array(randomBytes(8)), publicKey: ed25519.getPublicKey(secretKey), secretKey };
}

export function publicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}

/** minisign displays key ids as a little-endian 64-bit number in upper-case hex. */
export function displayKeyId(keyId: Uint8Array): string {
  return Buffer.from(keyId).reverse().toString('hex').toUpperCase();
}

/** The 56-character base64 line of a minisign public key: "Ed" || keyid || pk. */
export function encodePublicKey(keyId: Uint8Array, publicKey: Uint8Array): string {
  return Buffer.concat([Buffer.from('Ed'), keyId, publicKey]).toString('base64');
}

export function decodePublicKey(line: string): { keyId: Uint8Array; publicKey: Uint8Array } | null {
  if (!/^[A-Za-z0-9+/]{56}$/.test(line.trim())) return null;
  const raw = Buffer.from(line.trim(), 'base64');
  if (raw.length !== 42 || raw.toString('latin1', 0, 2) !== 'Ed') return null;
  return { keyId: new Uint8Array(raw.subarray(2, 10)), publicKey: new Uint8Array(raw.subarray(10)) };
}

/** minisign's public key file (`minisign -p`). */
export function publicKeyFile(keyId: Uint8Array, publicKey: Uint8Array): string {
  return `untrusted comment: minisign public key ${displayKeyId(keyId)}\n${encodePublicKey(keyId, publicKey)}\n`;
}

/** Reads a public key file or a bare base64 line. */
export function parsePublicKeyFile(text: string): { keyId: Uint8Array; publicKey: Uint8Array } | null {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const line = lines.length >= 2 && lines[0]!.startsWith('untrusted comment:') ? lines[1] : lines[0];
  return line === undefined ? null : decodePublicKey(line);
}

export function sign(message: Uint8Array, key: SigningKey, trustedComment: string): string {
  if (/[\r\n]/.test(trustedComment)) throw new Error('trusted comment must be one line');
  const sig = ed.sign(prehash(message), key.secretKey);
  const globalSig = ed.sign(Buffer.concat([sig, enc.encode(trustedComment)]), key.secretKey);
  const sigLine = Buffer.concat([Buffer.from('ED'), key.keyId, sig]).toString('base64');
  return (
    `untrusted comment: signature from amparo secret key\n${sigLine}\n` +
    `trusted comment: ${trustedComment}\n${Buffer.from(globalSig).toString('base64')}\n`
  );
}

/** Key id carried by a signature file, so the caller can look up the signer before verifying. */
export function signatureKeyId(sigFile: string): Uint8Array | null {
  const parsed = parseSignature(sigFile);
  return parsed ? parsed.keyId : null;
}

interface ParsedSignature {
  prehashed: boolean;
  keyId: Uint8Array;
  sig: Uint8Array;
  trustedComment: string;
  globalSig: Uint8Array;
}

function parseSignature(sigFile: string): ParsedSignature | null {
  const lines = sigFile.split(/\r?\n/);
  if (lines.length < 4 || !lines[0]!.startsWith('untrusted comment:')) return null;
  const [sigLine, tcLine, globalLine] = [lines[1]!, lines[2]!, lines[3]!];
  if (!tcLine.startsWith('trusted comment: ')) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sigLine) || !/^[A-Za-z0-9+/]+={0,2}$/.test(globalLine)) return null;
  const raw = Buffer.from(sigLine, 'base64');
  const globalSig = Buffer.from(globalLine, 'base64');
  if (raw.length !== 74 || globalSig.length !== 64) return null;
  const alg = raw.toString('latin1', 0, 2);
  if (alg !== 'ED' && alg !== 'Ed') return null;
  return {
    prehashed: alg === 'ED',
    keyId: new Uint8Array(raw.subarray(2, 10)),
    sig: new Uint8Array(raw.subarray(10)),
    trustedComment: tcLine.slice('trusted comment: '.length),
    globalSig: new Uint8Array(globalSig),
  };
}

export function verify(
  message: Uint8Array,
  sigFile: string,
  key: { keyId: Uint8Array; publicKey: Uint8Array },
): VerifyResult {
  const p = parseSignature(sigFile);
  if (!p) return { ok: false, reason: 'malformed' };
  if (!Buffer.from(p.keyId).equals(Buffer.from(key.keyId))) return { ok: false, reason: 'wrong-key' };
  const signed = p.prehashed ? prehash(message) : message;
  if (!ed.verify(p.sig, signed, key.publicKey)) return { ok: false, reason: 'bad-signature' };
  const global = Buffer.concat([p.sig, enc.encode(p.trustedComment)]);
  if (!ed.verify(p.globalSig, global, key.publicKey)) return { ok: false, reason: 'bad-global-signature' };
  return { ok: true, keyId: p.keyId, trustedComment: p.trustedComment };
}
