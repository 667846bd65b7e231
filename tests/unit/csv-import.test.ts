// CSV import of files as networks keep them: automatic mapping from English and Spanish headers, values as
// people write them, every problem of every row as a sentence naming the column, duplicates, and the round
// trip of Amparo's own export into an empty vault.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import i18next from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { inferOrder, parseDate } from '../../electron/core/records/csv/dates';
import { toCsv } from '../../electron/core/records/csv/export';
import { importCsv } from '../../electron/core/records/csv/import';
import { autoMapping } from '../../electron/core/records/csv/mapping';
import { splitFullName } from '../../electron/core/records/csv/names';
import { splitList } from '../../electron/core/records/csv/values';
import { csvVault } from '../../electron/core/records/csv/vault';
import { findDuplicates } from '../../electron/core/records/queries';
import en from '../../renderer/i18n/en.json';
import es from '../../renderer/i18n/es.json';
import { SCHEMAS } from '../../shared/model';
import type { CsvProblem } from '../../shared/records/csv';
import { removeTempDirs, unlockedService } from '../helpers/vault';

afterAll(removeTempDirs);

const SAMPLES = '/work/shared/samples';
const sample = (name: string) => readFileSync(`${SAMPLES}/${name}.csv`, 'utf8');
const SEED = Number(process.env.AMPARO_FUZZ_SEED ?? 20261202);

/** Imports without a vault and returns what would be written. */
function rows(kind: 'person' | 'volunteer' | 'attorney', text: string, options = {}) {
  const written: Record<string, unknown>[] = [];
  // Validates as the repository does: an invalid row is reported, a valid one is written as parsed.
  const report = importCsv(kind, text, options, (batch, onInvalid) =>
    batch.flatMap((data, i) => {
      const parsed = SCHEMAS[kind].create.safeParse(data);
      if (!parsed.success) {
        onInvalid(i, parsed.error.issues);
        return [];
      }
      written.push(parsed.data as Record<string, unknown>);
      return [`id${written.length}`];
    }),
  );
  return { report, written };
}

async function sentences(language: 'en' | 'es', problems: CsvProblem[]) {
  const t = i18next.createInstance();
  await t.init({ lng: language, resources: { en: { translation: en }, es: { translation: es } } });
  return problems.map((p) => t.t(`csv.problems.${p.code}`, { column: p.column, row: p.row, ...p.params }));
}

describe('automatic mapping', () => {
  it('matches English and Spanish headers', () => {
    expect(
      autoMapping('person', [
        'Nombre',
        'Apellido(s)',
        'Número A',
        'Fecha de nacimiento',
        'País de nacimiento',
        'Idioma(s)',
        'Teléfono',
        'Condado',
      ]),
    ).toEqual({
      Nombre: 'givenName',
      'Apellido(s)': 'familyName',
      'Número A': 'aNumber',
      'Fecha de nacimiento': 'dateOfBirth',
      'País de nacimiento': 'countryOfBirth',
      'Idioma(s)': 'languages',
      Teléfono: 'phone',
      Condado: 'arrestCounty',
    });
    expect(autoMapping('volunteer', ['¿Cómo quieres ayudar?', 'Correo electrónico', 'Idiomas'])).toEqual({
      '¿Cómo quieres ayudar?': 'roles',
      'Correo electrónico': 'email',
      Idiomas: 'languages',
    });
  });

  it('maps both sample files without help', () => {
    const volunteers = importCsv('volunteer', sample('volunteers-roster'), {}, null);
    expect(volunteers.mapping).toMatchObject({
      'First Name': 'givenName',
      'Last Name': 'familyName',
      'Phone (Signal preferred)': 'phone',
      'Languages spoken': 'languages',
      County: 'counties',
      Roles: 'roles',
      'KYR training date': 'trainingDate',
      Timestamp: '',
    });
    const people = importCsv('person', sample('people-intake-sheet'), {}, null);
    expect(people.mapping).toMatchObject({
      Name: 'fullName',
      'A#': 'aNumber',
      DOB: 'dateOfBirth',
      Status: 'custodyStatus',
    });
  });
});

