import { extractChanges } from '../../electron/core/sync/changes';
import { introduceAll, makeOffice } from '../helpers/sync-offices';
import { makeTempDir, removeTempDirs } from '../helpers/vault';
import { measureBareTable, measureSameRows, rowidMarks, rowsAddedSince } from './baseline';
import { round, timeAsync } from './stats';

// The sync figures: a full export of N people with their events, and its import into an empty vault, in
// records/s; the import rate against plain better-sqlite3 inserting the rows the import wrote into an
// unencrypted database with the same schema, in the same run (baseline.ts); and the bundle size as a share
// of the raw change JSON.

export interface SyncBenchOptions {
  people: number;
  eventsPerPerson: number;
}

export async function benchSync(options: SyncBenchOptions) {
  try {
    const sender = await makeOffice('Bench sender');
    const receiver = await makeOffice('Bench receiver');
    introduceAll([sender, receiver]);
    await sender.service.handlers['demo:generate']({
      people: options.people,
      volunteers: 0,
      attorneys: 0,
      eventsPerPerson: options.eventsPerPerson,
      seed: 7,
    });
    const lines = extractChanges(sender.service.context.session().db, { scope: 'all' });
    const rawJsonBytes = lines.reduce((n, l) => n + Buffer.byteLength(JSON.stringify(l)) + 1, 0);

    const exported = await timeAsync(() =>
      Promise.resolve(
        sender.service.handlers['bundle:export']({
          to: [receiver.fingerprint],
          scope: { scope: 'all' },
          redaction: 'Full',
        }),
      ),
    );
    const { bytes, changeCount } = exported.value;
    const receiverDb = receiver.service.context.session().db;
    const marks = rowidMarks(receiverDb);
    const imported = await timeAsync(() =>
      Promise.resolve(receiver.service.handlers['bundle:import']({ bytes })),
    );

    const dir = makeTempDir();
    const sameRows = measureSameRows(dir, rowsAddedSince(receiverDb, marks), changeCount);
    const bareTable = measureBareTable(
      dir,
      lines.map((l) => ({ id: l.id, value: l.fields })),
    );

    const bundleBytes = Buffer.from(bytes, 'base64').length;
    const perSec = (ms: number) => round((changeCount / ms) * 1000, 0);
    const result = {
      records: changeCount,
      exportRecordsPerSec: perSec(exported.ms),
      importRecordsPerSec: perSec(imported.ms),
      // Plain better-sqlite3 inserting the rows the import wrote, into an unencrypted database with the same schema.
      baselinePlainSameRowsPerSec: sameRows.plainPerSec,
      importShareOfBaseline: round(perSec(imported.ms) / sameRows.plainPerSec, 3),
      importTarget: '>= 0.25',
      baselineRowsInserted: sameRows.rows,
      baselinePlainRuns: sameRows.plainRuns,
      baselineEncryptedSameRowsPerSec: sameRows.encryptedPerSec,
      encryptedShareOfPlain: round(sameRows.encryptedPerSec / sameRows.plainPerSec, 3),
      importShareOfEncrypted: round(perSec(imported.ms) / sameRows.encryptedPerSec, 3),
      baselineEncryptedRuns: sameRows.encryptedRuns,
      // The narrow reading: each record's fields as (id, JSON) into a two-column table, unencrypted.
      bareTablePerSec: bareTable,
      importShareOfBareTable: round(perSec(imported.ms) / bareTable, 3),
      bundleBytes,
      rawJsonBytes,
      bundleShareOfRawJson: round(bundleBytes / rawJsonBytes, 3),
      imported: { new: imported.value.new, updated: imported.value.updated },
    };
    sender.service.close();
    receiver.service.close();
    return result;
  } finally {
    removeTempDirs();
  }
}
