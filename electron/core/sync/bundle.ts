// Bundle build and open. A bundle is an age v1 file whose plaintext is a ustar with
// manifest.json, manifest.json.minisig and changes.jsonl.gz, in that order. Opening runs the checks in the
// design's order and writes nothing; the caller applies the returned changes in one transaction.
//
// Opening streams: the file is decrypted, untarred and gunzipped a chunk at a time, with every limit checked
// as the bytes arrive. The signed manifest comes first, so an unknown or forged sender is refused before a
// byte of the payload is read. A large file is read twice: once to check everything while holding nothing,
// and, only if all of it passed, once more to build the changes (a small one keeps its lines from the first
// read). So a refusal costs a few tens of megabytes whatever the file holds; only an accepted bundle is ever
// held parsed whole.
import { Decrypter, Encrypter } from 'age-encryption';
import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { AmparoError } from '../../../shared/errors';
import type { Kind } from '../../../shared/model';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  PAYLOAD_NAME,
  manifestSchema,
  type BundleManifest,
  type ChangeLine,
  type ContactState,
} from '../../../shared/sync';
import { officeAgeIdentity, orderRecipients } from './age-identity';
import {
  ByteReader,
  PayloadReader,
  ageHeaderGuard,
  gunzipLines,
  openSource,
  refuse,
  sourceSize,
  type BundleSource,
} from './bundle-stream';
import { checkChange, parseGuardedJson, toChangeLine } from './change-lines';
import type { OfficeIdentity } from './identity';
import { DEFAULT_LIMITS, type BundleLimits } from './limits';
import { sign, signatureKeyId, verify } from './minisign';
import { TAR_BLOCK, TarError, paddedSize, parseTarHeader, writeTar, type TarHeader } from './tarball';

export { fileSource, type BundleSource, type StreamSource } from './bundle-stream';

export const MANIFEST_NAME = 'manifest.json';
export const SIGNATURE_NAME = 'manifest.json.minisig';

export interface BuildBundleInput {
  identity: OfficeIdentity;
  sender: { officeId: string; name: string; fingerprint: string };
  recipients: { fingerprint: string; ageRecipient: string }[];
  changes: ChangeLine[];
  sequence: number;
  knowledge: Record<string, string>;
  /** Format 4: what the bundle was built against, what the sender imported, what is stable. */
  base?: Record<string, string>;
  received?: Record<string, string>;
  stable?: Record<string, string>;
  /** Format 5: when the sender came to hold its knowledge of the other offices. */
  heldSince?: string;
  schemaVersion: number;
  now: Date;
}

/** A contact as its verified card describes it: the only source of a sender's identity. */
export interface KnownContact {
  state: ContactState;
  keyId: Uint8Array;
  publicKey: Uint8Array;
  fingerprint: string;
  officeId: string;
  officeName: string;
}

export interface OpenBundleOptions {
  identity: OfficeIdentity;
  /** Looks a sender up by minisign key id (16 lower-case hex). */
  contactByKeyId: (keyIdHex: string) => KnownContact | undefined;
  /**
   * Whether this office holds (or purged) a record; tombstones for ids it never had are limited per bundle.
   * Without it every tombstone counts as unknown.
   */
  knownRecord?: (kind: Kind, id: string) => boolean;
  ourFingerprint: string;
  now: Date;
  limits?: Partial<BundleLimits>;
}

export interface OpenedBundle {
  manifest: BundleManifest;
  changes: ChangeLine[];
  /** The contact whose key verified the signature: use its office id and name, never the manifest's. */
  sender: KnownContact;
}

const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export function encodeChanges(changes: ChangeLine[]): Uint8Array {
  // One buffer per line: a single joined string would hit V8's string length limit on a large export.
  const lines = changes.map((c) => Buffer.from(`${JSON.stringify(c)}\n`, 'utf8'));
  return new Uint8Array(gzipSync(Buffer.concat(lines)));
}

/** The manifest describing `payload`, with a fresh bundle id. */
export function buildManifest(
  input: Omit<BuildBundleInput, 'changes'>,
  payload: Uint8Array,
  changeCount: number,
): BundleManifest {
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    bundleId: randomBytes(16).toString('hex'),
    createdAt: input.now.toISOString(),
    sender: { ...input.sender, keyId: hex(input.identity.signing.keyId) },
    recipients: input.recipients.map((r) => r.fingerprint),
    sequence: input.sequence,
    schemaVersion: input.schemaVersion,
    knowledge: input.knowledge,
    ...(input.base ? { base: input.base } : {}),
    ...(input.received ? { received: input.received } : {}),
    ...(input.stable ? { stable: input.stable } : {}),
    ...(input.heldSince ? { heldSince: input.heldSince } : {}),
    payload: { name: PAYLOAD_NAME, bytes: payload.length, changeCount, sha256: sha256Hex(payload) },
  };
}

