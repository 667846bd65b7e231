import { existsSync, readFileSync } from 'node:fs';
import { AmparoError } from '../../../shared/errors';
import {
  RETENTION_RULES,
  RetentionDays,
  RetentionHours,
  RetentionMonths,
  type RetentionRules,
} from '../../../shared/channels/maintenance';
import { writeBackupFile } from '../../core/maintenance/backup';
import { restoreVault } from '../../core/maintenance/restore';
import { stringFlag, type OptionName } from '../args';
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

/** One option per retention rule, with its range. */
const RULE_OPTIONS = [
  ['days', 'closedCaseDays', RetentionDays, 'a whole number from 1 to 3650'],
  ['contact-days', 'closedContactsDays', RetentionDays, 'a whole number from 1 to 3650'],
  ['false-alarm-hours', 'falseAlarmHours', RetentionHours, 'a whole number from 1 to 8760'],
  ['report-days', 'reportDays', RetentionDays, 'a whole number from 1 to 3650'],
  ['volunteer-months', 'inactiveVolunteerMonths', RetentionMonths, 'a whole number from 1 to 120'],
] as const satisfies readonly (readonly [OptionName, keyof RetentionRules, unknown, string])[];

/** The rules given on the command line; `off` (when allowed) turns one off. */
function ruleFlags(ctx: CommandContext, allowOff: boolean): Partial<RetentionRules> {
  const rules: Partial<RetentionRules> = {};
  for (const [option, rule, schema, range] of RULE_OPTIONS) {
    const raw = stringFlag(ctx.args, option);
    if (raw === undefined) continue;
    if (allowOff && raw === 'off') {
      rules[rule] = null;
      continue;
    }
    const parsed = schema.safeParse(Number(raw));
    if (!parsed.success)
      throw new AmparoError('INVALID_INPUT', `Use --${option} with ${range}${allowOff ? ' or off' : ''}.`);
    rules[rule] = parsed.data;
  }
  return rules;
}

export const maintenanceCommands: Command[] = [
  {
    name: 'backup',
    usage: 'backup FILE [--backup-passphrase-file F]',
    summary:
      'Write an encrypted backup (age, passphrase = the vault passphrase unless --backup-passphrase-file).',
    needs: 'none',
    options: ['backup-passphrase-file'],
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
    options: ['backup-passphrase-file', 'new-passphrase-file'],
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
    usage:
      'purge [--days N] [--contact-days N] [--false-alarm-hours H] [--report-days D] [--volunteer-months M] [--dry-run]',
    summary:
      'Run the retention rules given (default: those turned on); --dry-run lists what goes and what is kept, and why.',
    needs: 'unlock',
    options: ['days', 'contact-days', 'false-alarm-hours', 'report-days', 'volunteer-months', 'dry-run'],
    async run(ctx) {
      let rules = ruleFlags(ctx, false);
      if (Object.keys(rules).length === 0) {
        const settings = await ctx.call('retention:get');
        rules = Object.fromEntries(
          RETENTION_RULES.filter((rule) => settings[rule] !== null).map((rule) => [rule, settings[rule]]),
        );
      }
      if (Object.keys(rules).length === 0)
        throw new AmparoError('INVALID_INPUT', 'Retention is off. Give --days N.');
      if (ctx.args.flags['dry-run']) return ctx.call('retention:preview', rules);
      return ctx.call('retention:purge', rules);
    },
  },
  {
    name: 'retention',
    usage:
      'retention [--days N|off] [--contact-days N|off] [--false-alarm-hours H|off] [--report-days D|off] [--volunteer-months M|off]',
    summary:
      'Show or set the retention rules (all off by default): closed cases, their family contacts, false-alarm and other reports, inactive volunteers.',
    needs: 'unlock',
    options: ['days', 'contact-days', 'false-alarm-hours', 'report-days', 'volunteer-months'],
    async run(ctx) {
      const rules = ruleFlags(ctx, true);
      if (Object.keys(rules).length > 0) return ctx.call('retention:set', rules);
      return ctx.call('retention:get');
    },
  },
];
