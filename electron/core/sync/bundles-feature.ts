import type { Feature } from '../feature';
import { syncBundleHandlers } from '../handlers/sync-bundles';

// Bundle export/import and conflicts. The office identity and contacts are the trust feature's; this one
// only adds channels.
export const syncBundlesFeature: Feature = {
  name: 'sync-bundles',
  handlers: (ctx) => syncBundleHandlers(ctx),
};
