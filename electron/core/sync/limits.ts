// Size limits applied while opening a bundle, before anything is trusted.
export interface BundleLimits {
  maxBundleBytes: number;
  maxManifestBytes: number;
  maxSignatureBytes: number;
  maxPayloadBytes: number;
  /** Cap on gunzip output: a gzip bomb stops here instead of filling memory. */
  maxUncompressedBytes: number;
  maxChanges: number;
  /** How far ahead of our clock a change stamp may be (DESIGN §5: 24 h). */
  maxFutureMs: number;
  /** Highest records schema version this build can apply. */
  maxSchemaVersion: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxBundleBytes: 1024 * 1024 * 1024,
  maxManifestBytes: 1024 * 1024,
  maxSignatureBytes: 4096,
  maxPayloadBytes: 1024 * 1024 * 1024,
  maxUncompressedBytes: 1536 * 1024 * 1024,
  maxChanges: 5_000_000,
  maxFutureMs: 24 * 60 * 60 * 1000,
  maxSchemaVersion: Number.MAX_SAFE_INTEGER,
};
