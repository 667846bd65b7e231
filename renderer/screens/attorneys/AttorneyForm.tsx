import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTORNEY_STATUSES, SPECIALTIES, type Attorney } from '../../../shared/model';
import { call } from '../../api';
import { useEnumOptions } from '../../app/format';
import { useLeaveGuard } from '../../app/navigation';
import { useAction } from '../../app/useCall';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { CodeListField } from '../../components/CodeCombobox';
import { languageName, languageOptions } from '../../../shared/code-names';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { attorneyDraft, attorneyPatch, type AttorneyDraft } from './attorney-draft';
import { ConflictsEditor } from './ConflictsEditor';

type TextKey = 'givenName' | 'familyName' | 'organization' | 'barNumber' | 'barState' | 'phone' | 'email';

// Everything about an attorney, saved as one patch: contact, specialties, capacity and conflicts.
export function AttorneyForm({ attorney, onSaved }: { attorney: Attorney; onSaved(a: Attorney): void }) {
  const { t, i18n } = useTranslation();
  const enumOptions = useEnumOptions();
  const initial = useMemo(() => attorneyDraft(attorney), [attorney]);
  const [draft, setDraft] = useState<AttorneyDraft>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const languages = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  useLeaveGuard(() => JSON.stringify(draft) !== JSON.stringify(initial));

  const set =
    <K extends keyof AttorneyDraft>(key: K) =>
    (value: AttorneyDraft[K]) => {
      setSaved(false);
      setDraft((current) => ({ ...current, [key]: value }));
    };
  const message = (key: string) => {
    const code = problems[key];
    return code ? t(code) : undefined;
  };
  const text = (key: TextKey, label: string, extra: { type?: string } = {}) => (
    <Field
      label={label}
      value={draft[key]}
      onChange={(e) => set(key)(e.target.value)}
      error={message(key)}
      {...extra}
    />
  );

  const save = useAction(async () => {
    const result = attorneyPatch(draft);
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    setProblems({});
    const updated = await call('attorney:update', { id: attorney.id, patch: result.patch });
    setDraft(attorneyDraft(updated));
    setSaved(true);
    onSaved(updated);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const count = Object.keys(problems).length;

  return (
    <form className="stack" onSubmit={submit} aria-label={t('roster.editAttorney')} noValidate>
      <ErrorAlert code={save.error} />
      {count > 0 ? (
        <p role="alert" className="field-error">
          {t('roster.problems', { count })}
        </p>
      ) : null}
      <fieldset className="card inline-form">
        <legend>{t('roster.contact')}</legend>
        {text('givenName', `${t('person.givenName')} *`)}
        {text('familyName', `${t('person.familyName')} *`)}
        {text('organization', t('attorney.organization'))}
        {text('barNumber', t('roster.barNumber'))}
        {text('barState', t('roster.barState'))}
        {text('phone', t('person.phone'), { type: 'tel' })}
        {text('email', t('roster.email'), { type: 'email' })}
        <SelectField
          label={t('roster.status')}
          value={draft.status}
          options={enumOptions('attorneyStatus', ATTORNEY_STATUSES)}
          onChange={(status) => set('status')(status as AttorneyDraft['status'])}
        />
      </fieldset>
      <div className="card stack">
        <CheckboxGroup
          legend={t('roster.specialties')}
          options={SPECIALTIES.map((value) => ({ value, label: t(`enums.specialty.${value}`) }))}
          values={draft.specialties}
          onChange={set('specialties')}
        />
        <Field
          label={t('attorney.capacity')}
          type="number"
          min={0}
          max={500}
          value={draft.capacity}
          onChange={(e) => set('capacity')(e.target.value)}
          help={t('roster.capacityHelp')}
          error={message('capacity')}
        />
        <CodeListField
          label={t('volunteer.languages')}
          values={draft.languages}
          options={languages}
          nameOf={(code) => languageName(code, i18n.language)}
          onChange={set('languages')}
        />
      </div>
      <ConflictsEditor ids={draft.conflicts} onChange={set('conflicts')} />
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          {t('common.save')}
        </button>
        <span role="status">{saved ? t('roster.saved') : ''}</span>
      </div>
    </form>
  );
}
