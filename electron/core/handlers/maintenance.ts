import type { HandlerGroup, ServiceContext } from '../context';
import { backupFileName, createBackup, type BackupOptions } from '../backup/backup';
import type { Feature } from '../feature';
import {
  getRetention,
  previewPurge,
  purgeClosedCases,
  runScheduledPurge,
  setRetention,
} from '../records/retention';

// Maintenance channels: the encrypted backup download and the retention policy. The scheduled purge runs
// each time the vault is unlocked, when the office has turned it on.

export function maintenanceHandlers(ctx: ServiceContext, backup: BackupOptions = {}): HandlerGroup {
  const db = () => ctx.session().db;
  return {
    'backup:create': async ({ passphrase }) => {
      const bytes = await createBackup(db(), passphrase, ctx.clock, backup);
      return {
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
        fileName: backupFileName(ctx.clock),
        size: bytes.byteLength,
      };
    },
    'retention:get': () => getRetention(db()),
    'retention:set': ({ closedCaseDays }) => {
      setRetention(db(), closedCaseDays);
      return getRetention(db());
    },
    'retention:preview': ({ days }) => previewPurge(db(), days, ctx.clock.now()),
    'retention:purge': ({ days }) => purgeClosedCases(ctx, days, ctx.clock.now()),
  };
}

export const maintenanceFeature: Feature = {
  name: 'maintenance',
  handlers: (ctx) => maintenanceHandlers(ctx),
  activate: (ctx) => {
    runScheduledPurge(ctx);
  },
};
