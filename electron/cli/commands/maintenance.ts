import { existsSync, readFileSync } from 'node:fs';
import { AmparoError } from '../../../shared/errors';
import { RetentionDays } from '../../../shared/maintenance-channels';
import { writeBackupFile } from '../../core/backup/backup';
import { restoreVault } from '../../core/backup/restore';
import { stringFlag } from '../args';
import type { Command, CommandContext } from '../command';
import { readPassphraseFile } from '../passphrase';

// Maintenance commands: encrypted backup and restore, and the retention purge. `backup` and `restore`
// read their passphrases themselves (needs: 'none'), because the vault passphrase is also the default
// backup passphrase and must not be asked for twice.

function fileArg(ctx: CommandContext, what: string): string {
  const file = ctx.args.positionals[0];
  if (!file) throw new AmparoError('INVALID_INPUT', `Give the ${what} file.`);
  return file;
}

function daysFlag(ctx: CommandContext): number | undefined {
  const raw = stringFlag(ctx.args, 'days');
  if (raw === undefined) return undefined;
  const parsed = RetentionDays.safeParse(Number(raw));
  if (!parsed.success)
    throw new AmparoError('INVALID_INPUT', 'Use --days with a whole number from 1 to 3650.');
  return parsed.data;
}

export const maintenanceCommands: Command[] = [
  {
    name: 'backup',
    usage: 'backup FILE [--backup-passphrase-file F]',
    summary:
      'Write an encrypted backup (age, passphrase = the vault passphrase unless --backup-passphrase-file).',
    needs: 'none',
    async run(ctx) {
      const file = fileArg(ctx, 'backup');
      // Checked early so a taken name costs nothing; the write itself still refuses to replace (O_EXCL).
      if (existsSync(file))
        throw new AmparoError('INVALID_INPUT', 'A file with that name already exists. Choose another name.');
      const passphrase = await ctx.readPassphrase('Passphrase: ');
      await ctx.call('vault:unlock', { passphrase });
      const backupFile = stringFlag(ctx.args, 'backup-passphrase-file');
      const backupPassphrase = backupFile ? readPassphraseFile(backupFile) : passphrase;
      const backup = await ctx.call('backup:create', { passphrase: backupPassphrase });
      const bytes = Buffer.from(backup.bytes, 'base64');
      writeBackupFile(file, bytes);
      ctx.warn(
        'This backup holds every record. Keep it as safe as the laptop, and its passphrase apart from it.',
      );
      return { file, bytes: bytes.length, format: 'age (passphrase) + tar (manifest.json, vault.sqlite)' };
    },
  },
  {
    name: 'restore',
    usage: 'restore FILE --vault NEWDIR [--backup-passphrase-file F] [--new-passphrase-file F]',
    summary: 'Restore a backup into a new vault folder (never over an existing vault) with a fresh key.',
    needs: 'none',
    async run(ctx) {
      const file = fileArg(ctx, 'backup');
      const backupFile = stringFlag(ctx.args, 'backup-passphrase-file');
      const backupPassphrase = backupFile
        ? readPassphraseFile(backupFile)
        : await ctx.readPassphrase('Backup passphrase: ');
      const newFile = stringFlag(ctx.args, 'new-passphrase-file');
      const newPassphrase = newFile ? readPassphraseFile(newFile) : backupPassphrase;
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new AmparoError('INVALID_INPUT', 'The backup file cannot be read.');
      }
      const result = await restoreVault(bytes, ctx.service.context.vaultDir, backupPassphrase, newPassphrase);
      return {
        vault: ctx.service.context.vaultDir,
        schemaVersion: result.schemaVersion,
        backupCreatedAt: result.createdAt,
      };
    },
  },
  {
    name: 'purge',
    usage: 'purge [--days N] [--dry-run]',
    summary:
      'Remove closed cases unchanged for N days (default: the retention setting); --dry-run lists them.',
    needs: 'unlock',
    async run(ctx) {
      const days = daysFlag(ctx) ?? (await ctx.call('retention:get')).closedCaseDays;
      if (days === null) throw new AmparoError('INVALID_INPUT', 'Retention is off. Give --days N.');
      if (ctx.args.flags['dry-run']) return ctx.call('retention:preview', { days });
      return ctx.call('retention:purge', { days });
    },
  },
  {
    name: 'retention',
    usage: 'retention [--days N|off]',
    summary: 'Show or set how many days closed cases are kept (off by default).',
    needs: 'unlock',
    async run(ctx) {
      if (stringFlag(ctx.args, 'days') === 'off') return ctx.call('retention:set', { closedCaseDays: null });
      const days = daysFlag(ctx);
      if (days !== undefined) return ctx.call('retention:set', { closedCaseDays: days });
      return ctx.call('retention:get');
    },
  },
];
