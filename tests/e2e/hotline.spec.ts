import type { Locator, Page } from '@playwright/test';
import type { CoreHost } from '../../electron/core/host/host';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// A raid-week call worked from the keyboard alone, in English and in Spanish: log a report, verify it,
// dispatch two legal observers from the call list, and start an intake from the report (pre-filled, and
// linked both ways). Screenshots at 1280×800 and 1024×640.

async function seed<C extends Channel>(
  service: CoreHost,
  channel: C,
  input?: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await service.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value as ChannelOutput<C>;
}

const LABELS = {
  en: {
    create: ['Office name', 'Passphrase', 'Repeat the passphrase', 'Create vault'],
    reports: 'Hotline reports',
    logForm: 'Log a report',
    location: 'Location',
    incident: 'When it happened',
    incidentTyped: '12/01/2026 9:30 pm',
    sceneLanguage: 'Language on the scene',
    spanish: 'Spanish',
    county: 'County',
    agency: 'Agency',
    seen: 'What was seen',
    callback: "Caller's callback number",
    checking: 'Start checking',
    verified: 'Mark verified',
    verifiedText: 'Verified — by Rosa',
    send: (name: string) => `Send ${name}`,
    sendTwo: 'Send 2 volunteers',
    sent: 'Sent',
    startIntake: 'Start intake',
    intake: 'New intake',
    given: 'Given name(s) *',
    family: 'Family name(s) *',
    arrestLocation: 'Arrest location',
    people: 'People detained',
  },
  es: {
    create: ['Nombre de la oficina', 'Frase de contraseña', 'Repite la frase de contraseña', 'Crear bóveda'],
    reports: 'Reportes de la línea',
    logForm: 'Registrar un reporte',
    location: 'Lugar',
    incident: 'Cuándo ocurrió',
    incidentTyped: '01/12/2026 21:30',
    sceneLanguage: 'Idioma en el lugar',
    spanish: 'español',
    county: 'Condado',
    agency: 'Agencia',
    seen: 'Qué se vio',
    callback: 'Número para devolver la llamada',
    checking: 'Empezar a verificar',
    verified: 'Marcar verificado',
    verifiedText: 'Verificado — por Rosa',
    send: (name: string) => `Enviar a ${name}`,
    sendTwo: 'Enviar 2 voluntarios',
    sent: 'Enviado',
    startIntake: 'Iniciar admisión',
    intake: 'Nueva admisión',
    given: 'Nombre(s) *',
    family: 'Apellido(s) *',
    arrestLocation: 'Lugar del arresto',
    people: 'Personas detenidas',
  },
} as const;

/** Focus, then the keyboard: no click anywhere in the workflow. */
async function press(target: Locator, key = 'Enter') {
  await target.focus();
  await target.press(key);
}

async function type(page: Page, target: Locator, text: string) {
  await target.focus();
  await page.keyboard.type(text);
}

