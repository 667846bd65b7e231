import type { HandlerGroup, ServiceContext } from '../kernel/context';
import { custodyHistory } from './custody';
import { upcomingDeadlines } from './deadlines/list';
import { officeTimeZone } from './time-zone';

// Case-work reads across records: a person's custody history and the deadlines list.
export function caseworkHandlers(ctx: ServiceContext): HandlerGroup {
  const db = () => ctx.session().db;
  return {
    'custody:history': ({ personId }) => custodyHistory(db(), personId),
    'deadline:upcoming': (query) => {
      const zone = officeTimeZone(db());
      return { rows: upcomingDeadlines(db(), query, ctx.clock.now(), zone), zone };
    },
  };
}