describe('values as people write them', () => {
  it('reads the volunteer roster: lists, roles, phones, dates, every problem with its column', async () => {
    const { report, written } = rows('volunteer', sample('volunteers-roster'));
    expect(written.map((v) => v.givenName)).toEqual(['Rosa', 'Tomás', 'Guadalupe', 'José Luis']);
    expect(written[0]).toMatchObject({
      familyName: 'Díaz Ochoa',
      phone: '(510) 555-0142',
      languages: ['es', 'en'],
      counties: ['Alameda'],
      roles: ['HOTLINE', 'LEGAL_OBSERVER'],
      trainings: [{ kind: 'KYR training', completedOn: '2025-09-20' }],
    });
    expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [5, 'Last Name', 'required'],
      [6, 'Email', 'email'],
    ]);
    // Languages CLDR does not name are read from the extra list: "Mixteco" is Mixtec, variety not stated.
    expect(written[3]?.languages).toEqual(['es', 'qmx']);
    const english = await sentences('en', report.errors);
    expect(english[0]).toBe('“Last Name” is empty, and it is needed.');
    const spanish = await sentences('es', report.errors);
    expect(spanish[1]).toBe('«amina.yusuf@example» en «Email» no es un correo electrónico.');
    for (const s of [...english, ...spanish])
      expect(s).not.toMatch(/Invalid input|expected|received|undefined/);
  });

  it('reads the intake sheet: full names, A-numbers, month-first dates, countries, languages, contacts', () => {
    const { report, written } = rows('person', sample('people-intake-sheet'));
    const [maria, edgar, wei, abdi] = written;
    expect(maria).toMatchObject({
      givenName: 'María Fernanda',
      familyName: 'López',
      aNumber: '201555014',
      dateOfBirth: '1988-04-09',
      countryOfBirth: 'MX',
      languages: ['es'],
      custodyStatus: 'REPORTED',
      contacts: [{ name: 'Carlos López', relationship: 'Brother', phone: '(510) 555-0101' }],
      minorsAtHome: 2,
    });
    expect(edgar).toMatchObject({
      givenName: 'Edgar',
      familyName: 'Ortiz Ramos',
      languages: ['quc'],
      custodyStatus: 'CONFIRMED_DETAINED',
    });
    expect(wei).toMatchObject({
      givenName: 'Wei',
      familyName: 'Chen',
      languages: ['cmn'],
      countryOfBirth: 'CN',
    });
    expect(abdi).toMatchObject({ aNumber: '089555210', custodyStatus: 'TRANSFERRED', countryOfBirth: 'SO' });
    expect(report.dateColumns).toEqual([{ column: 'DOB', order: 'MDY', ambiguous: false }]);
    const errors = report.errors.filter((e) => e.severity === 'error');
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [5, 'A#', 'aNumber'],
      [5, 'DOB', 'noSuchDay'],
    ]);
    // A facility not in the vault is kept in the notes, with a warning.
    expect(edgar?.notes).toBe('Facility: Golden State Annex');
    expect(report.preview[3]?.name).toEqual({ givenName: 'Juan Carlos', familyName: 'Hernández' });
  });

  it('splits lists on , ; / and "and" / "y"', () => {
    expect(splitList('Spanish, English')).toEqual(['Spanish', 'English']);
    expect(splitList('Spanish y Mam / English and French')).toEqual(['Spanish', 'Mam', 'English', 'French']);
    expect(splitList('es; en')).toEqual(['es', 'en']);
    expect(splitList('["a, b","c"]')).toEqual(['a, b', 'c']);
  });

  it('decides a date column from its unambiguous values, and asks when it cannot', () => {
    expect(inferOrder(['04/09/1988', '30/11/1979'])).toEqual({ order: 'DMY', ambiguous: false });
    expect(inferOrder(['04/09/1988', '11/30/1979'])).toEqual({ order: 'MDY', ambiguous: false });
    expect(inferOrder(['04/09/1988', '01/02/2000'])).toEqual({ order: null, ambiguous: true });
    expect(parseDate('04/09/1988', 'DMY')).toEqual({ ok: true, value: '1988-09-04' });
    expect(parseDate('04/09/1988', null)).toEqual({ ok: false, code: 'dateAmbiguous' });
    expect(parseDate('02/29/1985', 'MDY')).toEqual({ ok: false, code: 'noSuchDay' });
    expect(parseDate('1985-02-29', null)).toEqual({ ok: false, code: 'noSuchDay' });
    expect(parseDate('someday', 'MDY')).toEqual({ ok: false, code: 'date' });
    const text = 'First Name,Last Name,DOB\nAna,Paz,04/09/1988\nEva,Ruiz,01/02/2000\n';
    const unsure = rows('person', text).report;
    expect(unsure.dateColumns).toEqual([{ column: 'DOB', order: null, ambiguous: true }]);
    expect(unsure.errors.map((e) => e.code)).toEqual(['dateAmbiguous', 'dateAmbiguous']);
    const dayFirst = rows('person', text, { dateOrder: 'DMY' });
    expect(dayFirst.written.map((p) => p.dateOfBirth)).toEqual(['1988-09-04', '2000-02-01']);
  });

  it('reads Google Forms timestamps in this computer’s time zone', () => {
    const text = 'Name,Date detained\nAna Paz,10/02/2025 19:14:05\nEva Ruiz,10/22/2025 7:05:00 PM\n';
    const { written } = rows('person', text);
    expect(written.map((p) => p.detainedAt)).toEqual([
      new Date(2025, 9, 2, 19, 14, 5).toISOString(),
      new Date(2025, 9, 22, 19, 5, 0).toISOString(),
    ]);
  });

  it('splits full names keeping two family names together; the split can be corrected', () => {
    expect(splitFullName('Edgar Ortiz Ramos')).toEqual({ givenName: 'Edgar', familyName: 'Ortiz Ramos' });
    expect(splitFullName('Juan Carlos Gutiérrez Ramírez')).toEqual({
      givenName: 'Juan Carlos',
      familyName: 'Gutiérrez Ramírez',
    });
    expect(splitFullName('José Luis de la Cruz')).toEqual({
      givenName: 'José Luis',
      familyName: 'de la Cruz',
    });
    expect(splitFullName('Hernández, Juan Carlos')).toEqual({
      givenName: 'Juan Carlos',
      familyName: 'Hernández',
    });
    const { written } = rows('person', 'Name\nMaría Fernanda López\n', {
      names: { '2': { givenName: 'María', familyName: 'Fernanda López' } },
    });
    expect(written[0]).toMatchObject({ givenName: 'María', familyName: 'Fernanda López' });
  });

  it('reads yes / no / sí / x and languages and countries by name in English, Spanish or their own', () => {
    const text =
      'Name,Needs interpreter,Idiomas,País\nAna Paz,sí,"español, inglés",México\nEva Ruiz,x,Soomaali,Estados Unidos\nLuz Mora,no,"K\'iche\' y Español",Guatemala\n';
    const { written, report } = rows('person', text);
    expect(report.errors).toEqual([]);
    expect(written.map((p) => [p.needsInterpreter, p.languages, p.countryOfBirth])).toEqual([
      [true, ['es', 'en'], 'MX'],
      [true, ['so'], 'US'],
      [false, ['quc', 'es'], 'GT'],
    ]);
  });
});

