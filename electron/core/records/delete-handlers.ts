import type { Database, HandlerGroup, ServiceContext } from '../kernel/context';
import {
  eraseDue,
  eraseRecord,
  keepDays,
  keepRecord,
  listDeleted,
  pendingDeletes,
  setKeepDays,
} from './deletes';
import { restoreOf } from './kinds';
import { updateRecord } from './repository';
import { foldWal } from './rows';
import { writerFor, type Writer } from './writer';

// Recently deleted and legal holds. Erasing ends with a WAL checkpoint, so the erased values leave the
// write-ahead log too (secure_delete has already overwritten them in the database pages).

export function deleteHandlers(ctx: ServiceContext): HandlerGroup {
  const write = <T>(work: (w: Writer) => T): T => {
    const w = writerFor(ctx);
    return w.session.db.transaction(() => work(w))();
  };
  const erasing = <T>(work: (w: Writer) => T): T => {
    const result = write(work);
    foldWal(ctx.session().db);
    return result;
  };
  const db = (): Database => ctx.session().db;
  return {
    'deleted:list': () => ({ items: listDeleted(db()), keepDays: keepDays(db()) }),
    'deleted:restore': ({ kind, id }) => write((w) => restoreOf(w, kind, id)),
    'deleted:erase': (input) =>
      erasing((w) => {
        if ('all' in input) return { erased: eraseDue(w, ctx.clock.now(), { all: true }) };
        eraseRecord(w, input.kind, input.id);
        return { erased: 1 };
      }),
    'deleted:pending': () => pendingDeletes(db()),
    'deleted:keep': ({ kind, id }) => write((w) => keepRecord(w, kind, id)),
    'deleted:setKeepDays': ({ days }) => {
      setKeepDays(db(), days);
      return { keepDays: keepDays(db()) };
    },
    'hold:set': ({ personId, reason }) =>
      write((w) => {
        const since = w.now();
        updateRecord(w, 'person', personId, { legalHold: { reason, since } });
        return { personId, reason, since };
      }),
    'hold:clear': ({ personId }) =>
      write((w) => {
        updateRecord(w, 'person', personId, { legalHold: null });
        return { personId };
      }),
  };
}

/** At unlock: erase what has been in Recently deleted longer than the office keeps it. */
export function eraseExpired(ctx: ServiceContext): void {
  const w = writerFor(ctx);
  const erased = w.session.db.transaction(() => eraseDue(w, ctx.clock.now()))();
  if (erased > 0) foldWal(w.session.db);
}
