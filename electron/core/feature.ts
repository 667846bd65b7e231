import type { HandlerGroup, ServiceContext, Session } from './context';

// A feature (records, sync, audit…) plugs into the service through this shape: its channel handlers, a
// hook run inside the vault-creation transaction, and optional contributions to the vault status.

export interface Feature {
  name: string;
  handlers(ctx: ServiceContext): HandlerGroup;
  onCreate?(session: Session, ctx: ServiceContext): void;
  /** The office fingerprint, once the sync identity exists. */
  fingerprint?(session: Session): string | null;
}
