import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { format, parseISO } from 'date-fns';
import { enUS, es } from 'date-fns/locale';
import type { CoreHost } from '../../electron/core/host/host';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// Deletes and legal holds through the real UI, once per language: a person deleted from her page lands in
// Recently deleted and comes back with what went with her; a legal hold blocks the delete and shows in the
// people list; a partner's bundle that deletes a person names her (and what goes with her) in the import
// preview; a delete that met an edit here waits under Conflicts for Keep or Delete. English runs at
// 1280×800, Spanish at 1024×640, the smallest laptop screen the app is used on.

type Lang = 'en' | 'es';
const CATALOGS: Record<Lang, Record<string, unknown>> = {
  en: JSON.parse(readFileSync(join(import.meta.dirname, '../../renderer/i18n/en.json'), 'utf8')),
  es: JSON.parse(readFileSync(join(import.meta.dirname, '../../renderer/i18n/es.json'), 'utf8')),
};
const VIEWPORTS: Record<Lang, { width: number; height: number }> = {
  en: { width: 1280, height: 800 },
  es: { width: 1024, height: 640 },
};

/** A tiny t(): a catalog lookup with i18next's plural suffixes and {{placeholders}}. */
function translator(lang: Lang) {
  const lookup = (key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], CATALOGS[lang]);
  return (key: string, values: Record<string, string | number> = {}) => {
    let found = lookup(key);
    if (typeof found !== 'string' && typeof values.count === 'number') {
      found = lookup(`${key}_${new Intl.PluralRules(lang).select(values.count)}`) ?? lookup(`${key}_other`);
    }
    if (typeof found !== 'string') throw new Error(`Missing catalog key ${key}`);
    return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
  };
}
type T = ReturnType<typeof translator>;

/** The app's date-and-time format ('PPp' in the UI language). */
const dateTime = (lang: Lang, iso: string) =>
  format(parseISO(iso), 'PPp', { locale: lang === 'es' ? es : enUS });

/** Calls a channel on a harness's core directly, for setup the UI under test does not cover. */
function seed<C extends Channel>(service: CoreHost, channel: C, input?: ChannelInput<C>) {
  return service.handlers[channel](input as ChannelInput<C>) as Promise<ChannelOutput<C>>;
}