export const encodeManifest = (manifest: BundleManifest): Uint8Array =>
  Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');

/**
 * Signs manifest bytes as they are (the trusted comment names the bundle) and encrypts the three entries to
 * the age recipients.
 */
export async function sealManifestBytes(
  manifestBytes: Uint8Array,
  bundleId: string,
  payload: Uint8Array,
  identity: OfficeIdentity,
  ageRecipients: readonly string[],
  now: Date,
): Promise<Uint8Array> {
  const signature = sign(manifestBytes, identity.signing, `amparo bundle ${bundleId}`);
  const tar = writeTar(
    [
      { name: MANIFEST_NAME, data: manifestBytes },
      { name: SIGNATURE_NAME, data: Buffer.from(signature, 'utf8') },
      { name: PAYLOAD_NAME, data: payload },
    ],
    now.getTime() / 1000,
  );
  const encrypter = new Encrypter();
  for (const r of orderRecipients(ageRecipients)) encrypter.addRecipient(r);
  return encrypter.encrypt(tar);
}

/** Signs and encrypts a manifest with its payload. */
export function sealManifest(
  manifest: BundleManifest,
  payload: Uint8Array,
  identity: OfficeIdentity,
  ageRecipients: readonly string[],
  now: Date,
): Promise<Uint8Array> {
  return sealManifestBytes(
    encodeManifest(manifest),
    manifest.bundleId,
    payload,
    identity,
    ageRecipients,
    now,
  );
}

/** Signs and encrypts an already-encoded payload (tests use it for hostile payloads). */
export function sealBundle(
  input: Omit<BuildBundleInput, 'changes'>,
  payload: Uint8Array,
  changeCount: number,
): Promise<Uint8Array> {
  const manifest = buildManifest(input, payload, changeCount);
  const recipients = input.recipients.map((r) => r.ageRecipient);
  return sealManifest(manifest, payload, input.identity, recipients, input.now);
}

export async function buildBundle(input: BuildBundleInput): Promise<Uint8Array> {
  return sealBundle(input, encodeChanges(input.changes), input.changes.length);
}

/** Step 1: the age layer, decrypted as it is read. */
async function decryptStep(source: BundleSource, identity: OfficeIdentity, limits: BundleLimits) {
  const decrypter = new Decrypter();
  decrypter.addIdentity(await officeAgeIdentity(identity));
  // age keeps its reader when it gives up on a header; aborting the pipe is what closes the file then.
  const abort = new AbortController();
  const encrypted = openSource(source, limits.maxBundleBytes).pipeThrough(
    ageHeaderGuard(limits.maxAgeHeaderBytes),
    { signal: abort.signal },
  );
  try {
    return new ByteReader((await decrypter.decrypt(encrypted)).getReader());
  } catch (err) {
    abort.abort();
    if (err instanceof AmparoError) throw err;
    // age names the one case that is not damage: none of the stanzas is for our key.
    if (err instanceof Error && /no identity matched/.test(err.message)) {
      throw refuse('BUNDLE_NOT_FOR_US', 'This bundle is not addressed to this office.');
    }
    throw refuse('BUNDLE_TAMPERED', 'The bundle is damaged or was altered: it does not decrypt.');
  }
}

const layout = () => refuse('BUNDLE_CORRUPT', 'The bundle contents are not in the expected layout.');

async function readHeader(r: ByteReader): Promise<TarHeader> {
  const block = await r.exactly(TAR_BLOCK);
  if (!block) throw layout();
  try {
    return parseTarHeader(block);
  } catch (err) {
    if (err instanceof TarError) throw layout();
    throw err;
  }
}

/** Step 2, one entry: the next tar entry must be `name`, no larger than `max`. Returns its size. */
async function expectEntry(r: ByteReader, name: string, max: number): Promise<number> {
  const header = await readHeader(r);
  if (header.end || header.name !== name) throw layout();
  if (header.size > max) throw refuse('BUNDLE_TOO_LARGE', 'A file inside the bundle exceeds the size limit.');
  return header.size;
}

async function readEntry(r: ByteReader, name: string, max: number): Promise<Uint8Array> {
  const size = await expectEntry(r, name, max);
  const data = await r.exactly(size);
  if (!data || !(await r.skip(paddedSize(size) - size))) throw layout();
  return data;
}

