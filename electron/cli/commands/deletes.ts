import { AmparoError } from '../../../shared/errors';
import { requireFlag } from '../args';
import type { Command, CommandContext } from '../command';
import { idArg, kindArg } from './records';

// Recently deleted and legal holds, over the same channels as the app.

function personArg(ctx: CommandContext): string {
  if (ctx.args.positionals[0] !== 'person')
    throw new AmparoError('INVALID_INPUT', 'Legal holds are set on people: hold set person <id>.');
  return idArg(ctx);
}

export const deleteCommands: Command[] = [
  {
    name: 'deleted list',
    usage: 'deleted list',
    summary: 'List Recently deleted records (JSON lines), with when each will be erased.',
    needs: 'unlock',
    async run(ctx) {
      return (await ctx.call('deleted:list')).items;
    },
  },
  {
    name: 'deleted restore',
    usage: 'deleted restore <kind> <id>',
    summary: 'Bring a record back from Recently deleted (a person with what went with her).',
    needs: 'unlock',
    async run(ctx) {
      return ctx.call('deleted:restore', { kind: kindArg(ctx), id: idArg(ctx) });
    },
  },
  {
    name: 'deleted erase',
    usage: 'deleted erase <kind> <id> | deleted erase --all',
    summary: 'Erase a record in Recently deleted now, or all of them: only id, kind and the delete stay.',
    needs: 'unlock',
    options: ['all'],
    async run(ctx) {
      if (ctx.args.flags.all === true) {
        if (ctx.args.positionals.length > 0)
          throw new AmparoError('INVALID_INPUT', 'Give either --all or a kind and an id, not both.');
        return ctx.call('deleted:erase', { all: true });
      }
      return ctx.call('deleted:erase', { kind: kindArg(ctx), id: idArg(ctx) });
    },
  },
  {
    name: 'hold set',
    usage: 'hold set person <id> --reason TEXT',
    summary: 'Put a case on legal hold: it cannot be deleted or purged, here or by a partner.',
    needs: 'unlock',
    options: ['reason'],
    async run(ctx) {
      return ctx.call('hold:set', { personId: personArg(ctx), reason: requireFlag(ctx.args, 'reason') });
    },
  },
  {
    name: 'hold clear',
    usage: 'hold clear person <id>',
    summary: 'Lift a legal hold.',
    needs: 'unlock',
    async run(ctx) {
      return ctx.call('hold:clear', { personId: personArg(ctx) });
    },
  },
];
