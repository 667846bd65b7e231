// Plaintext leak scan through the UI (the CLI half is tests/unit/leak-scan.test.ts).
// Two harness pages, each with its own vault and its own on-disk Chromium profile (the real app's renderer
// profile lives on disk too), drive a whole session like a user: create the vaults, take 5 people in by
// keyboard, import 5 more from a CSV file, search, exchange cards, send a bundle from A to B and apply it,
// back up, lock. 50 unique markers sit in given and family names, notes, A-numbers and contact (or other)
// names. Every regular file under both vault folders (with -wal/-shm while open), both Chromium profiles,
// Chromium's private TMPDIR, the downloads (cards, bundle, backup) and every entry new in the OS temp
// folder, plus the pages' console and Chromium's own log file, is searched in UTF-8 and UTF-16LE: 0 markers
// (and no passphrase) expected, while open, after the lock and after the browsers close. Canaries the page
// writes to localStorage, sessionStorage, IndexedDB and the console must be found, so those surfaces are
// really reached. Then, as the control, a CSV export through the UI must show all 50 markers: the scan
// can fail.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import type { CoreHost } from '../../electron/core/host/host';
import type { ChannelOutput } from '../../shared/ipc';
import {
  markersInText,
  plantMarkers,
  scanForMarkers,
  type PersonMarkers,
  type ScanResult,
} from '../helpers/leak';
import { FAST_KDF, PASSPHRASE } from '../helpers/vault';
import { expect, test } from './fixtures';
import { launchHarness, type Harness } from './harness';

const PEOPLE = 10;
const EN = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../renderer/i18n/en.json'), 'utf8'),
) as Record<string, unknown>;

/**
 * Looks a key up in the English catalog and fills {{placeholders}}, plural forms (key_one, key_other) and
 * nested $t(key, {"count": n}) as i18next does: the labels on screen.
 */
function t(key: string, values: Record<string, string | number> = {}): string {
  const lookup = (k: string) =>
    k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], EN);
  let found = lookup(key);
  if (typeof found !== 'string' && typeof values.count === 'number')
    found = lookup(`${key}_${new Intl.PluralRules('en').select(values.count)}`) ?? lookup(`${key}_other`);
  if (typeof found !== 'string') throw new Error(`Missing catalog key ${key}`);
  const filled = found.replace(/\{\{(\w+)(?:, number)?\}\}/g, (_, name: string) => {
    const value = values[name];
    return typeof value === 'number' ? value.toLocaleString('en') : String(value);
  });
  return filled.replace(/\$t\(([\w.]+), (\{[^}]*\})\)/g, (_, nested: string, options: string) =>
    t(nested, JSON.parse(options) as Record<string, number>),
  );
}

type Person = PersonMarkers;

interface Office extends Harness {
  name: string;
  logs: string[];
}

