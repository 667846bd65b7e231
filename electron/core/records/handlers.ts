import { KINDS, type Kind, type NewRecordOf, type PatchOf } from '../../../shared/model';
import type { ListQuery } from '../../../shared/records/query';
import type { HandlerGroup, Handlers, ServiceContext } from '../kernel/context';
import { recordHistory, verifyAudit } from './audit';
import { dashboard, findDuplicates, findVolunteers, peopleInView, suggestAttorneys } from './queries';
import { listRecords } from './list';
import { createOf, deleteOf, updateOf } from './kinds';
import { getRecord } from './repository';
import { foldWal } from './rows';
import { checkAssignment } from './rules';
import { readSetting, writeSetting } from './settings';
import { describeTimeZone, officeTimeZone, setTimeZone } from './time-zone';
import { writerFor, type Writer } from './writer';

// Record channels. The five CRUD channels of every kind are generated from the kind list (crudHandlers), so
// a new kind gets them by being in KINDS; what a kind does differently lives in kinds.ts. Every write runs in
// one transaction: the record, its search index, the rules' side effects and the audit entry land together
// or not at all.

type CrudChannel<K extends Kind> = `${K}:${'create' | 'update' | 'delete' | 'get' | 'list'}`;
type CrudHandlers<K extends Kind> = Pick<Handlers, CrudChannel<K>>;

function crudHandlers<K extends Kind>(kind: K, ctx: ServiceContext): CrudHandlers<K> {
  const write = <T>(work: (w: Writer) => T): T => {
    const w = writerFor(ctx);
    return w.session.db.transaction(() => work(w))();
  };
  const db = () => ctx.session().db;
  const handlers = {
    create: (input: NewRecordOf<K>) => write((w) => createOf(w, kind, input)),
    update: ({ id, patch }: { id: string; patch: PatchOf<K> }) => write((w) => updateOf(w, kind, id, patch)),
    delete: ({ id, eraseNow }: { id: string; eraseNow?: boolean | undefined }) => {
      const result = write((w) => deleteOf(w, kind, id, { eraseNow }));
      if (result.erased) foldWal(db());
      return result;
    },
    get: ({ id }: { id: string }) => getRecord(db(), kind, id),
    list: (query: ListQuery) => listRecords(db(), kind, query, ctx.clock.now()),
  };
  // Template-literal keys built at run time: TypeScript checks each handler above against the kind's
  // schemas, but cannot follow `${kind}:create` back to the contract's channel, hence this one assertion.
  return Object.fromEntries(
    Object.entries(handlers).map(([action, handler]) => [`${kind}:${action}`, handler]),
  ) as unknown as CrudHandlers<K>;
}

export function recordHandlers(ctx: ServiceContext): HandlerGroup {
  const db = () => ctx.session().db;
  const extra: HandlerGroup = {
    'person:duplicates': (query) => findDuplicates(db(), query),
    'person:view': ({ view, limit, offset }) =>
      peopleInView(db(), view, ctx.clock.now(), officeTimeZone(db()), { limit, offset }),
    'assignment:check': ({ personId, attorneyId }) => checkAssignment(db(), personId, attorneyId),
    'attorney:suggest': ({ personId, specialty }) => suggestAttorneys(db(), personId, specialty),
    'volunteer:find': (query) => findVolunteers(db(), query, ctx.clock.now(), officeTimeZone(db())),
    'dashboard:summary': () => dashboard(db(), ctx.clock.now(), officeTimeZone(db())),
    'audit:history': ({ kind, id }) => recordHistory(db(), kind, id),
    'audit:verify': () => verifyAudit(db()),
    'settings:operator': ({ name }) => {
      if (name !== undefined) writeSetting(db(), 'operator', name);
      return { name: readSetting(db(), 'operator') ?? '' };
    },
    'settings:timeZone': ({ zone }) =>
      zone === undefined ? describeTimeZone(db()) : setTimeZone(db(), zone),
  };
  const handlers: HandlerGroup = { ...extra };
  for (const kind of KINDS) Object.assign(handlers, crudHandlers(kind, ctx));
  return handlers;
}