for (const lang of ['en', 'es'] as const) {
  const L = LABELS[lang];
  test(`keyboard only (${lang}): log a report, verify it, dispatch two observers, start an intake`, async ({
    open,
  }, testInfo) => {
    const { page, service } = await open({ lang });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel(L.create[0]).fill('Oakland RRN');
    await page.getByLabel(L.create[1], { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(L.create[2]).fill(PASSPHRASE);
    await page.getByRole('button', { name: L.create[3] }).click();
    await expect(page.getByRole('navigation')).toBeVisible();
    await seed(service, 'settings:operator', { name: 'Rosa' });
    const observer = (givenName: string, familyName: string) =>
      seed(service, 'volunteer:create', {
        givenName,
        familyName,
        phone: '510-555-0100',
        roles: ['LEGAL_OBSERVER'],
        counties: ['Alameda'],
        languages: ['es'],
        status: 'ACTIVE',
      });
    await observer('Ana', 'Observa');
    await observer('Beto', 'Mira');
    await seed(service, 'volunteer:create', {
      givenName: 'Far',
      familyName: 'Away',
      roles: ['LEGAL_OBSERVER'],
      counties: ['Marin'],
      status: 'ACTIVE',
    });

    await press(page.getByRole('navigation').getByRole('button', { name: L.reports }));
    const form = page.getByRole('form', { name: L.logForm });
    await type(page, form.getByLabel(L.incident), L.incidentTyped);
    await type(page, form.getByLabel(L.location, { exact: true }), '1400 International Blvd');
    await form.getByLabel(L.county).focus();
    await page.keyboard.type('Alameda');
    await form.getByLabel(L.agency).focus();
    await page.keyboard.type('ICE');
    await type(page, form.getByLabel(L.seen), 'Two unmarked vans');
    await type(page, form.getByRole('combobox', { name: L.sceneLanguage }), L.spanish);
    await page.keyboard.press('Enter');
    await type(page, form.getByLabel(L.callback), '510-555-0101');
    await press(form.getByRole('button', { name: L.logForm }));
    await expect(form.getByLabel(L.location, { exact: true })).toHaveValue('');
    await expect(form.getByRole('combobox', { name: L.sceneLanguage })).toHaveValue('');
    await snap(page, testInfo, `hotline-list-${lang}-1280`);
    await page.setViewportSize({ width: 1024, height: 640 });
    await snap(page, testInfo, `hotline-list-${lang}-1024`);
    await page.setViewportSize({ width: 1280, height: 800 });

    await press(page.getByRole('button', { name: /1400 International Blvd \(Alameda\)/ }));
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await press(page.getByRole('button', { name: L.checking }));
    await press(page.getByRole('button', { name: L.verified }));
    await expect(page.getByText(L.verifiedText)).toBeVisible();

    // The call list: Alameda's observers first (equals by family name), the one from Marin last.
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.nth(1)).toContainText('Beto Mira');
    await expect(rows.nth(2)).toContainText('Ana Observa');
    await expect(rows.nth(3)).toContainText('Far Away');
    await press(page.getByRole('checkbox', { name: L.send('Ana Observa') }), 'Space');
    await press(page.getByRole('checkbox', { name: L.send('Beto Mira') }), 'Space');
    await press(page.getByRole('button', { name: L.sendTwo }));
    await expect(page.getByText(new RegExp(`Ana Observa — ${L.sent}`))).toBeVisible();
    await expect(page.getByText(new RegExp(`Beto Mira — ${L.sent}`))).toBeVisible();
    await snap(page, testInfo, `hotline-report-${lang}-1280`);
    await page.setViewportSize({ width: 1024, height: 640 });
    await snap(page, testInfo, `hotline-report-${lang}-1024`);

    const [report] = (await seed(service, 'report:list', {})).rows;
    expect(report).toMatchObject({
      verification: 'VERIFIED',
      verifiedBy: 'Rosa',
      agency: 'ICE',
      language: 'es',
    });
    // 1 December 2026, 21:30 where the test runs (the harness's office zone is the system's).
    expect(report!.incidentAt).toBe(new Date(2026, 11, 1, 21, 30).toISOString());
    const dispatches = await seed(service, 'dispatch:list', { filters: { reportId: report!.id } });
    expect(dispatches.rows.map((d) => d.status)).toEqual(['SENT', 'SENT']);

    await press(page.getByRole('button', { name: L.startIntake }));
    await expect(page.getByRole('heading', { name: L.intake })).toBeVisible();
    await expect(page.getByLabel(L.arrestLocation)).toHaveValue('1400 International Blvd');
    await type(page, page.getByLabel(L.given), 'Marta');
    await type(page, page.getByLabel(L.family), 'Ruiz');
    await snap(page, testInfo, `hotline-intake-${lang}-1024`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await snap(page, testInfo, `hotline-intake-${lang}-1280`);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('heading', { name: 'Marta Ruiz' })).toBeVisible();

    const [person] = (await seed(service, 'person:list', {})).rows;
    expect(person).toMatchObject({
      reportId: report!.id,
      arrestCounty: 'Alameda',
      arrestingAgency: 'ICE',
      reportSource: 'HOTLINE',
    });
    expect((await seed(service, 'report:get', { id: report!.id })).personIds).toEqual([person!.id]);

    // Back on the report, the person is listed.
    await press(page.getByRole('navigation').getByRole('button', { name: L.reports }));
    await press(page.getByRole('button', { name: /1400 International Blvd \(Alameda\)/ }));
    await expect(
      page.getByRole('region', { name: L.people }).getByRole('button', { name: 'Marta Ruiz' }),
    ).toBeVisible();
  });
}
