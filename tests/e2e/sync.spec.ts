import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import { format } from 'date-fns';
import type { CoreHost } from '../../electron/core/host/host';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { createCard, serializeCard } from '../../electron/core/sync/card';
import { makeOffice } from '../fixtures/sync/offices';
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

/** Calls a channel on a harness's core directly, for setup the UI under test does not cover. */
async function seed<C extends Channel>(service: CoreHost, channel: C, input?: ChannelInput<C>) {
  const result = await service.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value as ChannelOutput<C>;
}

async function identity(service: CoreHost) {
  const result = await service.dispatch('sync:identity', undefined);
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
  from: { page: Page; service: CoreHost; name: string },
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
    await expect(A.page.getByRole('heading', { level: 1, name: t('intake.title') })).toBeFocused();
    await A.page.keyboard.press('Tab');
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
    // The last step restates who receives the bundle and what the profile sends.
    const recap = A.page.getByRole('region', { name: t('sync.export.recap') });
    await expect(recap).toContainText(B.name);
    await expect(recap).toContainText(`${t('sync.export.recapProfile')} ${profile}`);
    await expect(recap).toContainText(
      lang === 'en' ? t('sync.redaction.everything') : t('sync.fields.person.custodyStatus'),
    );
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

    // Offices lists when each office's last bundle arrived: A's now, not "None yet".
    await B.page
      .getByRole('group', { name: t('sync.tabs.label') })
      .getByRole('button', { name: t('sync.tabs.offices') })
      .click();
    const contactRow = B.page
      .getByRole('table', { name: t('sync.contacts.title') })
      .getByRole('row')
      .filter({ hasText: A.name });
    await expect(contactRow).toHaveCount(1);
    await expect(contactRow).not.toContainText(t('sync.contacts.noBundle'));

    await B.page.getByRole('button', { name: t('nav.people') }).click();
    await expect(B.page.getByRole('button', { name: 'Gutiérrez, Rosa María' })).toBeVisible();
    await snap(B.page, testInfo, `sync-people-after-import-${lang}`);
  });
}

test('a bundle from a clock days ahead is refused and names that clock; then the sender is revoked', async ({
  open,
}, testInfo) => {
  const t = translator('en');
  // A's computer is three days fast: every change it stamps is far in B's future.
  const ahead = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3 * 24 * 3600_000);
  const a = await open({ lang: 'en', clock: { now: () => new Date(ahead) } });
  const b = await open({ lang: 'en' });
  const A = { ...a, name: 'Fast Clock Office' };
  const B = { ...b, name: 'Oakland RRN' };
  await createVault(A.page, t, A.name);
  await createVault(B.page, t, B.name);
  for (const side of [A, B]) await side.page.getByRole('button', { name: t('nav.offices') }).click();
  const dir = testInfo.outputPath('files');
  await exchangeCard(A, B, t, dir);
  await exchangeCard(B, A, t, dir);

  const created = await A.service.dispatch('person:create', {
    givenName: 'Ana',
    familyName: 'Ruiz',
  });
  expect(created.ok).toBe(true);
  await A.page.getByRole('button', { name: t('sync.tabs.send') }).click();
  await A.page.getByLabel(`${B.name} (${t('sync.state.verified')})`).check();
  await A.page.getByRole('button', { name: t('sync.export.next') }).click();
  await A.page.getByRole('button', { name: t('sync.export.next') }).click();
  await A.page.getByRole('radio', { name: /^Full — / }).check();
  const download = A.page.waitForEvent('download');
  await A.page.getByRole('button', { name: t('sync.export.create') }).click();
  const bundle = join(dir, 'ahead.amparo');
  await (await download).saveAs(bundle);

  await B.page.getByRole('button', { name: t('sync.tabs.receive') }).click();
  await B.page.getByLabel(t('sync.import.file')).setInputFiles(bundle);
  await expect(B.page.getByRole('alert')).toHaveText(t('errors.BUNDLE_FUTURE_CLOCK'));
  await expect(B.page.getByText(t('sync.import.senderClock', { date: format(ahead, 'PPp') }))).toBeVisible();
  await snap(B.page, testInfo, 'sync-future-clock-en');

  // Revoking needs a reason; the list then shows the state, the date and the reason.
  await B.page.getByRole('button', { name: t('sync.tabs.offices'), exact: true }).click();
  await B.page.getByRole('button', { name: t('sync.contacts.revoke', { name: A.name }) }).click();
  const dialog = B.page.getByRole('dialog', { name: t('sync.revoke.title', { name: A.name }) });
  await dialog.getByRole('button', { name: t('sync.revoke.confirm') }).click();
  await expect(dialog).toContainText(t('sync.revoke.reasonRequired'));
  await dialog.getByLabel(t('sync.revoke.reason')).fill('Laptop stolen');
  await dialog.getByRole('button', { name: t('sync.revoke.confirm') }).click();
  const row = B.page.getByRole('row').filter({ hasText: A.name });
  await expect(row).toContainText(t('sync.state.revoked'));
  await expect(row).toContainText(': Laptop stolen');
  await expect(row.getByRole('button')).toHaveCount(0);
  await snap(B.page, testInfo, 'sync-revoked-en');

  // A revoked office can no longer be chosen as a recipient, and its bundles are refused as revoked.
  await B.page.getByRole('button', { name: t('sync.tabs.send') }).click();
  await expect(B.page.getByLabel(`${A.name} (${t('sync.state.revoked')})`)).toBeDisabled();
  await B.page.getByRole('button', { name: t('sync.tabs.receive') }).click();
  await B.page.getByLabel(t('sync.import.file')).setInputFiles(bundle);
  await expect(B.page.getByRole('alert')).toHaveText(t('errors.BUNDLE_REVOKED_SENDER'));
});

