import { readFileSync } from 'node:fs';
import { AmparoError } from '../../../shared/errors';
import type { Channel } from '../../../shared/ipc';
import { Kind } from '../../../shared/model';
import { requireFlag, stringFlag, type OptionName } from '../args';
import type { Command, CommandContext } from '../command';

// Record commands: add, update, delete, get, list, audit verify. Each goes through the same channels
// (and so the same validation and rules) as the app.

export function kindArg(ctx: CommandContext): Kind {
  const parsed = Kind.safeParse(ctx.args.positionals[0]);
  if (!parsed.success) throw new AmparoError('INVALID_INPUT', `Say which kind: ${Kind.options.join(', ')}.`);
  return parsed.data;
}

export function idArg(ctx: CommandContext): string {
  const id = ctx.args.positionals[1];
  if (!id) throw new AmparoError('INVALID_INPUT', 'Give the record id.');
  return id;
}

/** --json takes inline JSON, @FILE, or - for stdin. */
function jsonArg(ctx: CommandContext): unknown {
  const raw = requireFlag(ctx.args, 'json');
  const text =
    raw === '-' ? readFileSync(0, 'utf8') : raw.startsWith('@') ? readFileSync(raw.slice(1), 'utf8') : raw;
  try {
    return JSON.parse(text);
  } catch {
    throw new AmparoError('INVALID_INPUT', 'The --json value is not valid JSON.');
  }
}

function listArray(value: string | boolean | string[] | undefined): string[] {
  if (value === undefined || typeof value === 'boolean') return [];
  return Array.isArray(value) ? value : [value];
}

const channel = (kind: Kind, action: string) => `${kind}:${action}` as Channel;

export const recordCommands: Command[] = [
  {
    name: 'add',
    usage: 'add <kind> --json JSON|@FILE|-',
    summary: 'Create a record and print it.',
    needs: 'unlock',
    options: ['json'],
    async run(ctx) {
      const kind = kindArg(ctx);
      const input = jsonArg(ctx);
      if (kind === 'assignment' && input && typeof input === 'object') {
        const { personId, attorneyId } = input as { personId?: string; attorneyId?: string };
        if (personId && attorneyId) {
          const check = await ctx.call('assignment:check', { personId, attorneyId });
          if (check.overCapacity)
            ctx.warn(`This attorney is at or over capacity (${check.activeCases}/${check.capacity}).`);
        }
      }
      return ctx.callDynamic(channel(kind, 'create'), input);
    },
  },
  {
    name: 'update',
    usage: 'update <kind> <id> --json JSON|@FILE|-',
    summary: 'Change some fields of a record (null clears a field) and print it.',
    needs: 'unlock',
    options: ['json'],
    async run(ctx) {
      return ctx.callDynamic(channel(kindArg(ctx), 'update'), { id: idArg(ctx), patch: jsonArg(ctx) });
    },
  },
  {
    name: 'delete',
    usage: 'delete <kind> <id> [--erase-now]',
    summary:
      'Delete a record (a person with her events and assignments) into Recently deleted; --erase-now erases it at once.',
    needs: 'unlock',
    options: ['erase-now'],
    async run(ctx) {
      const eraseNow = ctx.args.flags['erase-now'] === true;
      return ctx.callDynamic(channel(kindArg(ctx), 'delete'), {
        id: idArg(ctx),
        ...(eraseNow ? { eraseNow } : {}),
      });
    },
  },
  {
    name: 'get',
    usage: 'get <kind> <id>',
    summary: 'Print one record.',
    needs: 'unlock',
    async run(ctx) {
      return ctx.callDynamic(channel(kindArg(ctx), 'get'), { id: idArg(ctx) });
    },
  },
  {
    name: 'list',
    usage:
      'list <kind> [--search Q] [--filter field=value]… [--sort field[:desc]] [--limit N] [--offset N] | list person --view NAME',
    summary:
      'Print records as JSON lines (a saved view: unassigned, urgent, hearings-this-week, detained-48h-no-attorney).',
    needs: 'unlock',
    options: ['search', 'filter', 'sort', 'limit', 'offset', 'view'],
    async run(ctx) {
      const kind = kindArg(ctx);
      const filters: Record<string, string> = {};
      for (const item of listArray(ctx.args.flags.filter)) {
        const eq = item.indexOf('=');
        if (eq < 1) throw new AmparoError('INVALID_INPUT', 'Write filters as --filter field=value.');
        filters[item.slice(0, eq)] = item.slice(eq + 1);
      }
      const sortFlag = stringFlag(ctx.args, 'sort');
      const [field, direction] = sortFlag ? sortFlag.split(':') : [];
      const number = (name: OptionName) => {
        const value = stringFlag(ctx.args, name);
        if (value === undefined) return undefined;
        const parsed = Number(value);
        if (!Number.isInteger(parsed))
          throw new AmparoError('INVALID_INPUT', `--${name} needs a whole number.`);
        return parsed;
      };
      const view = stringFlag(ctx.args, 'view');
      if (view !== undefined) {
        if (kind !== 'person') throw new AmparoError('INVALID_INPUT', 'Saved views are for people only.');
        // Friendly spelling on the command line (urgent, hearings-this-week); the channel validates the name.
        const viewed = (await ctx.callDynamic('person:view', {
          view: view.toUpperCase().replace(/-/g, '_'),
          limit: number('limit') ?? 1000,
          offset: number('offset') ?? 0,
        })) as { rows: unknown[] };
        return viewed.rows;
      }
      const result = (await ctx.callDynamic(channel(kind, 'list'), {
        ...(Object.keys(filters).length ? { filters } : {}),
        ...(stringFlag(ctx.args, 'search') ? { search: stringFlag(ctx.args, 'search') } : {}),
        ...(field ? { sort: { field, direction: direction === 'desc' ? 'desc' : 'asc' } } : {}),
        limit: number('limit') ?? 1000,
        offset: number('offset') ?? 0,
      })) as { rows: unknown[] };
      return result.rows;
    },
  },
  {
    name: 'audit verify',
    usage: 'audit verify',
    summary:
      'Check the hash chain of the audit log; exits 2 (VAULT_CORRUPT) if it is broken, warns of a rollback.',
    needs: 'unlock',
    async run(ctx) {
      const result = await ctx.call('audit:verify');
      if (!result.ok)
        throw new AmparoError(
          'VAULT_CORRUPT',
          `The audit log is broken at entry ${result.brokenAt}: it was altered outside Amparo.`,
        );
      // The chain itself is whole, so this is no failure; the newest rollback stays in the output.
      if (result.rollback)
        ctx.warn(
          `On ${result.rollback.detectedAt} this vault was found older than the one last opened on this computer (its audit log no longer held entry ${result.rollback.expectedEntries} as this computer had seen it, and had ${result.rollback.foundEntries} entries). Changes made in between are missing.`,
        );
      return result;
    },
  },
];
