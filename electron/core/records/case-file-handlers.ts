import type { HandlerGroup, ServiceContext } from '../kernel/context';
import { listBonds } from './bonds';

// The case file's cross-person queries (the person's own court, bond and habeas go through person:update).
export function caseFileHandlers(ctx: ServiceContext): HandlerGroup {
  return {
    'bond:list': (query) => listBonds(ctx.session().db, query, ctx.clock.now()),
  };
}
