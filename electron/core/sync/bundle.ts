// Bundle build and open (DESIGN §5). A bundle is an age v1 file whose plaintext is a ustar with
// manifest.json, manifest.json.minisig and changes.jsonl.gz. Opening runs the checks in the design's order
// and writes nothing; the caller applies the returned changes in one transaction.
import { Decrypter, Encrypter } from 'age-encryption';
import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AmparoError, type ErrorCode } from '../../../shared/errors';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  PAYLOAD_NAME,
  changeLineSchema,
  manifestSchema,
  type BundleManifest,
  type ChangeLine,
  type ContactState,
} from '../../../shared/sync';
import type { OfficeIdentity } from './identity';
import { DEFAULT_LIMITS, type BundleLimits } from './limits';
import { sign, signatureKeyId, verify } from './minisign';
import { TarError, readTar, writeTar } from './tarball';

export const MANIFEST_NAME = 'manifest.json';
export const SIGNATURE_NAME = 'manifest.json.minisig';

export interface BuildBundleInput {
  identity: OfficeIdentity;
  sender: { officeId: string; name: string; fingerprint: string };
  recipients: { fingerprint: string; ageRecipient: string }[];
  changes: ChangeLine[];
  sequence: number;
  knowledge: Record<string, string>;
  schemaVersion: number;
  now: Date;
}

export interface KnownContact {
  state: ContactState;
  keyId: Uint8Array;
  publicKey: Uint8Array;
  fingerprint: string;
}

export interface OpenBundleOptions {
  identity: OfficeIdentity;
  /** Looks a sender up by minisign key id (16 lower-case hex). */
  contactByKeyId: (keyIdHex: string) => KnownContact | undefined;
  ourFingerprint: string;
  now: Date;
  limits?: Partial<BundleLimits>;
}

export interface OpenedBundle {
  manifest: BundleManifest;
  changes: ChangeLine[];
  sender: KnownContact;
}

const refuse = (code: ErrorCode, message: string): AmparoError => new AmparoError(code, message);
const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export function encodeChanges(changes: ChangeLine[]): Uint8Array {
  const text = changes.map((c) => `${JSON.stringify(c)}\n`).join('');
  return new Uint8Array(gzipSync(Buffer.from(text, 'utf8')));
}

export async function buildBundle(input: BuildBundleInput): Promise<Uint8Array> {
  return sealBundle(input, encodeChanges(input.changes), input.changes.length);
}

/** Signs and encrypts an already-encoded payload. Exported for tests that need hostile payloads. */
export async function sealBundle(
  input: BuildBundleInput,
  payload: Uint8Array,
  changeCount: number,
  mutateManifest?: (m: BundleManifest) => unknown,
): Promise<Uint8Array> {
  const bundleId = randomBytes(16).toString('hex');
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    bundleId,
    createdAt: input.now.toISOString(),
    sender: { ...input.sender, keyId: Buffer.from(input.identity.signing.keyId).toString('hex') },
    recipients: input.recipients.map((r) => r.fingerprint),
    sequence: input.sequence,
    schemaVersion: input.schemaVersion,
    knowledge: input.knowledge,
    payload: { name: PAYLOAD_NAME, bytes: payload.length, changeCount, sha256: sha256Hex(payload) },
  };
  const finalManifest = mutateManifest ? mutateManifest(manifest) : manifest;
  const manifestBytes = Buffer.from(`${JSON.stringify(finalManifest, null, 2)}\n`, 'utf8');
  const signature = sign(manifestBytes, input.identity.signing, `amparo bundle ${bundleId}`);
  const tar = writeTar(
    [
      { name: MANIFEST_NAME, data: manifestBytes },
      { name: SIGNATURE_NAME, data: Buffer.from(signature, 'utf8') },
      { name: PAYLOAD_NAME, data: payload },
    ],
    input.now.getTime() / 1000,
  );
  const encrypter = new Encrypter();
  for (const r of input.recipients) encrypter.addRecipient(r.ageRecipient);
  return encrypter.encrypt(tar);
}

async function decryptStep(bytes: Uint8Array, identity: OfficeIdentity): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity.age.identity);
  try {
    return await decrypter.decrypt(bytes);
  } catch (err) {
    // age names the one case that is not damage: none of the stanzas is for our key.
    if (err instanceof Error && /no identity matched/.test(err.message)) {
      throw refuse('BUNDLE_NOT_FOR_US', 'This bundle is not addressed to this office.');
    }
    throw refuse('BUNDLE_TAMPERED', 'The bundle is damaged or was altered: it does not decrypt.');
  }
}

function untarStep(plain: Uint8Array, limits: BundleLimits): Map<string, Uint8Array> {
  try {
    return readTar(plain, {
      [MANIFEST_NAME]: limits.maxManifestBytes,
      [SIGNATURE_NAME]: limits.maxSignatureBytes,
      [PAYLOAD_NAME]: limits.maxPayloadBytes,
    });
  } catch (err) {
    if (err instanceof TarError && err.kind === 'too-large') {
      throw refuse('BUNDLE_TOO_LARGE', 'A file inside the bundle exceeds the size limit.');
    }
    throw refuse('BUNDLE_CORRUPT', 'The bundle contents are not in the expected layout.');
  }
}