async function launch(root: string, key: string, name: string, vaultDir: string): Promise<Office> {
  const dir = (sub: string) => {
    const path = join(root, `${key}-${sub}`);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const harness = await launchHarness({
    vaultDir,
    lang: 'en',
    kdf: FAST_KDF,
    profileDir: dir('profile'),
    downloadsDir: dir('downloads'),
    browserTmpDir: dir('tmp'),
    browserLogFile: join(dir('logs'), 'chromium.log'),
  });
  const logs: string[] = [];
  harness.page.on('console', (message) => logs.push(message.text()));
  harness.page.on('pageerror', (error) => logs.push(`${error.message}\n${error.stack ?? ''}`));
  return { ...harness, name, logs };
}

async function createVault(page: Page, office: string) {
  await page.getByLabel(t('create.office')).fill(office);
  await page.getByLabel(t('create.passphrase'), { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(t('create.confirm')).fill(PASSPHRASE);
  await page.getByRole('button', { name: t('create.submit') }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/** Keyboard intake: Ctrl+I, Tab to the first field, type into each field, Ctrl+Enter; the person's page opens. */
async function intake(page: Page, p: Person) {
  await page.keyboard.press('Control+i');
  // Arrived at on its heading, like every screen; the first field is one Tab away.
  await expect(page.getByRole('heading', { level: 1, name: t('intake.title') })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(`${t('person.givenName')} *`)).toBeFocused();
  await page.keyboard.type(p.given);
  await page.keyboard.press('Tab');
  await page.keyboard.type(p.family);
  await page.getByLabel(t('person.aNumber')).focus();
  await page.keyboard.type(p.aNumber);
  await page.getByLabel(t('person.notes'), { exact: true }).focus();
  await page.keyboard.type(p.note);
  await page.getByLabel(t('contact.name'), { exact: true }).focus();
  await page.keyboard.type(p.extra);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: `${p.given} ${p.family}` })).toBeVisible();
}

async function identity(service: CoreHost) {
  const result = await service.dispatch('sync:identity', undefined);
  if (!result.ok) throw new Error(result.error.code);
  return result.value as ChannelOutput<'sync:identity'>;
}

/** `from` exports its card (a download), `to` imports that file and verifies it by fingerprint. */
async function exchangeCard(from: Office, to: Office, save: (download: Download) => Promise<string>) {
  const downloading = from.page.waitForEvent('download');
  await from.page.getByRole('button', { name: t('sync.own.export') }).click();
  const card = await save(await downloading);
  await to.page.getByLabel(t('sync.contacts.import')).setInputFiles(card);
  await expect(to.page.getByRole('status')).toHaveText(
    t('sync.contacts.added', { name: from.name, state: t('sync.state.unverified') }),
  );
  await to.page.getByRole('button', { name: t('sync.contacts.verify', { name: from.name }) }).click();
  const dialog = to.page.getByRole('dialog', { name: t('sync.verify.title', { name: from.name }) });
  await expect(
    dialog.getByRole('group', { name: t('sync.verify.theirFingerprint', { name: from.name }) }),
  ).toHaveText((await identity(from.service)).fingerprintGroups.join(''));
  await dialog.getByRole('button', { name: t('sync.verify.confirm') }).click();
  await expect(to.page.getByRole('row').filter({ hasText: from.name })).toContainText(
    t('sync.state.verified'),
  );
}

async function searchPeople(page: Page, text: string, p: Person) {
  await page.getByRole('button', { name: t('nav.people'), exact: true }).click();
  await page.getByLabel(t('people.search')).fill(text);
  await expect(page.getByRole('button', { name: `${p.family}, ${p.given}` })).toBeVisible();
}

async function lock(office: Office) {
  await office.page.getByRole('button', { name: new RegExp(`^${t('shell.lock')}`) }).click();
  await expect(office.page.getByRole('heading', { name: t('unlock.title') })).toBeVisible();
  expect((await office.service.handlers['vault:status'](undefined)).state).toBe('locked');
}

function summary(label: string, scan: ScanResult, showHits = true) {
  const byMarker = new Set(scan.hits.map((hit) => hit.marker));
  console.log(
    `leak scan (UI) ${label}: files=${scan.files.length} unreadable=${scan.unreadable.length} ` +
      `hits=${scan.hits.length} distinctMarkers=${byMarker.size}` +
      (showHits && scan.hits.length ? ` first=${JSON.stringify(scan.hits.slice(0, 5))}` : ''),
  );
  return byMarker.size;
}

test('a full UI session leaves 0 of 50 markers on disk or in logs; a CSV export shows all 50', async () => {
  test.setTimeout(300_000);
  const osTmpBefore = new Set(readdirSync(tmpdir()));
  const root = mkdtempSync(join(tmpdir(), 'amparo-leak-ui-'));
  // Downloads are saved where a user would keep them (Playwright deletes its own copies on close).
  const downloads: string[] = [];
  const save = async (download: Download) => {
    const path = join(root, 'saved', `${downloads.length}-${download.suggestedFilename()}`);
    await download.saveAs(path);
    downloads.push(path);
    return path;
  };
  const vaultA = join(root, 'a-vault');
  const vaultB = join(root, 'b-vault');
  const m = plantMarkers(PEOPLE);
  const all = m.flatMap((p) => [p.given, p.family, p.note, p.aNumber, p.extra]);
  expect(new Set(all).size).toBe(50);
  const opened: Office[] = [];
  try {
    const A = await launch(root, 'a', 'San José Intake', vaultA);
    opened.push(A);
    const B = await launch(root, 'b', 'Oakland RRN', vaultB);
    opened.push(B);
    await createVault(A.page, A.name);
    await createVault(B.page, B.name);

    // Five people by keyboard intake, five from a CSV file picked in Settings (given as bytes, as a file
    // chooser would: the source file is the user's own input, not something the session wrote).
    for (const p of m.slice(0, PEOPLE / 2)) await intake(A.page, p);
    await A.page.getByRole('button', { name: t('nav.settings'), exact: true }).click();
    await A.page.getByRole('button', { name: t('settings.tabs.data'), exact: true }).click();
    const rows = m.slice(PEOPLE / 2).map((p) => [p.given, p.family, p.note, p.aNumber, p.extra].join(','));
    await A.page.getByLabel(t('csv.file')).setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`givenName,familyName,notes,aNumber,otherNames\n${rows.join('\n')}\n`),
    });
    await A.page.getByRole('button', { name: t('csv.check') }).click();
    await expect(A.page.getByText(t('csv.dryRunResult', { valid: PEOPLE / 2, skipped: 0 }))).toBeVisible();
    await A.page.getByRole('button', { name: t('csv.import') }).click();
    await expect(A.page.getByText(t('csv.result', { imported: PEOPLE / 2, skipped: 0 }))).toBeVisible();
    expect((await A.service.handlers['person:list']({})).total).toBe(PEOPLE);

    // Global search for a typed-in person and an imported one; open a record (contacts render there).
    await searchPeople(A.page, m[0]!.given, m[0]!);
    await searchPeople(A.page, m[PEOPLE - 1]!.family, m[PEOPLE - 1]!);
    await A.page.getByRole('button', { name: `${m[PEOPLE - 1]!.family}, ${m[PEOPLE - 1]!.given}` }).click();
    await expect(
      A.page.getByRole('heading', { name: `${m[PEOPLE - 1]!.given} ${m[PEOPLE - 1]!.family}` }),
    ).toBeVisible();

    // Cards both ways, then everything A holds goes to B in a bundle file, previewed and applied there.
    for (const side of [A, B]) await side.page.getByRole('button', { name: t('nav.offices') }).click();
    await exchangeCard(A, B, save);
    await exchangeCard(B, A, save);
    await A.page.getByRole('button', { name: t('sync.tabs.send') }).click();
    await A.page.getByLabel(`${B.name} (${t('sync.state.verified')})`).check();
    await A.page.getByRole('button', { name: t('sync.export.next') }).click();
    await A.page.getByLabel(t('sync.export.scopes.all')).check();
    await A.page.getByRole('button', { name: t('sync.export.next') }).click();
    await A.page
      .getByRole('radio', { name: new RegExp(`^${t('sync.redaction.builtInNames.Full')} — `) })
      .check();
    const bundleDownload = A.page.waitForEvent('download');
    await A.page.getByRole('button', { name: t('sync.export.create') }).click();
    const bundleFile = await bundleDownload;
    for (const marker of all) expect(bundleFile.suggestedFilename()).not.toContain(marker);
    const bundle = await save(bundleFile);
    await B.page.getByRole('button', { name: t('sync.tabs.receive') }).click();
    await B.page.getByLabel(t('sync.import.file')).setInputFiles(bundle);
    const preview = B.page.getByRole('region', { name: t('sync.import.preview') });
    await expect(preview).toContainText(A.name);
    await preview.getByRole('button', { name: t('sync.import.apply') }).click();
    const counts = t('sync.import.counts', { new: PEOPLE, updated: 0, conflicts: 0 });
    await expect(B.page.getByRole('status')).toHaveText(t('sync.import.applied', { counts }));
    expect((await B.service.handlers['person:list']({})).total).toBe(PEOPLE);
    await searchPeople(B.page, m[1]!.given, m[1]!);
    await searchPeople(B.page, m[PEOPLE - 2]!.aNumber, m[PEOPLE - 2]!);

    // An encrypted backup, downloaded from Settings.
    await A.page.getByRole('button', { name: t('nav.settings'), exact: true }).click();
    await A.page.getByRole('button', { name: t('settings.tabs.backup'), exact: true }).click();
    const backupForm = A.page.getByRole('form', { name: t('settings.backup.title') });
    await backupForm.getByLabel(t('settings.backup.passphrase'), { exact: true }).fill(PASSPHRASE);
    await backupForm.getByLabel(t('settings.backup.confirm')).fill(PASSPHRASE);
    const backupDownload = A.page.waitForEvent('download');
    await backupForm.getByRole('button', { name: t('settings.backup.button') }).click();
    await save(await backupDownload);
    expect(downloads).toHaveLength(4); // two cards, the bundle, the backup

    // Canaries, kept apart from the 50 markers: the page itself writes these into the storage a renderer
    // could persist drafts in, so the profile scan below is shown to reach those places on disk.
    const canaries = await A.page.evaluate(async (tag) => {
      localStorage.setItem('canary', `CANARYlocal${tag}`);
      sessionStorage.setItem('canary', `CANARYsession${tag}`);
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('canary', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('s');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const tx = request.result.transaction('s', 'readwrite');
          tx.objectStore('s').put(`CANARYidb${tag}`, 'k');
          tx.oncomplete = () => {
            request.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
      return [`CANARYlocal${tag}`, `CANARYsession${tag}`, `CANARYidb${tag}`];
    }, randomBytes(5).toString('hex'));
    // And one console line, to show the console capture below hears the page.
    const consoleCanary = `CANARYconsole${randomBytes(5).toString('hex')}`;
    await A.page.evaluate((line) => console.info(line), consoleCanary);
    await expect.poll(() => A.logs.includes(consoleCanary)).toBe(true);

    // Scan 1, everything still open: the vaults' -wal/-shm and the live Chromium profiles.
    const walOpen = readdirSync(vaultA).filter((f) => f.endsWith('-wal') || f.endsWith('-shm'));
    const open = scanForMarkers([root], all);
    const openFound = summary(`open (vault A: ${readdirSync(vaultA).join(',')})`, open);

    // Scan 2, both vaults locked from the UI, browsers still running.
    await lock(A);
    await lock(B);
    const locked = scanForMarkers([root], all);
    const lockedFound = summary('locked', locked);

    // Scan 3, after the browsers have closed and flushed their profiles: every file the session made.
    for (const office of opened.splice(0)) {
      expect(office.blockedRequests).toEqual([]);
      await office.close();
    }
    const newInOsTmp = readdirSync(tmpdir())
      .filter((name) => !osTmpBefore.has(name))
      .map((name) => join(tmpdir(), name))
      .filter((path) => path !== root && existsSync(path));
    const closed = scanForMarkers([root], all);
    const osTmp = scanForMarkers(newInOsTmp, all);
    const downloaded = scanForMarkers(downloads, all);
    const pageLogs = [A, B].flatMap((office) => office.logs.filter((line) => line !== consoleCanary));
    const logHits = markersInText(pageLogs, all);
    const chromiumLogs = ['a', 'b'].map((key) => join(root, `${key}-logs`, 'chromium.log'));
    const chromiumLogBytes = chromiumLogs.map((file) => (existsSync(file) ? statSync(file).size : 0));
    // Chromium's log records the page's console: the canary line shows that file would show a leak.
    const consoleInChromiumLog = scanForMarkers(chromiumLogs, [consoleCanary]).hits.length;
    const profileFiles = closed.files.filter((f) => f.includes('-profile')).length;
    const closedFound = summary(`closed (profile files: ${profileFiles})`, closed);
    const canaryScan = scanForMarkers([join(root, 'a-profile')], canaries);
    console.log(
      `leak scan (UI) canaries found in profile A: ` +
        canaryScan.hits
          .map((hit) => `${hit.marker} in ${hit.file.slice(root.length)} (${hit.encoding})`)
          .join('; '),
    );
    // The passphrase was typed into three forms (create, backup ×2): it must not be on disk either.
    const passphraseScan = scanForMarkers([root], [PASSPHRASE]);
    const osTmpFound = summary(`new OS temp entries (${newInOsTmp.length})`, osTmp);
    summary('downloads (2 cards, bundle, backup)', downloaded);
    console.log(
      `leak scan (UI) logs: console lines=${pageLogs.length} (markers found: ${logHits.length}), ` +
        `chromium.log bytes=${chromiumLogBytes.join('+')} (scanned with the files above; ` +
        `console canary found in ${consoleInChromiumLog} of them)`,
    );

    expect(walOpen.length, 'the open vault must have its -wal/-shm to scan').toBeGreaterThan(0);
    expect(profileFiles, 'the Chromium profiles must be on disk to scan').toBeGreaterThan(0);
    expect(downloaded.files).toHaveLength(4);
    for (const bytes of chromiumLogBytes)
      expect(bytes, 'Chromium must have written its log').toBeGreaterThan(0);
    expect(consoleInChromiumLog, "Chromium's log records console lines").toBe(1);
    expect(
      new Set(canaryScan.hits.map((hit) => hit.marker)).size,
      'the profile scan reaches web storage',
    ).toBe(3);
    expect(open.hits).toEqual([]);
    expect(locked.hits).toEqual([]);
    expect(closed.hits).toEqual([]);
    expect(osTmp.hits).toEqual([]);
    expect(downloaded.hits).toEqual([]);
    expect(logHits).toEqual([]);
    expect(markersInText(pageLogs, [PASSPHRASE])).toEqual([]);
    expect(passphraseScan.hits).toEqual([]);
    expect([openFound, lockedFound, closedFound, osTmpFound]).toEqual([0, 0, 0, 0]);
    expect(closed.unreadable).toEqual([]);

    // The control: reopen vault A in a fresh profile, unlock, and export the people as CSV on purpose.
    // That unencrypted file must show every one of the 50 markers, or the scan above proves nothing.
    const control = await launch(root, 'control', A.name, vaultA);
    opened.push(control);
    await control.page.getByLabel(t('unlock.passphrase'), { exact: true }).fill(PASSPHRASE);
    await control.page.getByRole('button', { name: t('unlock.submit') }).click();
    await control.page.getByRole('button', { name: t('nav.settings'), exact: true }).click();
    await control.page.getByRole('button', { name: t('settings.tabs.data'), exact: true }).click();
    control.page.once('dialog', (dialog) => void dialog.accept());
    const csvDownload = control.page.waitForEvent('download');
    await control.page.getByRole('button', { name: t('csv.export') }).click();
    const csv = join(root, 'control-export.csv');
    await (await csvDownload).saveAs(csv);
    const exported = scanForMarkers([csv], all);
    const exportedFound = summary('control: CSV export', exported, false);
    expect(exported.files).toHaveLength(1);
    expect(exportedFound).toBe(all.length);
  } finally {
    for (const office of opened) await office.close();
    // AMPARO_KEEP_LEAK_DIR=1 keeps the session's files for a look by hand.
    if (process.env.AMPARO_KEEP_LEAK_DIR === '1') console.log(`leak scan (UI) kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
});