describe('duplicates at import', () => {
  const text =
    'Name,A#,DOB\nJuan Carlos Gutiérrez Ramírez,,1980-01-02\nJuan Gutierrez,,1980-01-02\nAna Paz,A123-456-789,\nAna María Paz,123456789,\n';

  it('flags rows matching an earlier row by A-number or by name and date of birth; skip is the default', () => {
    const { report, written } = rows('person', text);
    expect(report.duplicates.map((d) => [d.row, d.matchRow, d.reason, d.choice])).toEqual([
      [3, 2, 'SIMILAR_NAME_AND_DOB', 'skip'],
      [5, 4, 'A_NUMBER', 'skip'],
    ]);
    expect(written).toHaveLength(2);
    expect(rows('person', text, { duplicates: { '3': 'import' } }).written).toHaveLength(3);
  });

  it('matches people already in the vault, and merges into them when asked', async () => {
    const { service } = await unlockedService();
    try {
      const juan = await dispatch(service.handlers, 'person:create', {
        givenName: 'Juan',
        familyName: 'Gutierrez',
        dateOfBirth: '1980-01-02',
      });
      const id = (juan as { ok: true; value: { id: string } }).value.id;
      const input = {
        kind: 'person' as const,
        text: 'Name,DOB,Phone\nJuan Carlos Gutiérrez Ramírez,1980-01-02,(510) 555-0142\n',
      };
      const dry = await dispatch(service.handlers, 'csv:import', { ...input, dryRun: true });
      expect(dry).toMatchObject({
        ok: true,
        value: { duplicates: [{ row: 2, matchId: id, choice: 'skip' }] },
      });
      const merged = await dispatch(service.handlers, 'csv:import', {
        ...input,
        duplicates: { '2': 'merge' },
      });
      expect(merged).toMatchObject({ ok: true, value: { imported: 0, merged: 1 } });
      const after = await dispatch(service.handlers, 'person:get', { id });
      expect(after).toMatchObject({ ok: true, value: { givenName: 'Juan', phone: '(510) 555-0142' } });
    } finally {
      service.close();
    }
  });
});

