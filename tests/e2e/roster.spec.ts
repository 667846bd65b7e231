import type { Page } from '@playwright/test';
import type { CoreHost } from '../../electron/core/host/host';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import { PASSPHRASE } from '../helpers/vault';
import { expect, snap, test } from './fixtures';

// The roster edited from its screens (a volunteer's status, roles, trainings and availability; an
// attorney's specialties, capacity and conflicts, each with its history) and Know-Your-Rights workshops
// (recorded, totalled per county and month, edited, charted on the dashboard), in English and in Spanish.
// Screenshots at 1280×800 and 1024×640.

async function seed<C extends Channel>(
  service: CoreHost,
  channel: C,
  input?: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await service.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value as ChannelOutput<C>;
}

const L = {
  en: {
    create: ['Office name', 'Passphrase', 'Repeat the passphrase', 'Create vault'],
    volunteers: 'Volunteers',
    attorneys: 'Attorneys',
    workshops: 'Know-Your-Rights workshops',
    dashboard: 'Dashboard',
    status: 'Status',
    paused: 'Paused',
    legalObserver: 'Legal observer',
    addTraining: 'Add a training',
    course: 'Training 1: course',
    completed: 'Training 1: completed on',
    expires: 'Training 1: expires on',
    addSlot: 'Add availability',
    day: 'Availability 1: day',
    from: 'Availability 1: from',
    until: 'Availability 1: until',
    save: 'Save',
    saved: 'Saved.',
    history: 'Change history',
    changed: 'Changed',
    habeas: 'Habeas corpus',
    capacity: 'Capacity',
    findConflict: 'Find a person to add as a conflict',
    addConflict: 'Add conflict: Marta Ruiz',
    record: 'Record a workshop',
    date: 'Date *',
    county: 'County *',
    language: 'Language *',
    spanish: 'Spanish',
    host: 'Host organization',
    attendees: 'Attendees',
    cards: 'Red cards handed out',
    recorded: 'Workshop recorded.',
    byCounty: 'Totals per county',
    chart: 'Know-Your-Rights outreach, last 12 months',
    chartImg: /Bar chart: workshops per month and county/,
    slotProblem: 'The end comes after the start.',
    typed: (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`,
  },
  es: {
    create: ['Nombre de la oficina', 'Frase de contraseña', 'Repite la frase de contraseña', 'Crear bóveda'],
    volunteers: 'Voluntarios',
    attorneys: 'Abogados',
    workshops: 'Talleres Conoce tus derechos',
    dashboard: 'Panel',
    status: 'Estado',
    paused: 'En pausa',
    legalObserver: 'Observador/a legal',
    addTraining: 'Agregar una capacitación',
    course: 'Capacitación 1: curso',
    completed: 'Capacitación 1: completada el',
    expires: 'Capacitación 1: vence el',
    addSlot: 'Agregar disponibilidad',
    day: 'Disponibilidad 1: día',
    from: 'Disponibilidad 1: desde',
    until: 'Disponibilidad 1: hasta',
    save: 'Guardar',
    saved: 'Guardado.',
    history: 'Historial de cambios',
    changed: 'Cambiado',
    habeas: 'Hábeas corpus',
    capacity: 'Cupo',
    findConflict: 'Buscar una persona para agregarla como conflicto',
    addConflict: 'Agregar conflicto: Marta Ruiz',
    record: 'Registrar un taller',
    date: 'Fecha *',
    county: 'Condado *',
    language: 'Idioma *',
    spanish: 'español',
    host: 'Organización anfitriona',
    attendees: 'Asistentes',
    cards: 'Tarjetas rojas entregadas',
    recorded: 'Taller registrado.',
    byCounty: 'Totales por condado',
    chart: 'Alcance de Conoce tus derechos, últimos 12 meses',
    chartImg: /Gráfico de barras: talleres por mes y condado/,
    slotProblem: 'El final va después del inicio.',
    typed: (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`,
  },
} as const;

async function createVault(page: Page, labels: readonly string[]) {
  await page.getByLabel(labels[0] as string).fill('Oakland RRN');
  await page.getByLabel(labels[1] as string, { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(labels[2] as string).fill(PASSPHRASE);
  await page.getByRole('button', { name: labels[3] }).click();
  await expect(page.getByRole('navigation')).toBeVisible();
}

/** Both sizes, as the same screen. */
async function snapBoth(page: Page, testInfo: Parameters<typeof snap>[1], name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await snap(page, testInfo, `${name}-1280`);
  await page.setViewportSize({ width: 1024, height: 640 });
  await snap(page, testInfo, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

for (const lang of ['en', 'es'] as const) {
  const l = L[lang];

  test(`roster editing with history (${lang})`, async ({ open }, testInfo) => {
    const { page, service } = await open({ lang });
    await page.setViewportSize({ width: 1280, height: 800 });
    await createVault(page, l.create);
    const volunteer = await seed(service, 'volunteer:create', {
      givenName: 'Rosa',
      familyName: 'Díaz',
      status: 'ACTIVE',
      counties: ['Alameda'],
    });
    const attorney = await seed(service, 'attorney:create', { givenName: 'Ana', familyName: 'Abogada' });
    await seed(service, 'person:create', { givenName: 'Marta', familyName: 'Ruiz' });

    await nav(page, l.volunteers);
    await page.getByRole('button', { name: 'Rosa Díaz' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Rosa Díaz' })).toBeFocused();
    await page.getByLabel(l.status).selectOption({ label: l.paused });
    await page.getByRole('checkbox', { name: l.legalObserver }).check();
    await page.getByRole('button', { name: l.addTraining }).click();
    await page.getByLabel(l.course).fill('Legal observer');
    await page.getByLabel(l.completed).fill(l.typed('2026-03-15'));
    await page.getByLabel(l.expires).fill(l.typed('2027-03-15'));
    await page.getByRole('button', { name: l.addSlot }).click();
    await page.getByLabel(l.day).selectOption('6');
    await page.getByLabel(l.from).fill('18:00');
    await page.getByLabel(l.until).fill('08:00');
    await page.getByRole('button', { name: l.save }).click();
    // A slot that ends before it starts is flagged at its field, and nothing is saved.
    await expect(page.getByText(l.slotProblem)).toBeVisible();
    expect((await seed(service, 'volunteer:get', { id: volunteer.id })).status).toBe('ACTIVE');
    await page.getByLabel(l.until).fill('22:00');
    await page.getByRole('button', { name: l.save }).click();
    await expect(page.getByRole('status').filter({ hasText: l.saved })).toBeVisible();
    expect(await seed(service, 'volunteer:get', { id: volunteer.id })).toMatchObject({
      status: 'ON_LEAVE',
      roles: ['LEGAL_OBSERVER'],
      counties: ['Alameda'],
      trainings: [{ kind: 'Legal observer', completedOn: '2026-03-15', expiresOn: '2027-03-15' }],
      availability: [{ day: 6, start: '18:00', end: '22:00' }],
    });
    const history = page.getByRole('region', { name: l.history });
    await expect(history.getByRole('listitem')).toHaveCount(2);
    await expect(history.getByRole('listitem').last()).toContainText(l.changed);
    await snapBoth(page, testInfo, `roster-volunteer-${lang}`);

    await nav(page, l.attorneys);
    await page.getByRole('button', { name: 'Ana Abogada' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ana Abogada' })).toBeFocused();
    await page.getByRole('checkbox', { name: l.habeas }).check();
    await page.getByLabel(l.capacity).fill('4');
    await page.getByLabel(l.findConflict).fill('Ruiz');
    await page.getByRole('button', { name: l.addConflict }).click();
    await page.getByRole('button', { name: l.save }).click();
    await expect(page.getByRole('status').filter({ hasText: l.saved })).toBeVisible();
    const [marta] = (await seed(service, 'person:list', {})).rows;
    expect(await seed(service, 'attorney:get', { id: attorney.id })).toMatchObject({
      specialties: ['HABEAS'],
      capacity: 4,
      conflicts: [marta!.id],
    });
    await expect(page.getByRole('region', { name: l.history }).getByRole('listitem')).toHaveCount(2);
    await snapBoth(page, testInfo, `roster-attorney-${lang}`);
  });

  test(`Know-Your-Rights workshops: recorded, totalled, edited and charted (${lang})`, async ({
    open,
  }, testInfo) => {
    const { page, service } = await open({ lang });
    await page.setViewportSize({ width: 1280, height: 800 });
    await createVault(page, l.create);
    await seed(service, 'volunteer:create', {
      givenName: 'Tomás',
      familyName: 'Trainer',
      roles: ['KYR_TRAINER'],
      status: 'ACTIVE',
    });
    // Earlier workshops, so the totals and the chart have several counties and months.
    const today = new Date().toISOString().slice(0, 10);
    const monthStart = `${today.slice(0, 7)}-01`;
    for (const [county, attendees, cards] of [
      ['Alameda', 40, 120],
      ['Santa Clara', 1200, 2500],
    ] as const) {
      await seed(service, 'workshop:create', {
        date: monthStart,
        county,
        language: 'es',
        attendees,
        cardsHandedOut: cards,
      });
    }

    await nav(page, l.workshops);
    await expect(page.getByRole('heading', { level: 1, name: l.workshops })).toBeFocused();
    const form = page.getByRole('form', { name: l.record });
    await form.getByLabel(l.date).fill(l.typed(monthStart));
    await form.getByLabel(l.county).selectOption('Alameda');
    const language = form.getByRole('combobox', { name: l.language });
    await language.fill(l.spanish);
    await language.press('Enter');
    await form.getByLabel(l.host).fill('Iglesia San Juan');
    await form.getByRole('checkbox', { name: 'Tomás Trainer' }).check();
    await form.getByLabel(l.attendees).fill('25');
    await form.getByLabel(l.cards).fill('1000');
    await form.getByRole('button', { name: l.record }).click();
    await expect(page.getByRole('status').filter({ hasText: l.recorded })).toBeVisible();

    const rows = (await seed(service, 'workshop:list', { filters: { county: 'Alameda' } })).rows;
    const recorded = rows.find((w) => w.hostOrganization === 'Iglesia San Juan');
    expect(recorded).toMatchObject({ language: 'es', attendees: 25, cardsHandedOut: 1000, date: monthStart });
    expect(recorded!.trainerIds).toHaveLength(1);

    // Totals per county, numbers in the language's format (1,120 / 1120 or 1.120).
    const byCounty = page.getByRole('table', { name: l.byCounty });
    const alameda = byCounty.getByRole('row', { name: /Alameda/ });
    const thousands = new Intl.NumberFormat(lang).format(1120);
    await expect(alameda).toContainText(thousands);
    await expect(alameda.getByRole('cell').first()).toHaveText('2');
    await byCounty.scrollIntoViewIfNeeded();
    await snapBoth(page, testInfo, `workshops-list-${lang}`);

    // Edit it: the attendee count changes, and the history says so.
    const links = page.getByRole('table').last().getByRole('row').filter({ hasText: 'Iglesia San Juan' });
    await links.getByRole('button').click();
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await page.getByLabel(l.attendees).fill('30');
    await page.getByRole('button', { name: l.save }).click();
    await expect
      .poll(async () => (await seed(service, 'workshop:get', { id: recorded!.id })).attendees)
      .toBe(30);
    await expect(page.getByRole('region', { name: l.history }).getByRole('listitem')).toHaveCount(2);

    // The dashboard's chart: an image that names itself, and its figures in a table beside it.
    await nav(page, l.dashboard);
    const figure = page.getByRole('figure', { name: l.chart });
    await expect(figure.getByRole('img', { name: l.chartImg })).toBeVisible();
    const table = figure.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(13);
    await expect(table.getByRole('columnheader', { name: 'Santa Clara' })).toBeVisible();
    await expect(table.getByRole('row').last()).toContainText('2');
    await figure.scrollIntoViewIfNeeded();
    await snapBoth(page, testInfo, `workshops-dashboard-${lang}`);
  });
}
