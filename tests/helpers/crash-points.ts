// Seeded crash points for the crash-test child processes (never loaded by the app or the shipped CLI).
// Importing this module wraps every SQL statement the process runs (Statement run/get/all/iterate and
// Database exec, which also covers pragma() and the BEGIN/COMMIT of db.transaction()) and every close(),
// counting each as one statement, so that:
//
// - with AMPARO_CRASH_AFTER=N the process SIGKILLs itself once N statements have completed, just before
//   the next one starts, after writing `crash kill <N> <open tx or -> <last closed tx or ->` to stderr;
// - every transaction boundary is written to stderr as `crash begin <tx> <statement>` and
//   `crash end <tx> <statement> <COMMIT|ROLLBACK> <ms since its begin>`, transactions numbered from 1;
// - a process that ends on its own writes `crash total <statements>`.
//
// A kill chosen by statement count lands at the same point of the work however fast the machine is, and the
// child says where it was, so the parent knows what state the vault must be in. Lines are written with
// writeSync so they are in the pipe before any kill.
import Database from 'better-sqlite3-multiple-ciphers';
import { writeSync } from 'node:fs';

const crashAfter = Number(process.env.AMPARO_CRASH_AFTER ?? -1);
let statements = 0;
let transactions = 0;
let open: number | null = null;
let closed: number | null = null;
let openedAt = 0;

const mark = (line: string) => writeSync(2, `crash ${line}\n`);

function before(): void {
  if (statements === crashAfter) {
    mark(`kill ${statements} ${open ?? '-'} ${closed ?? '-'}`);
    process.kill(process.pid, 'SIGKILL');
  }
  statements++;
}

function after(db: Database.Database, wasInTransaction: boolean, sql: string): void {
  if (!wasInTransaction && db.inTransaction) {
    open = ++transactions;
    openedAt = performance.now();
    mark(`begin ${open} ${statements}`);
  } else if (wasInTransaction && !db.inTransaction && open !== null) {
    const how = /^\s*ROLLBACK/i.test(sql) ? 'ROLLBACK' : 'COMMIT';
    mark(`end ${open} ${statements} ${how} ${Math.round(performance.now() - openedAt)}`);
    closed = open;
    open = null;
  }
}

/** Runs one statement between the two hooks; a statement that throws still counts and still closes. */
function around<T>(db: Database.Database, sql: string, run: () => T): T {
  const was = db.inTransaction;
  before();
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
  before();
  return close.call(this);
};

process.on('exit', () => mark(`total ${statements}`));
