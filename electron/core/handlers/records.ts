import { KINDS, type Kind } from '../../../shared/model';
import type { Channel } from '../../../shared/ipc';
import type { HandlerGroup, ServiceContext } from '../context';
import { recordHistory, verifyAudit } from '../records/audit';
import {
  dashboard,
  findDuplicates,
  findVolunteers,
  peopleInView,
  suggestAttorneys,
} from '../records/queries';
import { listRecords } from '../records/list';
import { createRecord, deleteRecord, getRecord, updateRecord } from '../records/repository';
import { checkAssignment, createAssignment, createEvent, updateAssignment } from '../records/rules';
import { writerFor, type Writer } from '../records/writer';

// Record channels. Every write runs in one transaction: the record, its search index, the rules' side
// effects and the audit entry land together or not at all.

type AnyHandler = (input: never) => unknown;

export function recordHandlers(ctx: ServiceContext): HandlerGroup {
  const write = <T>(work: (w: Writer) => T): T => {
    const w = writerFor(ctx);
    return w.session.db.transaction(() => work(w))();
  };
  const db = () => ctx.session().db;
  const handlers: Record<string, AnyHandler> = {};

  for (const kind of KINDS as readonly Kind[]) {
    handlers[`${kind}:create`] = ((input: unknown) =>
      write((w) => {
        if (kind === 'assignment') return createAssignment(w, input).record;
        if (kind === 'event') return createEvent(w, input);
        return createRecord(w, kind, input);
      })) as AnyHandler;
    handlers[`${kind}:update`] = (({ id, patch }: { id: string; patch: Record<string, unknown> }) =>
      write((w) =>
        kind === 'assignment' ? updateAssignment(w, id, patch) : updateRecord(w, kind, id, patch),
      )) as AnyHandler;
    handlers[`${kind}:delete`] = (({ id }: { id: string }) =>
      write((w) => deleteRecord(w, kind, id))) as AnyHandler;
    handlers[`${kind}:get`] = (({ id }: { id: string }) => getRecord(db(), kind, id)) as AnyHandler;
    handlers[`${kind}:list`] = ((query: Parameters<typeof listRecords>[2]) =>
      listRecords(db(), kind, query)) as AnyHandler;
  }

  const extra: HandlerGroup = {
    'person:duplicates': (query) => findDuplicates(db(), query),
    'person:view': ({ view, limit, offset }) => peopleInView(db(), view, ctx.clock.now(), limit, offset),
    'assignment:check': ({ personId, attorneyId }) => checkAssignment(db(), personId, attorneyId),
    'attorney:suggest': ({ personId }) => suggestAttorneys(db(), personId),
    'volunteer:find': (query) => findVolunteers(db(), query, ctx.clock.now()),
    'dashboard:summary': () => dashboard(db(), ctx.clock.now()),
    'audit:history': ({ kind, id }) => recordHistory(db(), kind, id),
    'audit:verify': () => verifyAudit(db()),
    'settings:operator': ({ name }) => {
      const database = db();
      if (name !== undefined) {
        database
          .prepare(
            "INSERT INTO settings (key, value) VALUES ('operator', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          )
          .run(name);
      }
      const row = database.prepare("SELECT value FROM settings WHERE key = 'operator'").get() as
        { value: string } | undefined;
      return { name: row?.value ?? '' };
    },
  };
  return { ...(handlers as HandlerGroup), ...extra } satisfies Partial<Record<Channel, unknown>>;
}
