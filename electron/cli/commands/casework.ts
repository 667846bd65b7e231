import { AmparoError } from '../../../shared/errors';
import { stringFlag } from '../args';
import type { Command } from '../command';

// Deadlines, custody history and the office's time zone. Deadlines are typed with `add deadline --json`
// like any record; this lists them with the derived ones.

function whole(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new AmparoError('INVALID_INPUT', `The option --${name} takes a number.`);
  return Number(value);
}

export const caseworkCommands: Command[] = [
  {
    name: 'deadlines list',
    usage: 'deadlines list [--days N] [--person ID] [--include-done] [--limit N]',
    summary:
      'Deadlines as JSON lines, overdue first: typed ones and those derived from the case file (BIA appeal, habeas return, bond hearings); --days N keeps those due within N days of today in the office zone (overdue ones always show).',
    needs: 'unlock',
    options: ['days', 'person', 'include-done', 'limit'],
    async run(ctx) {
      const days = whole(stringFlag(ctx.args, 'days'), 'days');
      const limit = whole(stringFlag(ctx.args, 'limit'), 'limit');
      // --person is a repeatable option elsewhere (bundle export); here it names one person.
      const given = ctx.args.flags.person;
      const people = given === undefined || typeof given === 'boolean' ? [] : [given].flat();
      if (people.length > 1) throw new AmparoError('INVALID_INPUT', 'The option --person takes one id here.');
      const person = people[0];
      const result = await ctx.call('deadline:upcoming', {
        ...(days !== undefined ? { days } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(person ? { personId: person } : {}),
        ...(ctx.args.flags['include-done'] === true ? { includeDone: true } : {}),
      });
      return result.rows;
    },
  },
  {
    name: 'custody history',
    usage: 'custody history <person-id>',
    summary: 'Where a person is held now (the latest transfer by date) and every transfer, latest first.',
    needs: 'unlock',
    async run(ctx) {
      const personId = ctx.args.positionals[0];
      if (!personId) throw new AmparoError('INVALID_INPUT', 'Give the person id.');
      return ctx.call('custody:history', { personId });
    },
  },
  {
    name: 'time-zone',
    usage: 'time-zone [ZONE|system]',
    summary:
      "Print the office's time zone; with an IANA name (America/Los_Angeles) set it; `system` follows this computer's zone again.",
    needs: 'unlock',
    async run(ctx) {
      const zone = ctx.args.positionals[0];
      if (zone === undefined) return ctx.call('settings:timeZone', {});
      return ctx.call('settings:timeZone', { zone: zone === 'system' ? null : zone });
    },
  },
];