function verifyStep(
  files: Map<string, Uint8Array>,
  opts: OpenBundleOptions,
): { manifestBytes: Uint8Array; sender: KnownContact } {
  const manifestBytes = files.get(MANIFEST_NAME)!;
  const sigText = Buffer.from(files.get(SIGNATURE_NAME)!).toString('utf8');
  const keyId = signatureKeyId(sigText);
  if (!keyId) throw refuse('BUNDLE_CORRUPT', 'The bundle signature is malformed.');
  const sender = opts.contactByKeyId(Buffer.from(keyId).toString('hex'));
  if (!sender)
    throw refuse('BUNDLE_UNKNOWN_SENDER', 'The bundle was signed by an office that is not a contact.');
  if (sender.state === 'revoked')
    throw refuse('BUNDLE_REVOKED_SENDER', 'The bundle was signed by a revoked contact.');
  const result = verify(manifestBytes, sigText, sender);
  if (!result.ok) throw refuse('BUNDLE_TAMPERED', 'The bundle signature does not match; it was altered.');
  return { manifestBytes, sender };
}

function parseManifest(bytes: Uint8Array, sender: KnownContact, limits: BundleLimits): BundleManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw refuse('BUNDLE_CORRUPT', 'The bundle manifest is not valid JSON.');
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > BUNDLE_FORMAT_VERSION) {
    throw refuse('BUNDLE_TOO_NEW', 'The bundle was made by a newer version of Amparo.');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw refuse('BUNDLE_CORRUPT', 'The bundle manifest is malformed.');
  const m = parsed.data;
  if (m.schemaVersion > limits.maxSchemaVersion) {
    throw refuse('BUNDLE_TOO_NEW', 'The bundle uses a newer data format than this version of Amparo.');
  }
  if (
    m.sender.keyId !== Buffer.from(sender.keyId).toString('hex') ||
    m.sender.fingerprint !== sender.fingerprint
  ) {
    throw refuse('BUNDLE_TAMPERED', 'The bundle manifest names a different sender than its signer.');
  }
  return m;
}

function decodeChanges(
  payload: Uint8Array,
  m: BundleManifest,
  opts: OpenBundleOptions,
  limits: BundleLimits,
): ChangeLine[] {
  let text: string;
  try {
    text = gunzipSync(payload, { maxOutputLength: limits.maxUncompressedBytes }).toString('utf8');
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw refuse('BUNDLE_TOO_LARGE', 'The bundle payload expands beyond the size limit.');
    }
    throw refuse('BUNDLE_CORRUPT', 'The bundle payload is not valid gzip.');
  }
  const lines = text.split('\n');
  if (lines.pop() !== '') throw refuse('BUNDLE_CORRUPT', 'The bundle payload does not end with a newline.');
  if (lines.length !== m.payload.changeCount || lines.length > limits.maxChanges) {
    throw refuse('BUNDLE_CORRUPT', 'The bundle payload has the wrong number of changes.');
  }
  const horizon = opts.now.getTime() + limits.maxFutureMs;
  let latest = 0;
  const changes = lines.map((line, i) => {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw refuse('BUNDLE_CORRUPT', `Change ${i + 1} in the bundle is not valid JSON.`);
    }
    const parsed = changeLineSchema.safeParse(raw);
    if (!parsed.success) throw refuse('BUNDLE_CORRUPT', `Change ${i + 1} in the bundle is malformed.`);
    const c = parsed.data;
    for (const stamp of [c.deleted, c.purged, ...Object.values(c.fields).map((f) => f.clock)]) {
      if (stamp !== undefined) latest = Math.max(latest, parseInt(stamp.slice(0, 12), 16));
    }
    return c;
  });
  if (latest > horizon) {
    // The sender's clock also travels as an issue so the renderer can show it in the user's language.
    const senderClock = new Date(latest).toISOString();
    throw new AmparoError(
      'BUNDLE_FUTURE_CLOCK',
      `The sender's clock was ahead: changes are stamped ${senderClock}, more than 24 hours after this computer's time.`,
      [{ path: 'senderClock', message: senderClock }],
    );
  }
  return changes;
}

export async function openBundle(bytes: Uint8Array, opts: OpenBundleOptions): Promise<OpenedBundle> {
  const limits: BundleLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (bytes.length > limits.maxBundleBytes)
    throw refuse('BUNDLE_TOO_LARGE', 'The bundle file exceeds the size limit.');
  const plain = await decryptStep(bytes, opts.identity); // 1
  const files = untarStep(plain, limits); // 2
  const { manifestBytes, sender } = verifyStep(files, opts); // 3
  const manifest = parseManifest(manifestBytes, sender, limits);
  if (!manifest.recipients.includes(opts.ourFingerprint)) {
    throw refuse('BUNDLE_NOT_FOR_US', 'This bundle is not addressed to this office.'); // 4
  }
  const payload = files.get(PAYLOAD_NAME)!;
  if (payload.length !== manifest.payload.bytes || sha256Hex(payload) !== manifest.payload.sha256) {
    throw refuse('BUNDLE_TAMPERED', 'The bundle payload does not match its signed hash.'); // 5
  }
  const changes = decodeChanges(payload, manifest, opts, limits); // 6
  return { manifest, changes, sender };
}