test('a concurrent edit shows in Conflicts and is resolved; redaction profiles and the inbox folder', async ({
  open,
}, testInfo) => {
  const t = translator('en');
  const A = { ...(await open({ lang: 'en' })), name: 'San José Intake' };
  const B = { ...(await open({ lang: 'en' })), name: 'Oakland RRN' };
  await createVault(A.page, t, A.name);
  await createVault(B.page, t, B.name);
  for (const side of [A, B]) await side.page.getByRole('button', { name: t('nav.offices') }).click();
  const dir = testInfo.outputPath('files');
  await exchangeCard(A, B, t, dir);
  await exchangeCard(B, A, t, dir);

  // Both offices hold the same person, then both change the notes without seeing each other's change.
  const bFingerprint = (await identity(B.service)).fingerprint;
  const send = async () => {
    const out = await seed(A.service, 'bundle:export', {
      to: [bFingerprint],
      scope: { scope: 'since-last' },
      redaction: 'Full',
    });
    return out.bytes;
  };
  const person = await seed(A.service, 'person:create', { givenName: 'Luis', familyName: 'Pérez' });
  await seed(B.service, 'bundle:import', { bytes: await send() });
  await seed(A.service, 'person:update', { id: person.id, patch: { notes: 'Moved to Adelanto' } });
  await seed(B.service, 'person:update', { id: person.id, patch: { notes: 'Still in Mesa Verde' } });
  const file = join(dir, 'second.amparo');
  writeFileSync(file, Buffer.from(await send(), 'base64'));

  await B.page.getByRole('button', { name: t('sync.tabs.receive') }).click();
  await B.page.getByLabel(t('sync.import.file')).setInputFiles(file);
  const preview = B.page.getByRole('region', { name: t('sync.import.preview') });
  await expect(preview).toContainText(t('sync.import.counts', { new: 0, updated: 0, conflicts: 1 }));
  await preview.getByRole('button', { name: t('sync.import.apply') }).click();
  await B.page.getByRole('button', { name: t('sync.tabs.conflicts_one', { count: 1 }) }).click();
  const conflict = B.page.getByRole('listitem').filter({ hasText: t('person.notes') });
  await expect(conflict).toContainText('Still in Mesa Verde');
  await expect(conflict).toContainText('Moved to Adelanto');
  await expect(conflict).toContainText(A.name);
  await expect(conflict.getByRole('button', { name: 'Luis Pérez' })).toBeVisible();
  await snap(B.page, testInfo, 'sync-conflicts-en');
  await conflict.getByRole('button', { name: t('sync.conflicts.keepLocal') }).click();
  await expect(B.page.getByRole('status')).toHaveText(t('sync.conflicts.resolved'));
  await expect(B.page.getByText(t('sync.conflicts.none'))).toBeVisible();
  expect((await seed(B.service, 'person:get', { id: person.id })).notes).toBe('Still in Mesa Verde');

  // Each profile lists what it sends. A custom one: tick what it sends per kind, save, see it listed, delete it.
  await B.page.getByRole('button', { name: t('sync.tabs.settings') }).click();
  await expect(
    B.page.getByRole('list', { name: t('sync.redaction.sendsList', { name: 'Dispatch' }) }),
  ).toContainText(t('sync.fields.person.custodyStatus'));
  await B.page.getByRole('button', { name: t('sync.redaction.new') }).click();
  await B.page.getByLabel(t('sync.redaction.name')).fill('Partner office');
  await B.page.getByLabel(t('sync.redaction.sendKind', { kind: t('sync.kinds.person') })).check();
  const personFields = B.page.getByRole('group', { name: t('sync.kinds.person') });
  await expect(personFields.getByLabel(t('sync.fields.person.givenName'))).toBeChecked();
  await personFields.getByLabel(t('sync.fields.person.custodyStatus')).check();
  await personFields.getByLabel(t('sync.fields.person.phone'), { exact: true }).check();
  await B.page.getByRole('button', { name: t('sync.redaction.save') }).click();
  await expect(B.page.getByRole('listitem').filter({ hasText: 'Partner office' })).toContainText(
    t('sync.redaction.sendsFields_other', { count: 4 }),
  );
  const profiles = await seed(B.service, 'redaction:list');
  expect(profiles.find((p) => p.name === 'Partner office')?.send.person?.sort()).toEqual([
    'custodyStatus',
    'familyName',
    'givenName',
    'phone',
  ]);
  // Legal sends family contacts only once ticked.
  await B.page.getByLabel(t('sync.redaction.familyContactsOf', { name: 'Legal' })).check();
  await expect
    .poll(
      async () =>
        (await seed(B.service, 'redaction:list')).find((p) => p.name === 'Legal')?.includeFamilyContacts,
    )
    .toBe(true);
  // Built-in profiles offer no edit or delete.
  await expect(B.page.getByRole('button', { name: t('sync.redaction.edit', { name: 'Full' }) })).toHaveCount(
    0,
  );
  await snap(B.page, testInfo, 'sync-settings-en');
  B.page.once('dialog', (dialog) => void dialog.accept());
  await B.page.getByRole('button', { name: t('sync.redaction.delete', { name: 'Partner office' }) }).click();
  await expect(B.page.getByRole('listitem').filter({ hasText: 'Partner office' })).toHaveCount(0);

  // The inbox folder: on, then off.
  const inbox = join(dir, 'inbox');
  mkdirSync(inbox, { recursive: true });
  await B.page.getByLabel(t('sync.inbox.folder')).fill(inbox);
  await B.page.getByRole('button', { name: t('sync.inbox.save') }).click();
  await expect(B.page.getByRole('status')).toHaveText(t('sync.inbox.savedOn'));
  await expect(B.page.getByText(t('sync.inbox.watching', { folder: inbox }))).toBeVisible();
  expect((await seed(B.service, 'inbox:get')).folder).toBe(inbox);
  await B.page.getByRole('button', { name: t('sync.inbox.turnOff') }).click();
  await expect(B.page.getByRole('status')).toHaveText(t('sync.inbox.savedOff'));
  expect((await seed(B.service, 'inbox:get')).folder).toBeNull();

  // A hub that only relays keeps no conflicts: one checkbox, saved at once.
  const relaySection = B.page.getByRole('region', { name: t('sync.relay.title') });
  const relay = relaySection.getByLabel(t('sync.relay.label'));
  await expect(relay).not.toBeChecked();
  await relay.check();
  await expect(relaySection.getByRole('status')).toHaveText(t('sync.relay.savedOn'));
  expect(await seed(B.service, 'relay:get')).toEqual({ relayOnly: true });
  await relay.uncheck();
  await expect(relaySection.getByRole('status')).toHaveText(t('sync.relay.savedOff'));
  expect(await seed(B.service, 'relay:get')).toEqual({ relayOnly: false });
});

