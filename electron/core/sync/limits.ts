// Limits applied while opening a bundle, before anything is trusted. Every one is checked as the bytes
// arrive, so a refusal costs a few megabytes whatever the file holds. The reference point is the benchmark's
// full export of 300,011 records: a 30 MB bundle whose payload expands to 255 MB of change lines.
export interface BundleLimits {
  /** The whole age file. Checked before decrypting: 8x the 30 MB full export. */
  maxBundleBytes: number;
  /** The age header (recipient stanzas): 64 X25519 stanzas take about 9 KiB. */
  maxAgeHeaderBytes: number;
  maxManifestBytes: number;
  maxSignatureBytes: number;
  /** The gzipped change lines, as the signed manifest declares them. */
  maxPayloadBytes: number;
  /**
   * Cap on gunzip output, counted as it streams: a gzip bomb stops here. An accepted bundle is held parsed in
   * memory for the one transaction, so this is also what keeps a legitimate import's memory sane (2x the
   * 255 MB full export).
   */
  maxUncompressedBytes: number;
  /** One change line. The largest honest person (two 20,000-character texts, 256-stamp contexts) is ~0.5 MiB. */
  maxLineBytes: number;
  /** Declared (and then counted) change lines: 6x the full export. */
  maxChanges: number;
  /** JSON nesting of a change line or the manifest; honest lines nest 5 deep (line, fields, field, list, item). */
  maxJsonDepth: number;
  /** One field's value, in JSON characters: above the longest schema (20,000-character texts, 500-id lists). */
  maxFieldValueChars: number;
  /**
   * Tombstones and purge markers for ids this office never had. They create rows (or markers) that are then
   * forwarded to every other office, so a hostile partner could flood the network with them. A full export to a
   * new office carries one per deleted or purged record of the sender, so this bounds that too.
   */
  maxUnknownTombstones: number;
  /**
   * Unzipped lines up to this size are kept from the checking read, so a small bundle is decrypted once;
   * past it, the lines are dropped and read again once everything passed. Bounds what a refusal holds.
   */
  maxSinglePassBytes: number;
  /** How far ahead of our clock a change stamp may be (24 h). */
  maxFutureMs: number;
  /** Highest records schema version this build can apply. */
  maxSchemaVersion: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: BundleLimits = {
  maxBundleBytes: 256 * MiB,
  maxAgeHeaderBytes: 64 * 1024,
  maxManifestBytes: MiB,
  maxSignatureBytes: 4096,
  maxPayloadBytes: 256 * MiB,
  maxUncompressedBytes: 512 * MiB,
  maxLineBytes: MiB,
  maxChanges: 2_000_000,
  maxJsonDepth: 16,
  maxFieldValueChars: 64 * 1024,
  maxUnknownTombstones: 10_000,
  maxSinglePassBytes: 8 * MiB,
  maxFutureMs: 24 * 60 * 60 * 1000,
  maxSchemaVersion: Number.MAX_SAFE_INTEGER,
};
