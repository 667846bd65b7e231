import type { HandlerGroup, ServiceContext, Session } from './context';

// A feature (records, sync, audit…) plugs into the service through this shape: its channel handlers, a
// hook run inside the vault-creation transaction, and optional contributions to the vault status.

export interface FeatureModule<P = unknown> {
  name: string;
  handlers(ctx: ServiceContext): HandlerGroup;
  /**
   * Async work needed before creation (e.g. generating keys with WebCrypto), run before the creation
   * transaction opens, because a SQLite transaction cannot span an await. Its result is handed to onCreate.
   */
  prepare?(ctx: ServiceContext): Promise<P>;
  onCreate?(session: Session, ctx: ServiceContext, prepared: P): void;
  /** The office fingerprint, once the sync identity exists. */
  fingerprint?(session: Session): string | null;
  /** Runs after every unlock (and creation); the returned function runs when the vault locks. */
  activate?(ctx: ServiceContext): (() => void) | void;
}