describe('duplicates against the vault, read once', () => {
  it('finds what the person page’s duplicate query finds, deleted people left out', async () => {
    const { service } = await unlockedService();
    try {
      const add = async (data: Record<string, unknown>) =>
        ((await dispatch(service.handlers, 'person:create', data)) as { ok: true; value: { id: string } })
          .value.id;
      await add({ givenName: 'Juan', familyName: 'Gutierrez', dateOfBirth: '1980-01-02' });
      await add({ givenName: 'Juana', familyName: 'Gutiérrez', dateOfBirth: '1980-01-02' });
      await add({ givenName: 'Ana', familyName: 'Paz', aNumber: '123456789' });
      await add({ givenName: 'Eva', familyName: 'Ruiz', aNumber: '123456789', dateOfBirth: '1975-05-05' });
      const gone = await add({ givenName: 'Luis', familyName: 'Mora', dateOfBirth: '1990-03-04' });
      await dispatch(service.handlers, 'person:delete', { id: gone });
      const db = service.context.session().db;
      const finder = csvVault(db, null).findDuplicates;
      expect(finder).not.toBeNull();
      const queries: Record<string, unknown>[] = [
        { givenName: 'Juan Carlos', familyName: 'Gutiérrez Ramírez', dateOfBirth: '1980-01-02' },
        { givenName: 'Juan', familyName: 'Gutierrez', dateOfBirth: '1980-01-02' },
        { givenName: 'Juan', familyName: 'Gutierrez', dateOfBirth: '1980-01-03' },
        { givenName: 'Eva', familyName: 'Ruiz', aNumber: '123456789', dateOfBirth: '1975-05-05' },
        { givenName: 'Luis', familyName: 'Mora', dateOfBirth: '1990-03-04' },
        { givenName: 'Nadie', familyName: 'Más' },
      ];
      const sorted = <T extends { id: string }>(list: T[]) =>
        [...list].sort((a, b) => a.id.localeCompare(b.id));
      for (const data of queries) {
        const expected = findDuplicates(db, data).map((m) => ({
          id: m.id,
          name: `${m.givenName} ${m.familyName}`,
          reason: m.reason,
        }));
        expect(sorted(finder?.(data) ?? []), JSON.stringify(data)).toEqual(sorted(expected));
      }
      expect(
        finder?.(queries[1] as Record<string, unknown>)
          ?.map((m) => m.reason)
          .sort(),
      ).toEqual(['NAME_AND_DOB', 'SIMILAR_NAME_AND_DOB']);
      expect(finder?.(queries[4] as Record<string, unknown>)).toEqual([]);
    } finally {
      service.close();
    }
  });
});

describe('remembered mapping', () => {
  it('uses the mapping of the last import of a file with the same headers', async () => {
    const { service } = await unlockedService();
    try {
      const text = 'Persona,Apellido\nAna,Paz\n';
      const first = await dispatch(service.handlers, 'csv:import', {
        kind: 'person',
        text,
        mapping: { Persona: 'givenName' },
      });
      expect(first).toMatchObject({ ok: true, value: { imported: 1, mappingSource: 'given' } });
      const next = await dispatch(service.handlers, 'csv:import', {
        kind: 'person',
        text: 'Persona,Apellido\nEva,Ruiz\n',
        dryRun: true,
      });
      expect(next).toMatchObject({
        ok: true,
        value: {
          valid: 1,
          mappingSource: 'remembered',
          mapping: { Persona: 'givenName', Apellido: 'familyName' },
        },
      });
    } finally {
      service.close();
    }
  });
});

