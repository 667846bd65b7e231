import { DISPATCH_ROLES, type Report, type Volunteer } from '../../../shared/model';
import type { HandlerGroup, ServiceContext } from '../kernel/context';
import { createOf } from '../records/kinds';
import { getRecord, toRecord, type RecordRow } from '../records/repository';
import { stmt } from '../records/statements';
import { officeTimeZone } from '../records/time-zone';
import { writerFor, type Writer } from '../records/writer';
import { rankCandidates } from './candidates';
import { outreachStats } from './outreach';
import { reportDetail } from './reports';

// The hotline's channels: a report with its people and dispatches, who to send, sending them, outreach totals.

export function hotlineHandlers(ctx: ServiceContext): HandlerGroup {
  const db = () => ctx.session().db;
  const write = <T>(work: (w: Writer) => T): T => {
    const w = writerFor(ctx);
    return w.session.db.transaction(() => work(w))();
  };
  return {
    'report:detail': ({ id }) => reportDetail(db(), id),
    'dispatch:candidates': ({ reportId, role, limit }) => {
      const report: Report = getRecord(db(), 'report', reportId);
      const on = stmt(
        db(),
        "SELECT volunteer_id AS id FROM dispatches WHERE report_id = ? AND deleted_at IS NULL AND status IN ('SENT', 'ON_SITE')",
      ).all(reportId) as { id: string }[];
      const volunteers = (
        stmt(
          db(),
          "SELECT rowid, * FROM volunteers WHERE deleted_at IS NULL AND status IS NOT 'INACTIVE'",
        ).all() as RecordRow[]
      ).map((row) => toRecord<'volunteer'>(row) as Volunteer);
      return rankCandidates(volunteers, report, {
        role: role ?? DISPATCH_ROLES[0],
        now: ctx.clock.now(),
        timeZone: officeTimeZone(db()),
        exclude: new Set(on.map((d) => d.id)),
      }).slice(0, limit ?? 100);
    },
    'dispatch:send': ({ reportId, volunteerIds, role }) =>
      write((w) => {
        const sentAt = w.now();
        return [...new Set(volunteerIds)].map((volunteerId) =>
          createOf(w, 'dispatch', {
            reportId,
            volunteerId,
            sentAt,
            status: 'SENT',
            ...(role ? { role } : {}),
          }),
        );
      }),
    'outreach:stats': (bounds) => outreachStats(db(), bounds, ctx.clock.now(), officeTimeZone(db())),
  };
}
