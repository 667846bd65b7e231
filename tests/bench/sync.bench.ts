import { extractChanges } from '../../electron/core/sync/changes';
import { introduceAll, makeOffice } from '../helpers/sync-offices';
import { makeTempDir, removeTempDirs } from '../helpers/vault';
import { measureBaselines } from './baseline';
import { round, timeAsync } from './stats';

// Issue 4's figures: a full export of N people with their events, and its import into an empty vault, in
// records/s; the import rate against plain better-sqlite3 inserting the same rows (same JSON) into an
// unencrypted table in the same run; and the bundle size as a share of the raw change JSON.

export interface SyncBenchOptions {
  people: number;
  eventsPerPerson: number;
}

export async function benchSync(options: SyncBenchOptions) {
  try {
    const sender = await makeOffice('Bench sender');
    const receiver = await makeOffice('Bench receiver');
    introduceAll([sender, receiver]);
    sender.service.handlers['demo:generate']({
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
    const imported = await timeAsync(() =>
      Promise.resolve(receiver.service.handlers['bundle:import']({ bytes })),
    );

    // Baselines (see baseline.ts): the same rows' JSON, one transaction, unencrypted and encrypted.
    const baseline = measureBaselines(
      makeTempDir(),
      lines.map((l) => ({ id: l.id, value: l.fields })),
    );

    const bundleBytes = Buffer.from(bytes, 'base64').length;
    const perSec = (ms: number) => round((changeCount / ms) * 1000, 0);
    const result = {
      records: changeCount,
      exportRecordsPerSec: perSec(exported.ms),
      importRecordsPerSec: perSec(imported.ms),
      baselineInsertsPerSec: baseline.plainPerSec,
      importShareOfBaseline: round(perSec(imported.ms) / baseline.plainPerSec, 3),
      importTarget: '>= 0.25',
      baselineEncryptedInsertsPerSec: baseline.encryptedPerSec,
      encryptedBaselineShareOfPlain: round(baseline.encryptedPerSec / baseline.plainPerSec, 3),
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
