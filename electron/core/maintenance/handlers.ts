import type { HandlerGroup, ServiceContext } from '../kernel/context';
import { backupFileName, createBackup, type BackupOptions } from './backup';
import { getRetention, previewRetention, purgeJob, setRetention } from './retention';

// Maintenance channels: the encrypted backup download and the retention policy. A backup and a purge are
// jobs: the backup's snapshot is one read, then the archive is encrypted a slice at a time; the purge
// removes records in chunks of one transaction. Both report progress and can be cancelled.

export function maintenanceHandlers(ctx: ServiceContext, backup: BackupOptions = {}): HandlerGroup {
  const db = () => ctx.session().db;
  return {
    'backup:create': ({ passphrase }) =>
      ctx.job(
        'backup',
        async (job) => {
          const bytes = await createBackup(db(), passphrase, ctx.clock, backup, (done, total) =>
            job.step(done, total),
          );
          return {
            bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
            fileName: backupFileName(ctx.clock),
            size: bytes.byteLength,
          };
        },
        // serialize() reads one consistent snapshot by itself; the rest never touches the database.
        { transaction: 'none' },
      ),
    'retention:get': () => getRetention(db()),
    'retention:set': (rules) => {
      setRetention(db(), rules);
      return getRetention(db());
    },
    'retention:preview': (run) => previewRetention(db(), run, ctx.clock.now()),
    'retention:purge': (run) => purgeJob(ctx, run, ctx.clock.now()),
  };
}
