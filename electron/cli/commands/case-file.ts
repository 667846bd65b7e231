import { AmparoError } from '../../../shared/errors';
import { BondStatus } from '../../../shared/channels/case-file';
import { COURTS, DISTRICTS } from '../../../shared/model';
import { stringFlag } from '../args';
import type { Command } from '../command';

// The case file's listings. Court, bond, habeas and locator checks are person fields: `update person ID
// --json '{"bond": {...}}'` writes them, with the same validation as the app.

function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new AmparoError('INVALID_INPUT', `The option --${name} takes a number.`);
  return Number(value);
}

export const caseFileCommands: Command[] = [
  {
    name: 'bonds list',
    usage: `bonds list [--status ${BondStatus.options.join('|')}] [--limit N] [--offset N]`,
    summary: 'Bonds for a bond fund, granted and unpaid first, as JSON lines.',
    needs: 'unlock',
    options: ['status', 'limit', 'offset'],
    async run(ctx) {
      const raw = stringFlag(ctx.args, 'status');
      const status = raw === undefined ? undefined : BondStatus.safeParse(raw.toUpperCase());
      if (status && !status.success)
        throw new AmparoError('INVALID_INPUT', `--status is one of ${BondStatus.options.join(', ')}.`);
      const limit = count(stringFlag(ctx.args, 'limit'), 'limit');
      const offset = count(stringFlag(ctx.args, 'offset'), 'offset');
      const result = await ctx.call('bond:list', {
        ...(status ? { status: status.data } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(offset !== undefined ? { offset } : {}),
      });
      return result.rows;
    },
  },
  {
    name: 'courts list',
    usage: 'courts list',
    summary: 'The immigration courts and district courts a case can name (key, name, address, source).',
    needs: 'none',
    run: () =>
      Promise.resolve([
        ...COURTS.map((court) => ({ type: 'immigration-court', ...court })),
        ...DISTRICTS.map((district) => ({ type: 'district-court', ...district })),
      ]),
  },
];
