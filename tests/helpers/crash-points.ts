// Seeded crash points for the crash-test child processes (never loaded by the app or the shipped CLI).
// Importing this module wraps every SQL statement the process runs (Statement run/get/all/iterate and
// Database exec, which also covers pragma() and the BEGIN/COMMIT of db.transaction()) and every close(),
// counting each as one statement, so that:
//
// - with AMPARO_CRASH_AFTER=N the process SIGKILLs itself once N statements have completed, just before
//   the next one starts;
// - with AMPARO_CRASH_IN=<tx>:<point> it does so at a point of its transaction number <tx>: `before-begin`,
//   `+N` (N statements after its BEGIN completed; +0 is right after BEGIN), `before-commit` or
//   `after-commit`. Points relative to a transaction hold even where the number of statements around it
//   varies from run to run (clock-dependent writes);
// - a kill first writes `crash kill <statements> <open tx or -> <last closed tx or ->` to stderr;
// - every transaction boundary is written to stderr as `crash begin <tx> <statement>` and
//   `crash end <tx> <statement> <COMMIT|ROLLBACK> <ms since its begin>`, transactions numbered from 1;
// - a process that ends on its own writes `crash total <statements>`.
//
// A kill chosen this way lands at the same point of the work however fast the machine is, and the child
// says where it was, so the parent knows what state the vault must be in. Lines are written with writeSync
// so they are in the pipe before any kill.
import Database from 'better-sqlite3-multiple-ciphers';
import { writeSync } from 'node:fs';

const [crashTx, crashPoint] = (process.env.AMPARO_CRASH_IN ?? '').split(':');
const crashIn = Number(crashTx || -1);
/** Kill once this many statements have completed (-1: not set, or not known yet). */
let crashAfter = Number(process.env.AMPARO_CRASH_AFTER ?? -1);
let statements = 0;
let transactions = 0;
let open: number | null = null;
let closed: number | null = null;
let openedAt = 0;

const mark = (line: string) => writeSync(2, `crash ${line}\n`);

function kill(): void {
  mark(`kill ${statements} ${open ?? '-'} ${closed ?? '-'}`);
  process.kill(process.pid, 'SIGKILL');
}

function before(sql: string): void {
  if (
    crashPoint === 'before-begin' &&
    open === null &&
    transactions + 1 === crashIn &&
    /^\s*(BEGIN|SAVEPOINT)/i.test(sql)
  )
    kill();
  if (crashPoint === 'before-commit' && open === crashIn && /^\s*COMMIT/i.test(sql)) kill();
  if (statements === crashAfter) kill();
  statements++;
}

function after(db: Database.Database, wasInTransaction: boolean, sql: string): void {
  if (!wasInTransaction && db.inTransaction) {
    open = ++transactions;
    openedAt = performance.now();
    mark(`begin ${open} ${statements}`);
    if (open === crashIn && crashPoint?.startsWith('+'))
      crashAfter = statements + Number(crashPoint.slice(1));
  } else if (wasInTransaction && !db.inTransaction && open !== null) {
    const how = /^\s*ROLLBACK/i.test(sql) ? 'ROLLBACK' : 'COMMIT';
    mark(`end ${open} ${statements} ${how} ${Math.round(performance.now() - openedAt)}`);
    closed = open;
    open = null;
    if (closed === crashIn && crashPoint === 'after-commit') crashAfter = statements;
  }
}

/** Runs one statement between the two hooks; a statement that throws still counts and still closes. */
function around<T>(db: Database.Database, sql: string, run: () => T): T {
  const was = db.inTransaction;
  before(sql);
  try {
    return run();
  } finally {
    after(db, was, sql);
  }
}

type StatementProto = Record<'run' | 'get' | 'all' | 'iterate', (...args: unknown[]) => unknown> & {
  database: Database.Database;
  source: string;
};

const scratch = new Database(':memory:');
const proto = Object.getPrototypeOf(scratch.prepare('SELECT 1')) as StatementProto;
scratch.close();
for (const name of ['run', 'get', 'all', 'iterate'] as const) {
  const original = proto[name];
  proto[name] = function (this: StatementProto, ...args: unknown[]) {
    return around(this.database, this.source, () => original.apply(this, args));
  };
}
const exec = Database.prototype.exec;
Database.prototype.exec = function (this: Database.Database, sql: string) {
  return around(this, sql, () => exec.call(this, sql));
};
// Closing counts as a step too: it checkpoints the WAL, and a kill just before it leaves a committed
// transaction only in the WAL.
const close = Database.prototype.close;
Database.prototype.close = function (this: Database.Database) {
  before('close');
  return close.call(this);
};

process.on('exit', () => {
  // A point due after the last statement (after-commit with nothing after it) is the exit.
  if (statements === crashAfter) kill();
  mark(`total ${statements}`);
});