async function createVault(page: Page, t: T, office: string) {
  await page.getByLabel(t('create.office')).fill(office);
  await page.getByLabel(t('create.passphrase'), { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(t('create.confirm')).fill(PASSPHRASE);
  await page.getByRole('button', { name: t('create.submit') }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/** A person with two case events (one of them a hearing still to come) and one attorney assignment. */
async function personWithCase(service: CoreHost, givenName: string, familyName: string) {
  const person = await seed(service, 'person:create', { givenName, familyName });
  const attorney = await seed(service, 'attorney:create', { givenName: 'Bea', familyName: 'Abogada' });
  await seed(service, 'assignment:create', {
    personId: person.id,
    attorneyId: attorney.id,
    status: 'ACTIVE',
  });
  // A whole minute, so the UI's "PPp" shows exactly this time.
  const hearing = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 5 * 86_400_000).toISOString();
  await seed(service, 'event:create', { personId: person.id, kind: 'MASTER_CALENDAR', at: hearing });
  await seed(service, 'event:create', {
    personId: person.id,
    kind: 'CHECK_IN',
    at: new Date(Date.now() - 86_400_000).toISOString(),
  });
  return { person, hearing };
}

// Vault creation, two offices and bundles take a while on a busy machine.
test.describe.configure({ timeout: 180_000 });

const nav = (page: Page, label: string) =>
  page.getByRole('navigation').getByRole('button', { name: label, exact: true }).click();

for (const lang of ['en', 'es'] as const) {
  test(`a deleted person waits in Recently deleted and comes back whole (${lang})`, async ({
    open,
  }, testInfo) => {
    const t = translator(lang);
    const { page, service } = await open({ lang, viewport: VIEWPORTS[lang] });
    await createVault(page, t, 'Oakland RRN');
    const { person, hearing } = await personWithCase(service, 'Rosa María', 'Gutiérrez');
    const name = 'Rosa María Gutiérrez';

    await nav(page, t('nav.people'));
    await page.getByRole('button', { name: 'Gutiérrez, Rosa María' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const deleteButton = page.getByRole('button', { name: t('person.delete') });

    // The confirmation names her and what goes with her; Escape closes it and focus returns to the button.
    await deleteButton.click();
    const dialog = page.getByRole('dialog', { name: t('person.deleteDialog.title', { name }) });
    const along = [
      t('deleted.takes.events', { count: 2 }),
      t('deleted.takes.assignments', { count: 1 }),
      t('deleted.takes.nextHearing', { date: dateTime(lang, hearing) }),
    ].join(', ');
    await expect(dialog).toContainText(t('person.deleteDialog.takes', { what: along }));
    await expect(dialog).toContainText(t('person.deleteDialog.eraseExplain'));
    await expect(dialog.getByRole('button', { name: t('common.cancel') })).toBeFocused();
    await snap(page, testInfo, `delete-dialog-${lang}`);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(deleteButton).toBeFocused();

    // Delete: back to the list, whose heading takes focus; she is no longer in it.
    await deleteButton.click();
    await dialog.getByRole('button', { name: t('person.deleteDialog.delete'), exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('nav.people') })).toBeFocused();
    await expect(page.getByRole('button', { name: 'Gutiérrez, Rosa María' })).toHaveCount(0);

    // Recently deleted: one row for her, with what went with her.
    await nav(page, t('nav.deleted'));
    const heading = page.getByRole('heading', { level: 1, name: t('deleted.title') });
    await expect(heading).toBeFocused();
    const table = page.getByRole('table', { name: t('deleted.table') });
    await expect(table.getByRole('row')).toHaveCount(2);
    const row = table.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText(t('sync.kinds.person'));
    const withAlong = t('deleted.withAlong', {
      what: [t('deleted.takes.events', { count: 2 }), t('deleted.takes.assignments', { count: 1 })].join(
        ', ',
      ),
    });
    await expect(row).toContainText(withAlong);
    const recent = await seed(service, 'deleted:list');
    const item = recent.items.find((i) => i.id === person.id);
    expect(item).toBeDefined();
    await expect(row).toContainText(dateTime(lang, item?.deletedAt ?? ''));
    await expect(row).toContainText(
      format(parseISO(item?.eraseAfter ?? ''), 'PP', { locale: lang === 'es' ? es : enUS }),
    );
    await snap(page, testInfo, `recently-deleted-${lang}`);

    // Restore: she is back, with her events and assignment; focus stays on the page.
    await row.getByRole('button', { name: t('deleted.restoreNamed', { name }) }).click();
    await expect(page.getByRole('status').filter({ hasText: t('deleted.restored', { name }) })).toBeVisible();
    await expect(page.getByText(t('deleted.empty'))).toBeVisible();
    await expect(heading).toBeFocused();
    expect((await seed(service, 'event:list', { filters: { personId: person.id } })).total).toBe(2);
    expect((await seed(service, 'assignment:list', { filters: { personId: person.id } })).total).toBe(1);
    await nav(page, t('nav.people'));
    await expect(page.getByRole('button', { name: 'Gutiérrez, Rosa María' })).toBeVisible();

    // How long deleted records are kept: labelled, checked, saved.
    await nav(page, t('nav.deleted'));
    const days = page.getByLabel(t('deleted.keepDays'));
    await expect(days).toHaveValue('14');
    await days.fill('400');
    await page.getByRole('button', { name: t('common.save') }).click();
    await expect(page.getByText(t('deleted.keepInvalid'))).toBeVisible();
    await days.fill('30');
    await page.getByRole('button', { name: t('common.save') }).click();
    await expect(page.getByText(t('deleted.keepSaved', { count: 30 }))).toBeVisible();
    expect((await seed(service, 'deleted:list')).keepDays).toBe(30);

    // Erase now, after a confirmation; then Erase all now for what is left.
    await seed(service, 'person:delete', { id: person.id });
    const other = await seed(service, 'person:create', { givenName: 'Luis', familyName: 'Pérez' });
    await seed(service, 'person:delete', { id: other.id });
    await nav(page, t('nav.people'));
    await nav(page, t('nav.deleted'));
    await table
      .getByRole('row')
      .filter({ hasText: name })
      .getByRole('button', { name: t('deleted.eraseNamed', { name }) })
      .click();
    const confirm = page.getByRole('dialog', { name: t('deleted.confirmEraseTitle', { name }) });
    await expect(confirm).toContainText(t('deleted.confirmErase'));
    await snap(page, testInfo, `recently-deleted-erase-${lang}`);
    await confirm.getByRole('button', { name: t('deleted.confirmEraseButton') }).click();
    await expect(page.getByRole('status').filter({ hasText: t('deleted.erased', { name }) })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(2);
    // Focus moves to the row now in the erased one's place.
    await expect(
      table.getByRole('button', { name: t('deleted.restoreNamed', { name: 'Luis Pérez' }) }),
    ).toBeFocused();
    await page.getByRole('button', { name: t('deleted.eraseAll') }).click();
    const all = page.getByRole('dialog', { name: t('deleted.confirmEraseAllTitle') });
    await expect(all).toContainText(t('deleted.confirmEraseAll', { count: 1 }));
    await all.getByRole('button', { name: t('deleted.eraseAll') }).click();
    await expect(page.getByText(t('deleted.empty'))).toBeVisible();
    expect((await seed(service, 'deleted:list')).items).toEqual([]);
  });

  test(`a legal hold blocks the delete and shows in the people list (${lang})`, async ({
    open,
  }, testInfo) => {
    const t = translator(lang);
    const { page, service } = await open({ lang, viewport: VIEWPORTS[lang] });
    await createVault(page, t, 'Oakland RRN');
    const person = await seed(service, 'person:create', { givenName: 'José', familyName: 'López' });
    await seed(service, 'person:create', { givenName: 'Ana', familyName: 'Ruiz' });
    const name = 'José López';

    await nav(page, t('nav.people'));
    await page.getByRole('button', { name: 'López, José' }).click();
    await page.getByRole('button', { name: t('hold.set') }).click();
    const dialog = page.getByRole('dialog', { name: t('hold.setTitle', { name }) });
    const reason = dialog.getByLabel(t('hold.reason'));
    await expect(reason).toBeFocused();
    await dialog.getByRole('button', { name: t('hold.setConfirm') }).click();
    await expect(dialog).toContainText(t('hold.reasonRequired'));
    await snap(page, testInfo, `legal-hold-dialog-${lang}`);
    await reason.fill('Court order 24-117');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();

    // The badge beside the name, the notice with the reason, and a Delete that says why it can't.
    await expect(page.locator('.title-name').getByText(t('hold.badge'), { exact: true })).toBeVisible();
    const notice = page.getByRole('region', { name: t('hold.title') });
    await expect(notice).toContainText('Court order 24-117');
    await expect(page.getByRole('heading', { name: t('hold.title') })).toBeFocused();
    const deleteButton = page.getByRole('button', { name: t('person.delete') });
    await expect(deleteButton).toBeDisabled();
    await expect(deleteButton).toHaveAccessibleDescription(t('hold.cantDelete'));
    await snap(page, testInfo, `legal-hold-${lang}`);
    // The core refuses too (a stale page, the CLI, another window).
    await expect(seed(service, 'person:delete', { id: person.id })).rejects.toMatchObject({
      code: 'LEGAL_HOLD',
    });

    // In the people list: the badge on her row only.
    await nav(page, t('nav.people'));
    const held = page.getByRole('row').filter({ hasText: 'López, José' });
    await expect(held).toContainText(t('hold.badge'));
    await expect(page.getByRole('row').filter({ hasText: 'Ruiz, Ana' })).not.toContainText(t('hold.badge'));
    await snap(page, testInfo, `people-hold-badge-${lang}`);

    // Lift the hold (confirmed): she can be deleted again.
    await page.getByRole('button', { name: 'López, José' }).click();
    await notice.getByRole('button', { name: t('hold.clear') }).click();
    const clear = page.getByRole('dialog', { name: t('hold.clearTitle', { name }) });
    await clear.getByRole('button', { name: t('hold.clearConfirm') }).click();
    await expect(notice).toHaveCount(0);
    await expect(page.getByRole('button', { name: t('hold.set') })).toBeFocused();
    await expect(deleteButton).toBeEnabled();
    expect((await seed(service, 'person:get', { id: person.id })).legalHold).toBeUndefined();

    // Delete and erase now, for someone who asks to be forgotten: nothing waits in Recently deleted.
    await deleteButton.click();
    await page
      .getByRole('dialog', { name: t('person.deleteDialog.title', { name }) })
      .getByRole('button', { name: t('person.deleteDialog.eraseNow') })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: t('nav.people') })).toBeFocused();
    expect((await seed(service, 'deleted:list')).items).toEqual([]);
    await expect(seed(service, 'person:get', { id: person.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test(`a partner's delete is named in the import preview, and a delete that met an edit waits for a choice (${lang})`, async ({
    open,
  }, testInfo) => {
    const t = translator(lang);
    const A = {
      ...(await open({ lang, viewport: VIEWPORTS[lang] })),
      name: lang === 'en' ? 'San José Intake' : 'Intake San José',
    };
    const B = {
      ...(await open({ lang, viewport: VIEWPORTS[lang] })),
      name: lang === 'en' ? 'Oakland RRN' : 'Red de Oakland',
    };
    await createVault(A.page, t, A.name);
    await createVault(B.page, t, B.name);
    // Both offices know and have verified each other.
    const aCard = await seed(A.service, 'card:export');
    const bCard = await seed(B.service, 'card:export');
    const bAtA = await seed(A.service, 'contact:add', { card: bCard.card });
    await seed(A.service, 'contact:verify', { fingerprint: bAtA.fingerprint });
    const aAtB = await seed(B.service, 'contact:add', { card: aCard.card });
    await seed(B.service, 'contact:verify', { fingerprint: aAtB.fingerprint });
    const send = async () =>
      (
        await seed(A.service, 'bundle:export', {
          to: [bAtA.fingerprint],
          scope: { scope: 'since-last' },
          redaction: 'Full',
        })
      ).bytes;

    // Three people reach B: one A deletes, two that B changes after A deleted them.
    const { person, hearing } = await personWithCase(A.service, 'Rosa María', 'Gutiérrez');
    const kept = await seed(A.service, 'person:create', { givenName: 'Luis', familyName: 'Pérez' });
    const dropped = await seed(A.service, 'person:create', { givenName: 'Elena', familyName: 'Soto' });
    await seed(B.service, 'bundle:import', { bytes: await send() });
    await seed(A.service, 'person:delete', { id: person.id });
    await seed(A.service, 'person:delete', { id: kept.id });
    await seed(A.service, 'person:delete', { id: dropped.id });
    await seed(B.service, 'person:update', { id: kept.id, patch: { phone: '+1 510 555 0101' } });
    await seed(B.service, 'person:update', { id: dropped.id, patch: { phone: '+1 510 555 0102' } });
    const dir = testInfo.outputPath('files');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'deletes.amparo');
    writeFileSync(file, Buffer.from(await send(), 'base64'));

    // The preview names the person the bundle deletes and what goes with her, before anything is applied.
    await nav(B.page, t('nav.offices'));
    await B.page.getByRole('button', { name: t('sync.tabs.receive') }).click();
    await B.page.getByLabel(t('sync.import.file')).setInputFiles(file);
    const preview = B.page.getByRole('region', { name: t('sync.import.preview') });
    // Her two events and her assignment are deletes of their own, counted but not listed again.
    await expect(preview).toContainText(t('sync.import.deleted', { count: 4 }), { timeout: 15_000 });
    await expect(preview).toContainText(t('sync.import.deleteConflicts', { count: 2 }));
    const deletes = preview.getByRole('region', { name: t('sync.import.deletesTitle') });
    await expect(deletes.getByRole('listitem')).toHaveCount(1);
    const along = [
      t('deleted.takes.events', { count: 2 }),
      t('deleted.takes.assignments', { count: 1 }),
      t('deleted.takes.nextHearing', { date: dateTime(lang, hearing) }),
    ].join(', ');
    await expect(deletes.getByRole('listitem')).toHaveText(
      `Rosa María Gutiérrez — ${t('deleted.withAlong', { what: along })}`,
    );
    // The content pane scrolls: bring the deletes and the Apply button into the screenshot.
    await preview.getByRole('button', { name: t('sync.import.apply') }).scrollIntoViewIfNeeded();
    await snap(B.page, testInfo, `import-preview-deletes-${lang}`);
    await preview.getByRole('button', { name: t('sync.import.apply') }).click();
    await expect(
      B.page.getByRole('status').filter({ hasText: t('sync.import.deleted', { count: 4 }) }),
    ).toBeVisible();

    // Deleted at A, changed here: listed under Conflicts with A's name, for Keep or Delete.
    await B.page.getByRole('button', { name: t('sync.tabs.conflicts', { count: 2 }) }).click();
    await expect(B.page.getByRole('heading', { name: t('sync.pending.title', { count: 2 }) })).toBeVisible();
    // Its title counts what is left, so the section is found by its explanation.
    const pending = B.page.locator('section.card').filter({ hasText: t('sync.pending.explain') });
    const luis = pending.getByRole('listitem').filter({ hasText: 'Luis Pérez' });
    await expect(luis).toContainText(t('sync.pending.changed', { office: A.name }));
    await snap(B.page, testInfo, `pending-deletes-${lang}`);
    await luis.getByRole('button', { name: t('sync.pending.keepNamed', { name: 'Luis Pérez' }) }).click();
    await expect(
      B.page.getByRole('status').filter({ hasText: t('sync.pending.kept', { name: 'Luis Pérez' }) }),
    ).toBeVisible();
    await pending
      .getByRole('button', { name: t('sync.pending.deleteNamed', { name: 'Elena Soto' }) })
      .click();
    const confirm = B.page.getByRole('dialog', {
      name: t('sync.pending.confirmTitle', { name: 'Elena Soto' }),
    });
    await confirm.getByRole('button', { name: t('sync.pending.confirmDelete') }).click();
    await expect(
      B.page.getByRole('status').filter({ hasText: t('sync.pending.deleted', { name: 'Elena Soto' }) }),
    ).toBeVisible();
    await expect(pending.getByRole('listitem')).toHaveCount(0);
    expect(await seed(B.service, 'deleted:pending')).toEqual([]);
    expect((await seed(B.service, 'person:get', { id: kept.id })).phone).toBe('+1 510 555 0101');

    // Both deleted people wait in B's Recently deleted.
    await nav(B.page, t('nav.deleted'));
    const table = B.page.getByRole('table', { name: t('deleted.table') });
    await expect(table.getByRole('row').filter({ hasText: 'Rosa María Gutiérrez' })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: 'Elena Soto' })).toHaveCount(1);
  });
}
