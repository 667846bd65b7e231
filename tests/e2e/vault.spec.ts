import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// Create, lock and unlock a vault through the real UI, once per language, finding controls by role and
// label as a user (or a screen reader) would.

const TEXT = {
  en: {
    office: 'Office name',
    passphrase: 'Passphrase',
    confirm: 'Repeat the passphrase',
    create: 'Create vault',
    nav: 'Main sections',
    lock: /Lock now/,
    unlock: 'Unlock',
    unlockTitle: 'Unlock the vault',
    wrong: 'That passphrase does not open this vault.',
    locked: 'The vault was locked.',
    settings: 'Settings',
    people: 'People',
  },
  es: {
    office: 'Nombre de la oficina',
    passphrase: 'Frase de contraseña',
    confirm: 'Repite la frase de contraseña',
    create: 'Crear bóveda',
    nav: 'Secciones principales',
    lock: /Bloquear ahora/,
    unlock: 'Desbloquear',
    unlockTitle: 'Desbloquear la bóveda',
    wrong: 'Esa frase de contraseña no abre esta bóveda.',
    locked: 'La bóveda se bloqueó.',
    settings: 'Configuración',
    people: 'Personas',
  },
} as const;

for (const lang of ['en', 'es'] as const) {
  const t = TEXT[lang];
  test(`create, lock and unlock a vault (${lang})`, async ({ open }, testInfo) => {
    const { page } = await open({ lang });
    await expect(page.locator('html')).toHaveAttribute('lang', lang);

    await page.getByLabel(t.office).fill('Oakland RRN');
    await page.getByLabel(t.passphrase, { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(t.confirm).fill(PASSPHRASE);
    await snap(page, testInfo, `create-${lang}`);
    await page.getByRole('button', { name: t.create }).click();

    const nav = page.getByRole('navigation', { name: t.nav });
    await expect(nav).toBeVisible();
    await expect(page.getByText('Oakland RRN')).toBeVisible();
    await snap(page, testInfo, `shell-${lang}`);

    await page.getByRole('button', { name: t.lock }).click();
    await expect(page.getByRole('heading', { name: t.unlockTitle })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(t.locked);
    await expect(page.getByText('Oakland RRN')).toHaveCount(0);

    await page.getByLabel(t.passphrase, { exact: true }).fill('not the passphrase');
    await page.getByRole('button', { name: t.unlock, exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(t.wrong);
    await snap(page, testInfo, `unlock-${lang}`);

    await page.getByLabel(t.passphrase, { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(t.passphrase, { exact: true }).press('Enter');
    await expect(nav).toBeVisible();

    // Ctrl+L locks from anywhere.
    await page.keyboard.press('Control+l');
    await expect(page.getByRole('heading', { name: t.unlockTitle })).toBeVisible();
  });
}

test('the language choice is remembered across restarts', async ({ open }) => {
  const { page } = await open({ lang: 'en' });
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByLabel('Nombre de la oficina')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Nombre de la oficina')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
});

test('a short passphrase and a mismatch are explained before anything is created', async ({ open }) => {
  const { page, service } = await open({ lang: 'en' });
  await page.getByLabel('Office name').fill('X');
  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await expect(page.getByText(/Too short/)).toBeVisible();
  await page.getByLabel('Repeat the passphrase').fill('different');
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByText('The two passphrases do not match.')).toBeVisible();
  expect((await service.handlers['vault:status'](undefined)).state).toBe('absent');
});

test('every section is reachable by keyboard; the language switch relabels the open section at once', async ({
  open,
}) => {
  const { page } = await open({ lang: 'en' });
  await page.getByLabel('Office name').fill('Keyboard Office');
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
  await page.keyboard.press('Enter');
  const nav = page.getByRole('navigation', { name: 'Main sections' });
  const sections = nav.getByRole('button');
  // The sections every office works in, in this order; other sections may stand between them.
  const core = [
    'Dashboard',
    'People',
    'Volunteers',
    'Attorneys',
    'Hotline reports',
    'Facilities',
    'Offices and sync',
    'Recently deleted',
    'Settings',
  ];
  // Retries until the shell is up: creating the vault (Argon2id) takes about half a second.
  await expect(sections.last()).toHaveText('Settings');
  await expect(sections.first()).toHaveText('Dashboard');
  const labels = (await sections.allTextContents()).map((label) => label.trim());
  expect(labels.filter((label) => core.includes(label))).toEqual(core);

  // The sections follow each other in the tab order...
  await sections.first().focus();
  for (const label of labels.slice(1)) {
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('button', { name: label, exact: true })).toBeFocused();
  }
  // ...and Enter opens each one, landing focus in it (its heading, or its first field for a form-first
  // screen such as hotline reports).
  for (const label of labels) {
    await nav.getByRole('button', { name: label, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(nav.getByRole('button', { name: label, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect
      .poll(() => page.evaluate(() => document.querySelector('main')?.contains(document.activeElement)))
      .toBe(true);
  }

  await nav.getByRole('button', { name: 'Offices and sync' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'This office', exact: true })).toBeVisible();
  // The shell's own language switch changes the whole window at once.
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByRole('heading', { name: 'Esta oficina', exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Secciones principales' })).toBeVisible();
});

test('the vault locks itself after the idle time and the window returns to the unlock screen', async ({
  open,
}) => {
  let idle = 0;
  const { page, service } = await open({ lang: 'en', idleSeconds: () => idle, idleCheckMs: 200 });
  await page.getByLabel('Office name').fill('Idle Office');
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
  idle = service.prefs().idleLockMinutes * 60;
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(
    'The vault locked itself after a period without activity.',
  );
  expect(service.isUnlocked()).toBe(false);
});

test('settings change the passphrase', async ({ open }) => {
  const { page } = await open({ lang: 'en' });
  await page.getByLabel('Office name').fill('Settings Office');
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Passphrase', exact: true }).click();
  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByLabel('New passphrase', { exact: true }).fill('the second long passphrase');
  await page.getByLabel('Repeat the new passphrase').fill('the second long passphrase');
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(page.getByText('The passphrase was changed.')).toBeVisible();
  await page.keyboard.press('Control+l');
  await page.getByLabel('Passphrase', { exact: true }).fill('the second long passphrase');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
});