for (const lang of ['en', 'es'] as const) {
  test(`a bundle from an unverified office needs a confirmation; in the inbox it waits as a notice (${lang})`, async ({
    open,
  }, testInfo) => {
    const t = translator(lang);
    const A = { ...(await open({ lang })), name: lang === 'en' ? 'Oakland RRN' : 'Red de Oakland' };
    const B = { ...(await open({ lang })), name: lang === 'en' ? 'San José Intake' : 'Intake San José' };
    await createVault(A.page, t, A.name);
    await createVault(B.page, t, B.name);
    // A knows B verified; B has A's card but nobody compared fingerprints yet.
    const aCard = await seed(A.service, 'card:export');
    const bCard = await seed(B.service, 'card:export');
    const bAtA = await seed(A.service, 'contact:add', { card: bCard.card });
    await seed(A.service, 'contact:verify', { fingerprint: bAtA.fingerprint });
    await seed(B.service, 'contact:add', { card: aCard.card });
    const send = async (givenName: string) => {
      await seed(A.service, 'person:create', { givenName, familyName: 'Unverified' });
      const out = await seed(A.service, 'bundle:export', {
        to: [bAtA.fingerprint],
        scope: { scope: 'since-last' },
        redaction: 'Full',
      });
      return out;
    };
    const dir = testInfo.outputPath('files');
    mkdirSync(dir, { recursive: true });
    const first = await send('Marta');
    const file = join(dir, first.fileName);
    writeFileSync(file, Buffer.from(first.bytes, 'base64'));

    // By hand: the preview says the office is not verified, and Apply waits for the checkbox.
    await B.page.getByRole('button', { name: t('nav.offices') }).click();
    await B.page.getByRole('button', { name: t('sync.tabs.receive') }).click();
    await B.page.getByLabel(t('sync.import.file')).setInputFiles(file);
    const preview = B.page.getByRole('region', { name: t('sync.import.preview') });
    await expect(preview).toContainText(t('sync.state.unverified'));
    await expect(preview).toContainText(t('sync.import.unverified', { name: A.name }));
    const apply = preview.getByRole('button', { name: t('sync.import.apply') });
    await expect(apply).toBeDisabled();
    const confirm = preview.getByLabel(t('sync.import.confirmUnverified'));
    await snap(B.page, testInfo, `sync-import-unverified-${lang}`);
    await confirm.check();
    await apply.click();
    const counts = t('sync.import.counts', { new: 1, updated: 0, conflicts: 0 });
    // The import panel's own status: other sections of the tab have theirs.
    const panel = B.page.getByRole('region', { name: t('sync.import.title') });
    await expect(panel.getByRole('status')).toHaveText(t('sync.import.applied', { counts }));

    // Through the inbox folder, in a subfolder: never applied, listed with sender, file and reason.
    const inbox = join(dir, 'share');
    mkdirSync(join(inbox, 'to-B'), { recursive: true });
    await seed(B.service, 'inbox:set', { folder: inbox });
    const second = await send('Tomás');
    writeFileSync(join(inbox, 'to-B', second.fileName), Buffer.from(second.bytes, 'base64'));
    // The watcher polls every 3 s and takes a file once it held still across two polls.
    await expect
      .poll(async () => (await seed(B.service, 'inbox:notices')).length, { timeout: 30_000 })
      .toBe(1);
    const notices = B.page.getByRole('region', { name: t('sync.notices.title_one', { count: 1 }) });
    const notice = notices.getByRole('listitem');
    const item = t('sync.notices.item', { file: `to-B/${second.fileName}`, sender: A.name });
    await expect(notice).toContainText(item);
    await expect(notice).toContainText(t('errors.SENDER_UNVERIFIED'));
    const history = B.page.getByRole('table', { name: t('sync.history.title') });
    await expect(history).toContainText(t('sync.history.refused', { reason: t('errors.SENDER_UNVERIFIED') }));
    await snap(B.page, testInfo, `sync-inbox-notice-${lang}`);
    expect((await seed(B.service, 'person:list', { search: 'Tomás' })).total).toBe(0);

    // Verifying from the notice imports the waiting bundle; the notice goes.
    await notice.getByRole('button', { name: t('sync.notices.verify', { name: A.name }) }).click();
    const dialog = B.page.getByRole('dialog', { name: t('sync.verify.title', { name: A.name }) });
    await dialog.getByRole('button', { name: t('sync.verify.confirm') }).click();
    await expect(notices).toHaveCount(0, { timeout: 20_000 });
    await expect(
      history
        .getByRole('row')
        .filter({ hasText: t('sync.history.sources.inbox') })
        .filter({ hasText: A.name }),
    ).toHaveCount(1);
    expect((await seed(B.service, 'person:list', { search: 'Tomás' })).total).toBe(1);

    // A card whose name imitates A's with a Cyrillic letter is added, with a warning that names A.
    const impostor = await makeOffice('impostor');
    const lookalike = A.name.replace('O', '\u041E');
    const card = join(dir, 'lookalike.amparo-card');
    writeFileSync(
      card,
      serializeCard(
        createCard(impostor.identity, { name: lookalike, officeId: impostor.officeId }, new Date()),
      ),
    );
    await B.page.getByRole('button', { name: t('sync.tabs.offices'), exact: true }).click();
    await B.page.getByLabel(t('sync.contacts.import')).setInputFiles(card);
    const warning = B.page.getByRole('alert');
    await expect(warning).toContainText(t('sync.contacts.resembles', { name: lookalike, others: A.name }));
    await expect(warning).toContainText(t('sync.contacts.resemblesAdvice'));
    await snap(B.page, testInfo, `sync-contact-lookalike-${lang}`);
  });
}