// Values a spreadsheet or a CSV file makes hard: formula starts, accents, separators, quotes, line breaks.
const HARD = fc
  .tuple(
    fc.constantFrom('', '@', '=', '+', '-', "'", "'=", '"', 'Á', 'ñ'),
    fc.string({
      unit: fc.constantFrom(
        'a',
        'é',
        'Ñ',
        ',',
        ';',
        '/',
        ' y ',
        ' and ',
        '"',
        "'",
        '\n',
        '@',
        '=',
        '+',
        '-',
        '[',
        ' ',
        '1',
      ),
      maxLength: 20,
    }),
  )
  .map(([start, rest]) => `${start}${rest}`);
const NAME = HARD.map((s) => s.trim()).filter((s) => s.length > 0 && s.length <= 120);
const TEXT = HARD.filter((s) => s.trim().length > 0);
const LIST_ITEM = NAME.filter((s) => !s.startsWith('['));
const PHONE = fc
  .string({ unit: fc.constantFrom(...'0123456789+() .-x#*'), minLength: 1, maxLength: 20 })
  .map((s) => s.trim())
  .filter(Boolean);
const DATE = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const LANGS = fc.uniqueArray(fc.constantFrom('es', 'en', 'quc', 'mam', 'so', 'ar', 'zh'), {
  minLength: 1,
  maxLength: 4,
});

const ARBITRARIES = {
  person: fc.record(
    {
      givenName: NAME,
      familyName: NAME,
      otherNames: opt(fc.array(LIST_ITEM, { minLength: 1, maxLength: 3 })),
      aNumber: opt(fc.stringMatching(/^\d{9}$/)),
      dateOfBirth: opt(DATE),
      countryOfBirth: opt(fc.constantFrom('MX', 'GT', 'SV', 'US', 'SO', 'CN')),
      languages: opt(LANGS),
      needsInterpreter: opt(fc.boolean()),
      phone: opt(PHONE),
      detainedAt: opt(
        fc
          .date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString()),
      ),
      arrestLocation: opt(NAME),
      arrestCounty: opt(NAME),
      custodyStatus: opt(fc.constantFrom('REPORTED', 'CONFIRMED_DETAINED', 'TRANSFERRED')),
      minorsAtHome: opt(fc.integer({ min: 0, max: 30 })),
      medicalNeeds: opt(TEXT),
      contacts: opt(
        fc.array(
          fc.record(
            { name: NAME, phone: opt(PHONE), okToContact: fc.boolean() },
            { requiredKeys: ['name', 'okToContact'] },
          ),
          { minLength: 1, maxLength: 2 },
        ),
      ),
      notes: opt(TEXT),
    },
    { requiredKeys: ['givenName', 'familyName'] },
  ),
  volunteer: fc.record(
    {
      givenName: NAME,
      familyName: NAME,
      phone: opt(PHONE),
      signal: opt(NAME),
      languages: opt(LANGS),
      counties: opt(fc.uniqueArray(LIST_ITEM, { minLength: 1, maxLength: 3 })),
      roles: opt(
        fc.uniqueArray(fc.constantFrom('HOTLINE', 'DRIVER', 'KYR_TRAINER', 'OTHER'), { minLength: 1 }),
      ),
      trainings: opt(fc.array(fc.record({ kind: NAME, completedOn: DATE }), { minLength: 1, maxLength: 2 })),
      vettedOn: opt(DATE),
      notes: opt(TEXT),
    },
    { requiredKeys: ['givenName', 'familyName'] },
  ),
  attorney: fc.record(
    {
      givenName: NAME,
      familyName: NAME,
      organization: opt(NAME),
      barNumber: opt(NAME),
      phone: opt(PHONE),
      languages: opt(LANGS),
      capacity: opt(fc.integer({ min: 0, max: 500 })),
      status: opt(fc.constantFrom('ACTIVE', 'INACTIVE')),
    },
    { requiredKeys: ['givenName', 'familyName'] },
  ),
};

