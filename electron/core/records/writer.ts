import { operatorName, type AuditTip } from './audit';
import type { ServiceContext, Session } from '../kernel/context';
import { createHlc, type Hlc } from './hlc';
import type { WriteAudit } from './rows';

// Everything a write needs, taken from the unlocked session: the database, this office, the time, the
// clock for per-field stamps and the operator name for the audit log.
export interface Writer {
  session: Session;
  now: () => string;
  hlc: Hlc;
  operator: string;
  /** Valid for one transaction: a Writer is made per handler call. */
  audit: AuditTip;
}

export function writerFor(ctx: ServiceContext): Writer {
  const session = ctx.session();
  return {
    session,
    now: () => ctx.clock.now().toISOString(),
    hlc: createHlc(session.db, session.office.id, ctx.clock),
    operator: operatorName(session.db),
    audit: {},
  };
}

/** This office's audit identity for a row write at `at`. */
export function writeAuditOf(w: Writer, at: string): WriteAudit {
  return { at, officeId: w.session.office.id, operator: w.operator, tip: w.audit };
}