/** Step 3: the signature, against a known and non-revoked contact. */
function verifyStep(manifestBytes: Uint8Array, sigBytes: Uint8Array, opts: OpenBundleOptions): KnownContact {
  const sigText = Buffer.from(sigBytes).toString('utf8');
  const keyId = signatureKeyId(sigText);
  if (!keyId) throw refuse('BUNDLE_CORRUPT', 'The bundle signature is malformed.');
  const sender = opts.contactByKeyId(hex(keyId));
  if (!sender)
    throw refuse('BUNDLE_UNKNOWN_SENDER', 'The bundle was signed by an office that is not a contact.');
  if (sender.state === 'revoked')
    throw refuse('BUNDLE_REVOKED_SENDER', 'The bundle was signed by a revoked contact.');
  const result = verify(manifestBytes, sigText, sender);
  if (!result.ok) throw refuse('BUNDLE_TAMPERED', 'The bundle signature does not match; it was altered.');
  return sender;
}

function parseManifest(bytes: Uint8Array, sender: KnownContact, limits: BundleLimits): BundleManifest {
  const raw = parseGuardedJson(bytes, limits.maxJsonDepth, 'The bundle manifest');
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
  // The signer's identity is the contact's, as verified from its card; a manifest claiming any other
  // office id or name was made to blame someone else.
  if (
    m.sender.keyId !== hex(sender.keyId) ||
    m.sender.fingerprint !== sender.fingerprint ||
    m.sender.officeId !== sender.officeId ||
    m.sender.name !== sender.officeName
  ) {
    throw refuse('BUNDLE_TAMPERED', 'The bundle manifest names a different sender than its signer.');
  }
  if (m.payload.bytes > limits.maxPayloadBytes)
    throw refuse('BUNDLE_TOO_LARGE', 'The bundle payload exceeds the size limit.');
  if (m.payload.changeCount > limits.maxChanges)
    throw refuse('BUNDLE_TOO_LARGE', 'The bundle holds more changes than the limit.');
  return m;
}

interface Envelope {
  manifestBytes: Uint8Array;
  sigBytes: Uint8Array;
  manifest: BundleManifest;
  sender: KnownContact;
}

/** Steps 2–4: manifest and signature entries, signer, manifest, recipients; then the payload's header. */
async function envelopeStep(r: ByteReader, opts: OpenBundleOptions, limits: BundleLimits): Promise<Envelope> {
  const manifestBytes = await readEntry(r, MANIFEST_NAME, limits.maxManifestBytes);
  const sigBytes = await readEntry(r, SIGNATURE_NAME, limits.maxSignatureBytes);
  const sender = verifyStep(manifestBytes, sigBytes, opts);
  const manifest = parseManifest(manifestBytes, sender, limits);
  if (!manifest.recipients.includes(opts.ourFingerprint)) {
    throw refuse('BUNDLE_NOT_FOR_US', 'This bundle is not addressed to this office.');
  }
  const size = await expectEntry(r, PAYLOAD_NAME, limits.maxPayloadBytes);
  if (size !== manifest.payload.bytes) throw payloadTampered();
  return { manifestBytes, sigBytes, manifest, sender };
}

const payloadTampered = () => refuse('BUNDLE_TAMPERED', 'The bundle payload does not match its signed hash.');

/** Checks every line as it streams and keeps nothing but counters (step 6, the checking half). */
class LineChecks {
  private count = 0;
  private latest = 0;
  private unknownTombstones = 0;
  private keptBytes = 0;
  /** A malformed line is reported only once the payload hash is known to match: damage is TAMPERED. */
  malformed: AmparoError | null = null;
  /** The lines so far, while they stay small; null once the payload is too big to keep on a first read. */
  kept: ChangeLine[] | null = [];

  constructor(
    private readonly manifest: BundleManifest,
    private readonly opts: OpenBundleOptions,
    private readonly limits: BundleLimits,
  ) {}

  /** False stops reading: the first malformed line is kept; a limit crossed throws at once. */
  line = (bytes: Uint8Array, n: number): boolean => {
    this.count = n;
    try {
      if (n > this.manifest.payload.changeCount)
        throw refuse('BUNDLE_CORRUPT', 'The bundle payload has more changes than its manifest says.', n);
      const what = `Change ${n} in the bundle`;
      const raw = parseGuardedJson(bytes, this.limits.maxJsonDepth, what, n);
      const { change, kind, tombstone } = checkChange(raw, n, this.limits.maxFieldValueChars);
      if (tombstone && !(this.opts.knownRecord?.(kind, change.id) ?? false)) {
        if (++this.unknownTombstones > this.limits.maxUnknownTombstones)
          throw refuse(
            'BUNDLE_TOO_LARGE',
            'The bundle deletes more records this office never had than the limit allows.',
            n,
          );
      }
      for (const stamp of [
        change.deleted,
        change.deletion?.clock,
        change.purged,
        ...Object.values(change.fields).map((f) => f.clock),
      ])
        if (stamp !== undefined) this.latest = Math.max(this.latest, parseInt(stamp.slice(0, 12), 16));
      if (this.kept) {
        this.keptBytes += bytes.length;
        if (this.keptBytes > this.limits.maxSinglePassBytes) this.kept = null;
        else this.kept.push(toChangeLine(raw));
      }
      return true;
    } catch (err) {
      if (!(err instanceof AmparoError) || err.code !== 'BUNDLE_CORRUPT') throw err;
      this.malformed = err;
      return false;
    }
  };

