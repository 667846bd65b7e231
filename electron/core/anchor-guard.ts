import { statSync } from 'node:fs';
import type { Clock, HandlerGroup, Session } from './kernel/context';
import { appendAudit, operatorName } from './records/audit';
import { probeChain, sameHead } from './vault/anchor';

// The rollback anchor sees a write only through the audit chain, and some writes add no audit entry of
// their own (a contact revoked, a redaction profile saved, the operator's name). After each feature call
// that changed the vault without one, this adds an entry naming the channel (never a value), then lets the
// service bring the anchor up to date: one small read per call, and one file write per call that wrote.
//
// "Changed the vault" needs two signs. SQLite's running count of changed rows also counts rows a dry run
// wrote and rolled back; a commit in WAL mode always appends to the -wal file, and a rollback does not.

type AnyHandler = (input: never) => unknown;

export interface AnchorHooks {
  /** The open vault's own (writing) connection, or null while locked. */
  session(): Session | null;
  clock: Clock;
  /** Brings the anchor up to date after a call. */
  afterCall(session: Session): void;
}

export function anchorCalls(group: HandlerGroup, hooks: AnchorHooks): HandlerGroup {
  const current = hooks.session;
  const wrapped: Record<string, AnyHandler> = {};
  for (const [channel, handler] of Object.entries(group) as [string, AnyHandler][]) {
    wrapped[channel] = (input) => {
      const at = current();
      const before = at ? probe(at) : null;
      const after = (succeeded: boolean) => {
        // Locked meanwhile: the lock has already brought the anchor up to date for that session.
        if (!at || !before || current() !== at) return;
        const now = probe(at);
        // Inside someone else's open transaction the entry would be theirs to commit or roll back.
        const committed = now && now.changes !== before.changes && now.wal !== before.wal;
        const unaudited = committed && sameHead(now, before);
        if (succeeded && unaudited && !at.db.inTransaction) {
          try {
            at.db.transaction(() =>
              appendAudit(at.db, {
                at: hooks.clock.now().toISOString(),
                officeId: at.office.id,
                operator: operatorName(at.db),
                action: 'update',
                kind: 'vault',
                recordId: channel,
                fields: [],
              }),
            )();
          } catch {
            // A damaged page: the call met it already, or the next one will report it.
          }
        }
        hooks.afterCall(at);
      };
      let result: unknown;
      try {
        result = handler(input);
      } catch (error) {
        after(false);
        throw error;
      }
      if (!(result instanceof Promise)) {
        after(true);
        return result;
      }
      return result.then(
        (value: unknown) => {
          after(true);
          return value;
        },
        (error: unknown) => {
          after(false);
          throw error;
        },
      );
    };
  }
  return wrapped as HandlerGroup;
}

function probe(session: Session): (ReturnType<typeof probeChain> & { wal: string }) | null {
  try {
    return { ...probeChain(session.db), wal: walStamp(session.db.name) };
  } catch {
    return null;
  }
}

function walStamp(dbPath: string): string {
  try {
    const info = statSync(`${dbPath}-wal`, { bigint: true });
    return `${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch {
    return '';
  }
}