describe('round trip', () => {
  for (const kind of ['person', 'volunteer', 'attorney'] as const) {
    it(`property: ${kind} records exported and imported come back the same`, () => {
      fc.assert(
        fc.property(
          fc.array(ARBITRARIES[kind] as fc.Arbitrary<Record<string, unknown>>, {
            minLength: 1,
            maxLength: 5,
          }),
          (records) => {
            const clean = records.map((r) =>
              Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
            );
            const stored = clean.map((r) => SCHEMAS[kind].create.parse(r));
            // Import anyway: generated people may share a name and date of birth.
            const { report, written } = rows(kind, toCsv(kind, stored), { duplicateDefault: 'import' });
            expect(report.errors).toEqual([]);
            expect(written.map((r) => SCHEMAS[kind].create.parse(r))).toEqual(stored);
          },
        ),
        { seed: SEED, numRuns: 150 },
      );
    });
  }

  it('through the service: every kind exported imports into an empty vault as the same records', async () => {
    const from = (await unlockedService()).service;
    const to = (await unlockedService()).service;
    const samples = fc.sample(fc.tuple(ARBITRARIES.person, ARBITRARIES.volunteer, ARBITRARIES.attorney), {
      seed: SEED,
      numRuns: 8,
    });
    try {
      for (const kind of ['person', 'volunteer', 'attorney'] as const) {
        const index = { person: 0, volunteer: 1, attorney: 2 }[kind];
        for (const tuple of samples) {
          const fields = tuple[index] as Record<string, unknown>;
          const record = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
          expect(await dispatch(from.handlers, `${kind}:create`, record)).toMatchObject({ ok: true });
        }
        const exported = await dispatch(from.handlers, 'csv:export', { kind });
        const { csv } = (exported as { ok: true; value: { csv: string } }).value;
        const imported = await dispatch(to.handlers, 'csv:import', {
          kind,
          text: csv,
          duplicateDefault: 'import',
        });
        expect(imported).toMatchObject({ ok: true, value: { imported: samples.length, errors: [] } });
        const strip = (rows: Record<string, unknown>[]) =>
          rows
            .map(({ id: _i, createdAt: _c, updatedAt: _u, ...fields }) => fields)
            .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        const list = async (service: typeof from) =>
          strip(
            (
              (await dispatch(service.handlers, `${kind}:list`, { limit: 100 })) as {
                ok: true;
                value: { rows: Record<string, unknown>[] };
              }
            ).value.rows,
          );
        expect(await list(to)).toEqual(await list(from));
      }
    } finally {
      from.close();
      to.close();
    }
  });
});

describe('search by any form', () => {
  it('finds an A-number with or without the A, spaces and dashes, whole or as a prefix; a phone by its digits, with or without its country or area code; names without accents', async () => {
    const { service } = await unlockedService();
    try {
      await dispatch(service.handlers, 'person:create', {
        givenName: 'José',
        familyName: 'Gutiérrez Ramírez',
        aNumber: 'A123-456-789',
        phone: '(510) 555-0142',
      });
      await dispatch(service.handlers, 'person:create', {
        givenName: 'Ana',
        familyName: 'Paz',
        aNumber: '987654321',
      });
      const found = async (search: string) => {
        const result = await dispatch(service.handlers, 'person:list', { search });
        return (result as { ok: true; value: { rows: { givenName: string }[] } }).value.rows.map(
          (r) => r.givenName,
        );
      };
      for (const form of [
        'A123-456-789',
        'a123456789',
        '123 456 789',
        '123-456',
        'A123',
        '5105550142',
        '510-555-0142',
        '(510) 555',
        '555-0142',
        '+1 510 555 0142',
        '1-510-555-0142',
        'jose gutierrez',
        'ramirez',
      ])
        expect(await found(form), form).toEqual(['José']);
      expect(await found('A987-654')).toEqual(['Ana']);
      // Saved with its country code: found without it, and by the local number.
      await dispatch(service.handlers, 'person:create', {
        givenName: 'Luis',
        familyName: 'Mora',
        phone: '+1 408 555 0110',
      });
      for (const form of ['408-555-0110', '(408) 555', '555-0110', '+1 408 555 0110'])
        expect(await found(form), form).toEqual(['Luis']);
      expect(await found('555-9999')).toEqual([]);
    } finally {
      service.close();
    }
  });
});
