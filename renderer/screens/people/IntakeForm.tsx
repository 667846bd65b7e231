import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { localInstant, readDateInput, readDateTimeInput, type DateOrder } from '../../app/dates/parse';
import { useTranslation } from 'react-i18next';
import { ARRESTING_AGENCIES, CUSTODY_STATUSES, PRIORITIES, REPORT_SOURCES } from '../../../shared/model';
import { AmparoError } from '../../../shared/errors';
import { parseInput, type ParsedInput } from '../../../shared/ipc';
import { call } from '../../api';
import { useEnumOptions } from '../../app/format';
import { pause } from '../../app/latest';
import { useLeaveGuard, useNavigation } from '../../app/navigation';
import { useFocusFirstInvalid } from '../../app/useFocusFirstInvalid';
import { useAction, useLoad } from '../../app/useCall';
import { useFacilities } from '../../app/useFacilities';
import { CodeCombobox, CodeListField } from '../../components/CodeCombobox';
import { countryOptions, languageName, languageOptions } from '../../../shared/code-names';
import { DateField, dateFieldProblem, useDateOrder } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { ScreenHeading } from '../../components/ScreenHeading';

// Keyboard-first intake. Only the two names are required; the Detainee Locator fields are grouped; a live
// duplicate check links existing records. Ctrl/Cmd+Enter saves; Ctrl/Cmd+Shift+Enter saves and starts a new one.

type Draft = Record<string, string | boolean>;
const EMPTY: Draft = {};

type Duplicate = { id: string; givenName: string; familyName: string; reason: string };

// The fields typed as dates, read in the UI language's order; checked before anything is sent.
const DATE_FIELDS = { dateOfBirth: 'date', detainedAt: 'datetime' } as const;

/**
 * The draft as person:create takes it, checked by the contract's own schema (field issues throw). The date
 * fields were checked before (`dateIssues`), so a reading here is a value or an empty field.
 */
function toInput(draft: Draft, order: DateOrder): ParsedInput<'person:create'> {
  const text = (key: string) =>
    typeof draft[key] === 'string' && (draft[key] as string).trim() !== ''
      ? (draft[key] as string).trim()
      : undefined;
  const list = (key: string) =>
    text(key)
      ?.split(/[,;]\s*/)
      .filter(Boolean);
  const input: Record<string, unknown> = {
    givenName: text('givenName') ?? '',
    familyName: text('familyName') ?? '',
    aNumber: text('aNumber'),
    countryOfBirth: text('countryOfBirth'),
    dateOfBirth: dateOf(text('dateOfBirth'), order),
    phone: text('phone'),
    languages: list('languages'),
    needsInterpreter: draft.needsInterpreter === true ? true : undefined,
    detainedAt: instantOf(text('detainedAt'), order),
    arrestLocation: text('arrestLocation'),
    arrestCounty: text('arrestCounty'),
    arrestingAgency: text('arrestingAgency'),
    facilityId: text('facilityId'),
    custodyStatus: text('custodyStatus'),
    priority: text('priority'),
    reportSource: text('reportSource'),
    medicalNeeds: text('medicalNeeds'),
    consentRecorded: draft.consentRecorded === true ? true : undefined,
    notes: text('notes'),
    reportId: text('reportId'),
    caseStatus: 'INTAKE',
  };
  if (text('contactName')) {
    input.contacts = [
      {
        name: text('contactName'),
        relationship: text('contactRelationship'),
        phone: text('contactPhone'),
        // Nobody is called until someone says it is safe.
        okToContact: draft.contactOk === true,
      },
    ];
  }
  return parseInput(
    'person:create',
    Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  );
}

function dateOf(text: string | undefined, order: DateOrder): string | undefined {
  const reading = text === undefined ? null : readDateInput(text, order);
  return reading?.state === 'ok' ? reading.date : undefined;
}

function instantOf(text: string | undefined, order: DateOrder): string | undefined {
  const reading = text === undefined ? null : readDateTimeInput(text, order);
  return reading?.state === 'ok' ? localInstant(reading.date, reading.time) : undefined;
}

/** The intake's field labels, for the error summary at the top of the form. */
const FIELD_LABELS: Record<string, string> = {
  contactName: 'contact.name',
  contactRelationship: 'contact.relationship',
  contactPhone: 'contact.phone',
  facilityId: 'person.facility',
};
const labelKey = (field: string) => FIELD_LABELS[field] ?? `person.${field}`;

