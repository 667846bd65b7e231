import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import type { AmparoService } from '../../electron/core/context';
import { dispatch } from '../../electron/core/dispatch';
import type { ChannelOutput } from '../../shared/ipc';
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// Office-to-office sync through the real UI, on two harness pages with two vaults: exchange contact cards,
// verify both by fingerprint, send a bundle through a file, preview it, apply it, see the person arrive,
// and see a second import of the same file change nothing. Once per language; labels come from the
// catalogs so the Spanish pass proves the Spanish strings are the ones on screen.

type Lang = 'en' | 'es';
const CATALOGS: Record<Lang, Record<string, unknown>> = {
  en: JSON.parse(readFileSync(join(import.meta.dirname, '../../renderer/i18n/en.json'), 'utf8')),
  es: JSON.parse(readFileSync(join(import.meta.dirname, '../../renderer/i18n/es.json'), 'utf8')),
};

/** A tiny t(): looks a key up in the catalog and fills {{placeholders}} (enough for these labels). */
function translator(lang: Lang) {
  return (key: string, values: Record<string, string | number> = {}) => {
    const found = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], CATALOGS[lang]);
    if (typeof found !== 'string') throw new Error(`Missing catalog key ${key}`);
    return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
  };
}

/** Drops a file on the drop zone around the labelled file input, as a drag from the desktop would. */
async function dropFile(page: Page, label: string, path: string) {
  const base64 = readFileSync(path).toString('base64');
  const name = basename(path);
  const dataTransfer = await page.evaluateHandle(
    ([data, fileName]) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], fileName));
      return transfer;
    },
    [base64, name] as const,
  );
  await page.getByLabel(label).dispatchEvent('drop', { dataTransfer });
}

async function identity(service: AmparoService) {
  const result = await dispatch(service.handlers, 'sync:identity', undefined);
  if (!result.ok) throw new Error(result.error.code);
  return result.value as ChannelOutput<'sync:identity'>;
}

