import type { ServiceContext } from '../kernel/context';
import type { FeatureModule } from '../kernel/feature-module';
import { syncBundleHandlers } from './bundle-handlers';
import { syncTrustHandlers } from './trust-handlers';
import { generateOfficeIdentity, type OfficeIdentity } from './identity';
import { importBundles } from './import-batch';
import { createInboxController, type InboxController } from './inbox-controller';
import { ourFingerprint, saveIdentity } from './store';

// Sync: the office identity is generated when the vault is created (key generation is async, so it runs in
// prepare(), before the creation transaction); a vault created before sync existed gets one at its first
// unlock. The inbox watcher runs while the vault is unlocked. Its channels: identity, contacts and inbox
// (trust-handlers.ts), bundles and conflicts (bundle-handlers.ts).

const controllers = new WeakMap<ServiceContext, InboxController>();

function controllerFor(ctx: ServiceContext): InboxController {
  let controller = controllers.get(ctx);
  if (!controller) {
    controller = createInboxController(ctx, (c, bundles) => importBundles(c, bundles, { source: 'inbox' }));
    controllers.set(ctx, controller);
  }
  return controller;
}

/** For a vault upgraded from before sync: generate and store the identity in the background. */
function ensureIdentity(ctx: ServiceContext): void {
  const session = ctx.session();
  if (ourFingerprint(session.db) !== null) return;
  void generateOfficeIdentity().then((identity) => {
    // The vault may have locked meanwhile; the next unlock tries again.
    if (!session.db.open) return;
    session.db.transaction(() => {
      if (ourFingerprint(session.db) === null) saveIdentity(session.db, identity, ctx.clock.now());
    })();
  });
}

export const syncFeature: FeatureModule<OfficeIdentity> = {
  name: 'sync',
  handlers: (ctx) => ({
    ...syncTrustHandlers(ctx, {
      inboxChanged: () => controllerFor(ctx).start(),
      contactsChanged: () => controllerFor(ctx).retrySenders(),
    }),
    ...syncBundleHandlers(ctx),
  }),
  prepare: () => generateOfficeIdentity(),
  onCreate(session, ctx, identity) {
    saveIdentity(session.db, identity, ctx.clock.now());
  },
  fingerprint: (session) => ourFingerprint(session.db),
  activate(ctx) {
    ensureIdentity(ctx);
    const controller = controllerFor(ctx);
    controller.start();
    return () => controller.stop();
  },
};

/** The inbox watcher of a service (tests, "check now"). */
export function inboxControllerFor(ctx: ServiceContext): InboxController {
  return controllerFor(ctx);
}