/** `initial` pre-fills the form (an intake started from a hotline report carries its `reportId`). */
export function IntakeForm({ initial = EMPTY, banner }: { initial?: Draft; banner?: ReactNode } = {}) {
  const { t, i18n } = useTranslation();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const languages = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const enumOptions = useEnumOptions();
  const facilities = useFacilities();
  const { navigate } = useNavigation();
  const [draft, setDraft] = useState<Draft>(initial);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const order = useDateOrder();
  // Bumped by every submit that found a problem: focus then goes to the first invalid field.
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(form, attempt);
  // A half-typed intake asks before the app navigates away; a saved one (or a saving one) doesn't.
  const leaving = useRef(false);
  useLeaveGuard(
    () =>
      !leaving.current && Object.entries(draft).some(([k, v]) => v !== '' && v !== false && v !== initial[k]),
  );
  const set = (key: string) => (value: string | boolean) => setDraft((d) => ({ ...d, [key]: value }));
  const str = (key: string) => (typeof draft[key] === 'string' ? (draft[key] as string) : '');

  // Live duplicate check, debounced so typing stays smooth.
  const identity = [
    str('givenName'),
    str('familyName'),
    str('aNumber'),
    dateOf(str('dateOfBirth'), order) ?? '',
  ] as const;
  const duplicateCheck = useLoad(async (signal): Promise<Duplicate[]> => {
    const [givenName, familyName, aNumber, dateOfBirth] = identity;
    if (!aNumber && !(dateOfBirth && (givenName || familyName))) return [];
    await pause(250, signal);
    return call('person:duplicates', {
      ...(givenName ? { givenName } : {}),
      ...(familyName ? { familyName } : {}),
      ...(aNumber ? { aNumber } : {}),
      ...(dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) ? { dateOfBirth } : {}),
    });
  }, identity);
  const duplicates = duplicateCheck.error ? [] : (duplicateCheck.data ?? []);

  const create = useAction(async (andNew: boolean) => {
    setSaved(null);
    const unreadable = Object.fromEntries(
      Object.entries(DATE_FIELDS).flatMap(([field, kind]) => {
        const problem = dateFieldProblem(kind, str(field), order);
        return problem ? [[field, t(problem)]] : [];
      }),
    );
    setIssues(unreadable);
    if (Object.keys(unreadable).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    try {
      const person = await call('person:create', toInput(draft, order));
      if (andNew) {
        setDraft(initial);
        setSaved(t('intake.saved', { name: `${person.givenName} ${person.familyName}` }));
        firstField.current?.focus();
      } else {
        leaving.current = true;
        navigate({ section: 'people', id: person.id });
      }
    } catch (caught) {
      if (caught instanceof AmparoError && caught.issues) {
        setIssues(
          Object.fromEntries(
            caught.issues.map((issue) => [
              issue.path.split('.')[0] ?? '',
              t(`validation.${issue.path.split('.')[0]}`, { defaultValue: t('validation.generic') }),
            ]),
          ),
        );
        setAttempt((n) => n + 1);
      }
      throw caught;
    }
  });
  const save = (andNew: boolean) => create.run(andNew);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void save(event.shiftKey);
    }
  };

  const text = (key: string, label: string, extra: Partial<React.ComponentProps<typeof Field>> = {}) => (
    <Field
      label={label}
      value={str(key)}
      onChange={(e) => set(key)(e.target.value)}
      error={issues[key]}
      {...extra}
    />
  );
  const group = (title: string, children: ReactNode, help?: string) => (
    <fieldset className="group">
      <legend>{title}</legend>
      {help ? <p className="field-help">{help}</p> : null}
      <div className="group-fields">{children}</div>
    </fieldset>
  );

  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('intake.title')}</ScreenHeading>
      {banner}
      <p className="muted">{t('intake.shortcuts')}</p>
      {saved ? <p role="status">{saved}</p> : null}
      {/* Problems at the top, where the eye is after pressing Save; focus goes to the first field named. */}
      {Object.keys(issues).length > 0 ? (
        <div role="alert" className="alert">
          <p>{t('intake.fixFields', { count: Object.keys(issues).length })}</p>
          <ul>
            {Object.entries(issues).map(([field, message]) => (
              <li key={field}>
                <strong>{t(labelKey(field))}</strong>: {message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <ErrorAlert code={create.error} />
      )}
      {duplicates.length > 0 ? (
        <div role="alert" className="alert">
          <p>{t('intake.duplicate', { count: duplicates.length })}</p>
          <ul className="plain">
            {duplicates.map((d) => (
              <li key={d.id}>
                <button
                  type="button"
                  className="link"
                  onClick={() => navigate({ section: 'people', id: d.id })}
                >
                  {d.givenName} {d.familyName}
                </button>{' '}
                <span className="muted">({t(`intake.duplicateReason.${d.reason}`)})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form ref={form} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate className="intake">
        {group(
          t('intake.identity'),
          <>
            <Field
              ref={firstField}
              label={`${t('person.givenName')} *`}
              value={str('givenName')}
              onChange={(e) => set('givenName')(e.target.value)}
              error={issues.givenName}
              required
            />
            {text('familyName', `${t('person.familyName')} *`, { required: true })}
            <DateField
              kind="date"
              label={t('person.dateOfBirth')}
              value={str('dateOfBirth')}
              onChange={set('dateOfBirth')}
              error={issues.dateOfBirth}
            />
            {text('phone', t('person.phone'), { type: 'tel' })}
            <CodeListField
              label={t('person.languages')}
              values={str('languages') ? str('languages').split(',') : []}
              options={languages}
              nameOf={(code) => languageName(code, i18n.language)}
              help={t('caseFile.languagesHelp')}
              onChange={(codes) => set('languages')(codes.join(','))}
            />
            <label className="check">
              <input
                type="checkbox"
                checked={draft.needsInterpreter === true}
                onChange={(e) => set('needsInterpreter')(e.target.checked)}
              />
              {t('person.needsInterpreter')}
            </label>
          </>,
        )}
        {group(
          t('intake.locator'),
          <>
            {text('aNumber', t('person.aNumber'), { help: t('intake.aNumberHelp') })}
            <CodeCombobox
              label={t('person.countryOfBirth')}
              value={str('countryOfBirth')}
              options={countries}
              help={t('caseFile.countryHelp')}
              error={issues.countryOfBirth}
              live
              onChange={set('countryOfBirth')}
            />
          </>,
          t('intake.locatorHelp'),
        )}
        {group(
          t('intake.detention'),
          <>
            <DateField
              kind="datetime"
              label={t('person.detainedAt')}
              value={str('detainedAt')}
              onChange={set('detainedAt')}
              error={issues.detainedAt}
            />
            {text('arrestLocation', t('person.arrestLocation'))}
            {text('arrestCounty', t('person.arrestCounty'))}
            <SelectField
              label={t('person.arrestingAgency')}
              value={str('arrestingAgency')}
              emptyLabel="—"
              options={enumOptions('agency', ARRESTING_AGENCIES)}
              onChange={set('arrestingAgency')}
            />
            <SelectField
              label={t('person.facility')}
              value={str('facilityId')}
              emptyLabel="—"
              options={facilities.map((f) => ({ value: f.id, label: f.name }))}
              onChange={set('facilityId')}
            />
            <SelectField
              label={t('person.custodyStatus')}
              value={str('custodyStatus')}
              emptyLabel="—"
              options={enumOptions('custodyStatus', CUSTODY_STATUSES)}
              onChange={set('custodyStatus')}
            />
          </>,
        )}
        {group(
          t('intake.case'),
          <>
            <SelectField
              label={t('person.priority')}
              value={str('priority')}
              emptyLabel="—"
              options={enumOptions('priority', PRIORITIES)}
              onChange={set('priority')}
            />
            <SelectField
              label={t('person.reportSource')}
              value={str('reportSource')}
              emptyLabel="—"
              options={enumOptions('reportSource', REPORT_SOURCES)}
              onChange={set('reportSource')}
            />
            {text('medicalNeeds', t('person.medicalNeeds'))}
            {text('notes', t('person.notes'))}
            <label className="check">
              <input
                type="checkbox"
                checked={draft.consentRecorded === true}
                onChange={(e) => set('consentRecorded')(e.target.checked)}
              />
              {t('person.consentRecorded')}
            </label>
          </>,
        )}
        {group(
          t('intake.contact'),
          <>
            {text('contactName', t('contact.name'))}
            {text('contactRelationship', t('contact.relationship'))}
            {text('contactPhone', t('contact.phone'), { type: 'tel' })}
            <label className="check">
              <input
                type="checkbox"
                checked={draft.contactOk === true}
                onChange={(e) => set('contactOk')(e.target.checked)}
              />
              {t('caseFile.contacts.okToContact')}
            </label>
          </>,
        )}
        <div className="actions">
          <button type="submit" className="primary" aria-keyshortcuts="Control+Enter">
            {t('intake.save')}
          </button>
          <button type="button" onClick={() => void save(true)} aria-keyshortcuts="Control+Shift+Enter">
            {t('intake.saveAndNew')}
          </button>
          <button type="button" onClick={() => navigate({ section: 'people' })}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