async function createVault(page: Page, t: ReturnType<typeof translator>, office: string) {
  await page.getByLabel(t('create.office')).fill(office);
  await page.getByLabel(t('create.passphrase'), { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(t('create.confirm')).fill(PASSPHRASE);
  await page.getByRole('button', { name: t('create.submit') }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/** Exports `from`'s card, imports it on `to`, and verifies it there after comparing fingerprints. */
async function exchangeCard(
  from: { page: Page; service: AmparoService; name: string },
  to: { page: Page; name: string },
  t: ReturnType<typeof translator>,
  dir: string,
) {
  const download = from.page.waitForEvent('download');
  await from.page.getByRole('button', { name: t('sync.own.export') }).click();
  const card = join(dir, `${from.name.length}-${Date.now()}.amparo-card`);
  const file = await download;
  expect(file.suggestedFilename()).not.toContain(from.name);
  await file.saveAs(card);

  await to.page.getByLabel(t('sync.contacts.import')).setInputFiles(card);
  const state = { name: from.name, state: t('sync.state.unverified') };
  await expect(to.page.getByRole('status')).toHaveText(t('sync.contacts.added', state));
  await to.page.getByRole('button', { name: t('sync.contacts.verify', { name: from.name }) }).click();
  const dialog = to.page.getByRole('dialog', { name: t('sync.verify.title', { name: from.name }) });
  // The dialog shows the sender's own fingerprint groups: what the other office reads aloud.
  const groups = (await identity(from.service)).fingerprintGroups;
  expect(groups).toHaveLength(12);
  await expect(
    dialog.getByRole('group', { name: t('sync.verify.theirFingerprint', { name: from.name }) }),
  ).toHaveText(groups.join(''));
  await dialog.getByRole('button', { name: t('sync.verify.confirm') }).click();
  await expect(dialog).toBeHidden();
  const row = to.page.getByRole('row').filter({ hasText: from.name });
  await expect(row).toContainText(t('sync.state.verified'));
}

for (const lang of ['en', 'es'] as const) {
  test(`two offices exchange cards and a bundle (${lang})`, async ({ open }, testInfo) => {
    const t = translator(lang);
    const a = await open({ lang });
    const b = await open({ lang });
    const A = { ...a, name: lang === 'en' ? 'San José Intake' : 'Intake San José' };
    const B = { ...b, name: lang === 'en' ? 'Oakland RRN' : 'Red de Oakland' };
    await createVault(A.page, t, A.name);
    await createVault(B.page, t, B.name);
    for (const side of [A, B]) await side.page.getByRole('button', { name: t('nav.offices') }).click();

    // This office's fingerprint, large, as 12 groups of 5 digits.
    const own = A.page.getByRole('group', { name: t('sync.own.fingerprint') });
    await expect(own).toHaveText((await identity(A.service)).fingerprintGroups.join(''));
    await snap(A.page, testInfo, `sync-offices-${lang}`);

    const dir = testInfo.outputPath('files');
    await exchangeCard(A, B, t, dir);
    await exchangeCard(B, A, t, dir);
    await snap(B.page, testInfo, `sync-contacts-${lang}`);

    // A person is taken in at A (keyboard intake), then sent to B.
    await A.page.keyboard.press('Control+i');
    await A.page.keyboard.type('Rosa María');
    await A.page.keyboard.press('Tab');
    await A.page.keyboard.type('Gutiérrez');
    await A.page.keyboard.press('Control+Enter');
    await expect(A.page.getByRole('heading', { name: 'Rosa María Gutiérrez' })).toBeVisible();

    await A.page.getByRole('button', { name: t('nav.offices') }).click();
    await A.page.getByRole('button', { name: t('sync.tabs.send') }).click();
    await A.page.getByLabel(`${B.name} (${t('sync.state.verified')})`).check();
    await A.page.getByRole('button', { name: t('sync.export.next') }).click();
    // English sends everything; Spanish keeps the default, "since the last bundle to these offices".
    if (lang === 'en') await A.page.getByLabel(t('sync.export.scopes.all')).check();
    await expect(A.page.getByLabel(t('sync.export.scopes.since-last'))).toBeChecked({
      checked: lang === 'es',
    });
    await A.page.getByRole('button', { name: t('sync.export.next') }).click();
    // No profile is preselected; English sends Full, Spanish the redacted Dispatch profile.
    const create = A.page.getByRole('button', { name: t('sync.export.create') });
    await expect(create).toBeDisabled();
    const profile = t(`sync.redaction.builtInNames.${lang === 'en' ? 'Full' : 'Dispatch'}`);
    await A.page.getByRole('radio', { name: new RegExp(`^${profile} — `) }).check();
    await snap(A.page, testInfo, `sync-export-redaction-${lang}`);
    const download = A.page.waitForEvent('download');
    await create.click();
    const file = await download;
    // The default name reveals neither office nor person.
    for (const secret of [A.name, B.name, 'Rosa', 'Gutiérrez'])
      expect(file.suggestedFilename()).not.toContain(secret);
    expect(file.suggestedFilename()).toMatch(/\.amparo$/);
    const bundle = join(dir, file.suggestedFilename());
    await file.saveAs(bundle);
    await expect(A.page.getByRole('status')).toContainText(file.suggestedFilename());

    // A cannot import its own bundle (dropped on the panel): the refusal is named in the UI language.
    await A.page.getByRole('button', { name: t('sync.tabs.receive') }).click();
    await dropFile(A.page, t('sync.import.file'), bundle);
    await expect(A.page.getByRole('alert')).toHaveText(t('errors.BUNDLE_NOT_FOR_US'));
    await expect(A.page.getByRole('region', { name: t('sync.import.preview') })).toHaveCount(0);

    // B previews the bundle, applies it, and finds the person.
    await B.page.getByRole('button', { name: t('sync.tabs.receive') }).click();
    await B.page.getByLabel(t('sync.import.file')).setInputFiles(bundle);
    const preview = B.page.getByRole('region', { name: t('sync.import.preview') });
    await expect(preview).toContainText(A.name);
    await expect(preview).toContainText(t('sync.import.counts', { new: 1, updated: 0, conflicts: 0 }));
    await snap(B.page, testInfo, `sync-import-preview-${lang}`);
    await preview.getByRole('button', { name: t('sync.import.apply') }).click();
    const counts = t('sync.import.counts', { new: 1, updated: 0, conflicts: 0 });
    await expect(B.page.getByRole('status')).toHaveText(t('sync.import.applied', { counts }));
    const history = B.page.getByRole('table', { name: t('sync.history.title') });
    await expect(history.getByRole('row').filter({ hasText: A.name })).toHaveCount(1);
    await snap(B.page, testInfo, `sync-import-history-${lang}`);

    // The same file again: recognised as already imported, nothing to apply.
    await B.page.getByLabel(t('sync.import.file')).setInputFiles(bundle);
    await expect(preview).toContainText(t('sync.import.alreadyImported'));
    await expect(preview.getByRole('button', { name: t('sync.import.apply') })).toHaveCount(0);
    await preview.getByRole('button', { name: t('sync.import.cancel') }).click();
    await expect(history.getByRole('row').filter({ hasText: A.name })).toHaveCount(1);

    await B.page.getByRole('button', { name: t('nav.people') }).click();
    await expect(B.page.getByRole('button', { name: 'Gutiérrez, Rosa María' })).toBeVisible();
    await snap(B.page, testInfo, `sync-people-after-import-${lang}`);
  });
}
