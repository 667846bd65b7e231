import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { DEFAULT_LIMITS } from '../../core/sync/limits';
import { AmparoError } from '../../../shared/errors';
import { normalizeFingerprint } from '../../core/sync/fingerprint';
import { requireFlag, stringFlag } from '../args';
import type { Command, CommandContext } from '../command';

// Bundle export/import and conflicts from the command line. Refusals surface as their BUNDLE_* codes
// (exit 3) through the shared error handling.

function listFlag(ctx: CommandContext, name: string): string[] {
  const value = ctx.args.flags[name];
  const items =
    value === undefined || typeof value === 'boolean' ? [] : Array.isArray(value) ? value : [value];
  return items
    .flatMap((item) => item.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function recipients(ctx: CommandContext): string[] {
  const to = listFlag(ctx, 'to');
  if (to.length === 0)
    throw new AmparoError('INVALID_INPUT', 'Give the recipients with --to FINGERPRINT[,…].');
  return to.map((fp) => {
    const normalized = normalizeFingerprint(fp);
    if (!normalized) throw new AmparoError('INVALID_INPUT', 'A recipient fingerprint is not 60 digits.');
    return normalized;
  });
}

function scope(ctx: CommandContext) {
  const people = listFlag(ctx, 'person');
  const chosen = [ctx.args.flags.all === true, ctx.args.flags['since-last'] === true, people.length > 0];
  if (chosen.filter(Boolean).length > 1)
    throw new AmparoError('INVALID_INPUT', 'Choose one scope: --all, --since-last or --person ID.');
  if (people.length > 0) return { scope: 'people' as const, personIds: people };
  if (ctx.args.flags.all === true) return { scope: 'all' as const };
  return { scope: 'since-last' as const };
}

function readBundle(ctx: CommandContext): string {
  const file = ctx.args.positionals[0];
  if (!file) throw new AmparoError('INVALID_INPUT', 'Give the bundle file path.');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AmparoError('INVALID_INPUT', 'The bundle file cannot be read.');
  }
  // Refused by its size before a byte of it is read, as the inbox does: a huge file never fills memory.
  if (size > DEFAULT_LIMITS.maxBundleBytes)
    throw new AmparoError('BUNDLE_TOO_LARGE', 'The bundle file exceeds the size limit.');
  try {
    return readFileSync(file).toString('base64');
  } catch {
    throw new AmparoError('INVALID_INPUT', 'The bundle file cannot be read.');
  }
}

export const syncBundleCommands: Command[] = [
  {
    name: 'bundle export',
    usage:
      'bundle export --to FP[,FP…] --out FILE [--all|--since-last|--person ID…] [--redact PROFILE] [--yes]',
    summary: 'Write a signed, encrypted bundle for other offices (default scope: since the last bundle).',
    needs: 'unlock',
    options: ['to', 'out', 'all', 'since-last', 'person', 'redact', 'yes'],
    async run(ctx) {
      const out = requireFlag(ctx.args, 'out');
      // Checked first as well: an export is recorded as sent, so it must not fail after the fact.
      if (existsSync(out)) throw new AmparoError('INVALID_INPUT', 'The bundle file already exists.');
      const result = await ctx.call('bundle:export', {
        to: recipients(ctx),
        scope: scope(ctx),
        redaction: stringFlag(ctx.args, 'redact') ?? 'Full',
        confirmUnverified: ctx.args.flags.yes === true,
      });
      try {
        writeFileSync(out, Buffer.from(result.bytes, 'base64'), { mode: 0o600, flag: 'wx' });
      } catch {
        throw new AmparoError('INVALID_INPUT', 'The bundle file cannot be written (it may already exist).');
      }
      return { bundleId: result.bundleId, file: out, changes: result.changeCount };
    },
  },
  {
    name: 'bundle import',
    usage: 'bundle import FILE [--dry-run] [--yes]',
    summary:
      'Verify and apply a bundle (or only preview it with --dry-run); --yes confirms a sender that is not verified.',
    needs: 'unlock',
    options: ['dry-run', 'yes'],
    async run(ctx) {
      const bytes = readBundle(ctx);
      const dryRun = ctx.args.flags['dry-run'] === true;
      // As for sending to an unverified office, importing from one needs the operator's explicit --yes.
      const s = dryRun
        ? await ctx.call('bundle:preview', { bytes })
        : await ctx.call('bundle:import', { bytes, confirmUnverified: ctx.args.flags.yes === true });
      return {
        bundleId: s.bundleId,
        sender: s.sender,
        new: s.new,
        updated: s.updated,
        conflicts: s.conflicts,
        alreadyImported: s.alreadyImported,
        ...(dryRun ? { dryRun: true } : {}),
      };
    },
  },
  {
    name: 'conflicts list',
    usage: 'conflicts list',
    summary: 'Open conflicts (concurrent edits of one field), one JSON line each.',
    needs: 'unlock',
    run: (ctx) => ctx.call('conflict:list'),
  },
  {
    name: 'conflicts resolve',
    usage: 'conflicts resolve ID --keep local|incoming',
    summary: 'Keep one side of a conflict; the kept value is sent on like any edit.',
    needs: 'unlock',
    options: ['keep'],
    async run(ctx) {
      const id = ctx.args.positionals[0];
      const keep = stringFlag(ctx.args, 'keep');
      if (!id) throw new AmparoError('INVALID_INPUT', 'Give the conflict id.');
      if (keep !== 'local' && keep !== 'incoming')
        throw new AmparoError('INVALID_INPUT', 'Use --keep local or --keep incoming.');
      return ctx.call('conflict:resolve', { id, keep });
    },
  },
];
