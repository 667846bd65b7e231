import { AmparoError } from '../../../shared/errors';
import { DISPATCH_ROLES } from '../../../shared/model';
import { stringFlag } from '../args';
import type { Command } from '../command';

// Hotline commands beyond the record commands (`list report --filter status=OPEN`, `add dispatch`, …): who
// to send to a report, best first, and the Know-Your-Rights outreach totals.

const ROLES = DISPATCH_ROLES.map((role) => role.toLowerCase().replace(/_/g, '-'));

/** A repeatable option (such as --to, which bundles take many of) read as one value: the last given. */
function lastFlag(value: string | boolean | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value.at(-1);
  return typeof value === 'string' ? value : undefined;
}

export const hotlineCommands: Command[] = [
  {
    name: 'dispatch candidates',
    usage: `dispatch candidates REPORT_ID [--role ${ROLES.join('|')}] [--limit N]`,
    summary:
      "The active volunteers to send to a report, best first (county, current training, available now in the office's time zone, language), as JSON lines.",
    needs: 'unlock',
    options: ['role', 'limit'],
    async run(ctx) {
      const reportId = ctx.args.positionals[0];
      if (!reportId) throw new AmparoError('INVALID_INPUT', 'Give the report id.');
      const role = stringFlag(ctx.args, 'role');
      const limit = stringFlag(ctx.args, 'limit');
      return ctx.call('dispatch:candidates', {
        reportId,
        ...(role ? { role: role.toUpperCase().replace(/-/g, '_') as (typeof DISPATCH_ROLES)[number] } : {}),
        ...(limit !== undefined ? { limit: Number(limit) } : {}),
      });
    },
  },
  {
    name: 'stats outreach',
    usage: 'stats outreach [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
    summary:
      'Know-Your-Rights workshops, attendees and cards handed out: totals, per county and per month (dates included).',
    needs: 'unlock',
    options: ['from', 'to'],
    async run(ctx) {
      const from = stringFlag(ctx.args, 'from');
      const to = lastFlag(ctx.args.flags.to);
      return ctx.call('outreach:stats', { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    },
  },
];