  finish(): void {
    if (this.malformed) throw this.malformed;
    if (this.count !== this.manifest.payload.changeCount)
      throw refuse('BUNDLE_CORRUPT', 'The bundle payload has the wrong number of changes.');
    if (this.latest > this.opts.now.getTime() + this.limits.maxFutureMs) {
      // The sender's clock also travels as an issue so the renderer can show it in the user's language.
      const senderClock = new Date(this.latest).toISOString();
      throw new AmparoError(
        'BUNDLE_FUTURE_CLOCK',
        `The sender's clock was ahead: changes are stamped ${senderClock}, more than 24 hours after this computer's time.`,
        [{ path: 'senderClock', message: senderClock }],
      );
    }
  }
}

/** First read: every check, in order, holding nothing of the payload (but the lines of a small one). */
async function checkPass(source: BundleSource, opts: OpenBundleOptions, limits: BundleLimits) {
  const r = await decryptStep(source, opts.identity, limits); // 1
  try {
    const envelope = await envelopeStep(r, opts, limits); // 2, 3, 4
    const payload = new PayloadReader(r, envelope.manifest.payload.bytes);
    const checks = new LineChecks(envelope.manifest, opts, limits);
    await gunzipLines(payload, limits, checks.line).catch((err: unknown) => {
      // Malformed gzip waits for the hash like a malformed line; a limit crossed stops here.
      if (err instanceof AmparoError && err.code === 'BUNDLE_CORRUPT') checks.malformed = err;
      else throw err;
    });
    if ((await payload.finish()) !== envelope.manifest.payload.sha256) throw payloadTampered(); // 5
    const end = await readHeader(r);
    if (!end.end) throw layout();
    await r.drain(); // the rest must decrypt too: a damaged tail is tampering
    checks.finish(); // 6
    return { envelope, kept: checks.kept };
  } finally {
    await r.close();
  }
}

/** Second read, after every check passed: the same bytes again, now kept as change lines. */
async function buildPass(
  source: BundleSource,
  checked: Envelope,
  opts: OpenBundleOptions,
  limits: BundleLimits,
): Promise<ChangeLine[]> {
  const r = await decryptStep(source, opts.identity, limits);
  try {
    // A file could change between the two reads: anything but the checked bytes is tampering.
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    const manifestBytes = await readEntry(r, MANIFEST_NAME, limits.maxManifestBytes);
    const sigBytes = await readEntry(r, SIGNATURE_NAME, limits.maxSignatureBytes);
    const size = await expectEntry(r, PAYLOAD_NAME, limits.maxPayloadBytes);
    if (!same(manifestBytes, checked.manifestBytes) || !same(sigBytes, checked.sigBytes))
      throw refuse('BUNDLE_TAMPERED', 'The bundle changed while it was being read.');
    if (size !== checked.manifest.payload.bytes) throw payloadTampered();
    const payload = new PayloadReader(r, size);
    const changes: ChangeLine[] = [];
    await gunzipLines(payload, limits, (line) => {
      changes.push(toChangeLine(JSON.parse(Buffer.from(line).toString('utf8'))));
      return true;
    });
    if ((await payload.finish()) !== checked.manifest.payload.sha256) throw payloadTampered();
    if (changes.length !== checked.manifest.payload.changeCount)
      throw refuse('BUNDLE_TAMPERED', 'The bundle changed while it was being read.');
    return changes;
  } finally {
    await r.close();
  }
}

/**
 * Opens a bundle: size limit, then (1) decrypt, (2) untar, (3) verify the signer, (4) check that we are a
 * recipient, (5) check the payload hash, (6) validate every change, each as the bytes stream. Every refusal is
 * a typed BUNDLE_* error.
 */
export async function openBundle(source: BundleSource, opts: OpenBundleOptions): Promise<OpenedBundle> {
  const limits: BundleLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (sourceSize(source) > limits.maxBundleBytes)
    throw refuse('BUNDLE_TOO_LARGE', 'The bundle file exceeds the size limit.');
  const { envelope, kept } = await checkPass(source, opts, limits);
  const changes = kept ?? (await buildPass(source, envelope, opts, limits));
  return { manifest: envelope.manifest, changes, sender: envelope.sender };
}
