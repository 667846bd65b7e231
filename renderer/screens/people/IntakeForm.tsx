import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ARRESTING_AGENCIES, CUSTODY_STATUSES, PRIORITIES, REPORT_SOURCES } from '../../../shared/model';
import { AmparoError } from '../../../shared/errors';
import { parseInput, type ParsedInput } from '../../../shared/ipc';
import { call } from '../../api';
import { useEnumOptions } from '../../app/format';
import { pause } from '../../app/latest';
import { useNavigation } from '../../app/navigation';
import { useAction, useLoad } from '../../app/useCall';
import { useFacilities } from '../../app/useFacilities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';

// Keyboard-first intake. Only the two names are required; the Detainee Locator fields are grouped; a live
// duplicate check links existing records. Ctrl/Cmd+Enter saves; Ctrl/Cmd+Shift+Enter saves and starts a new one.

type Draft = Record<string, string | boolean>;
const EMPTY: Draft = {};

type Duplicate = { id: string; givenName: string; familyName: string; reason: string };

/** The draft as person:create takes it, checked by the contract's own schema (field issues throw). */
function toInput(draft: Draft): ParsedInput<'person:create'> {
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
    dateOfBirth: text('dateOfBirth'),
    phone: text('phone'),
    languages: list('languages'),
    needsInterpreter: draft.needsInterpreter === true ? true : undefined,
    detainedAt: text('detainedAt') ? new Date(text('detainedAt') as string).toISOString() : undefined,
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
    caseStatus: 'INTAKE',
  };
  if (text('contactName')) {
    input.contacts = [
      {
        name: text('contactName'),
        relationship: text('contactRelationship'),
        phone: text('contactPhone'),
        okToContact: true,
      },
    ];
  }
  return parseInput(
    'person:create',
    Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
  );
}

export function IntakeForm() {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const facilities = useFacilities();
  const { navigate } = useNavigation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const set = (key: string) => (value: string | boolean) => setDraft((d) => ({ ...d, [key]: value }));
  const str = (key: string) => (typeof draft[key] === 'string' ? (draft[key] as string) : '');

  // Live duplicate check, debounced so typing stays smooth.
  const identity = [str('givenName'), str('familyName'), str('aNumber'), str('dateOfBirth')] as const;
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
    setIssues({});
    try {
      const person = await call('person:create', toInput(draft));
      if (andNew) {
        setDraft(EMPTY);
        setSaved(t('intake.saved', { name: `${person.givenName} ${person.familyName}` }));
        firstField.current?.focus();
      } else {
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
      <h2 id="section-title" tabIndex={-1}>
        {t('intake.title')}
      </h2>
      <p className="muted">{t('intake.shortcuts')}</p>
      {saved ? <p role="status">{saved}</p> : null}
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
      <form onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate className="intake">
        {group(
          t('intake.identity'),
          <>
            <Field
              ref={firstField}
              label={`${t('person.givenName')} *`}
              value={str('givenName')}
              onChange={(e) => set('givenName')(e.target.value)}
              error={issues.givenName}
              autoFocus
              required
            />
            {text('familyName', `${t('person.familyName')} *`, { required: true })}
            {text('dateOfBirth', t('person.dateOfBirth'), { type: 'date' })}
            {text('phone', t('person.phone'), { type: 'tel' })}
            {text('languages', t('person.languages'), { help: t('intake.languagesHelp') })}
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
            {text('countryOfBirth', t('person.countryOfBirth'), {
              help: t('intake.countryHelp'),
              maxLength: 2,
            })}
          </>,
          t('intake.locatorHelp'),
        )}
        {group(
          t('intake.detention'),
          <>
            {text('detainedAt', t('person.detainedAt'), { type: 'datetime-local' })}
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
          </>,
        )}
        <ErrorAlert code={create.error} />
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
