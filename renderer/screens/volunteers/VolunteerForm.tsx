import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VOLUNTEER_ROLES, VOLUNTEER_STATUSES, type Volunteer } from '../../../shared/model';
import { COUNTIES_NORCAL } from '../../../shared/records/places';
import { call } from '../../api';
import { useEnumOptions } from '../../app/format';
import { useLeaveGuard } from '../../app/navigation';
import { useAction } from '../../app/useCall';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { CodeListField } from '../../components/CodeCombobox';
import { languageName, languageOptions } from '../../../shared/code-names';
import { DateField, useDateOrder } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { AvailabilityEditor } from './AvailabilityEditor';
import { TrainingsEditor } from './TrainingsEditor';
import { volunteerDraft, volunteerPatch, type Problems, type VolunteerDraft } from './volunteer-draft';

// Everything about a volunteer, edited in one form and saved as one patch (only the fields that changed
// reach the history). Status "paused" is stored as ON_LEAVE.
export function VolunteerForm({ volunteer, onSaved }: { volunteer: Volunteer; onSaved(v: Volunteer): void }) {
  const { t, i18n } = useTranslation();
  const order = useDateOrder();
  const enumOptions = useEnumOptions();
  const initial = useMemo(() => volunteerDraft(volunteer, order), [volunteer, order]);
  const [draft, setDraft] = useState<VolunteerDraft>(initial);
  const [problems, setProblems] = useState<Problems>({});
  const [saved, setSaved] = useState(false);
  const languages = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const counties = [...new Set([...COUNTIES_NORCAL, ...draft.counties])];
  useLeaveGuard(() => JSON.stringify(draft) !== JSON.stringify(initial));

  const set =
    <K extends keyof VolunteerDraft>(key: K) =>
    (value: VolunteerDraft[K]) => {
      setSaved(false);
      setDraft((current) => ({ ...current, [key]: value }));
    };
  const text = (key: 'givenName' | 'familyName' | 'phone' | 'email' | 'signal', label: string) => (
    <Field
      label={label}
      value={draft[key]}
      onChange={(e) => set(key)(e.target.value)}
      error={problems[key] ? t(problems[key]) : undefined}
    />
  );

  const save = useAction(async () => {
    const result = volunteerPatch(draft, order);
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    setProblems({});
    const updated = await call('volunteer:update', { id: volunteer.id, patch: result.patch });
    setDraft(volunteerDraft(updated, order));
    setSaved(true);
    onSaved(updated);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const count = Object.keys(problems).length;

  return (
    <form className="stack" onSubmit={submit} aria-label={t('roster.editVolunteer')} noValidate>
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
        {text('phone', t('person.phone'))}
        {text('email', t('roster.email'))}
        {text('signal', t('roster.signal'))}
        <SelectField
          label={t('roster.status')}
          value={draft.status}
          options={enumOptions('volunteerStatus', VOLUNTEER_STATUSES)}
          onChange={(status) => set('status')(status as VolunteerDraft['status'])}
        />
        <DateField
          kind="date"
          label={t('roster.vettedOn')}
          value={draft.vettedOn}
          onChange={set('vettedOn')}
          error={problems.vettedOn ? t(problems.vettedOn) : undefined}
        />
      </fieldset>
      <div className="card stack">
        <CodeListField
          label={t('volunteer.languages')}
          values={draft.languages}
          options={languages}
          nameOf={(code) => languageName(code, i18n.language)}
          onChange={set('languages')}
        />
        <CheckboxGroup
          legend={t('volunteer.roles')}
          options={
            enumOptions('volunteerRole', VOLUNTEER_ROLES) as {
              value: VolunteerDraft['roles'][number];
              label: string;
            }[]
          }
          values={draft.roles}
          onChange={set('roles')}
        />
        <CheckboxGroup
          legend={t('volunteer.counties')}
          options={counties.map((c) => ({ value: c, label: c }))}
          values={draft.counties}
          onChange={set('counties')}
        />
      </div>
      <TrainingsEditor trainings={draft.trainings} problems={problems} onChange={set('trainings')} />
      <AvailabilityEditor slots={draft.availability} problems={problems} onChange={set('availability')} />
      <div className="field">
        <label htmlFor="volunteer-notes">{t('roster.notes')}</label>
        <textarea
          id="volunteer-notes"
          value={draft.notes}
          onChange={(e) => set('notes')(e.target.value)}
          rows={3}
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={save.busy}>
          {t('common.save')}
        </button>
        <span role="status">{saved ? t('roster.saved') : ''}</span>
      </div>
    </form>
  );
}
