import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alias,
  CASE_STATUSES,
  CUSTODY_STATUSES,
  PRIORITIES,
  type Facility,
  type Person,
} from '../../../shared/model';
import { formatANumber } from '../../../shared/anumber';
import { useDates, useEnumOptions } from '../../app/format';
import { CodeCombobox, CodeListField } from '../../components/CodeCombobox';
import { countryOptions, languageName, languageOptions } from '../../../shared/code-names';
import { EditableField } from '../../components/EditableField';
import { Field } from '../../components/Field';
import type { PersonPatch } from './person-patch';
import { formatPhone } from '../../app/phone';

// The profile, every field shown and editable in place: names and the exact spellings ICE uses, identity,
// country and languages by name (stored as codes), interpreter, consent, case state, health and notes.
export function ProfileCard({
  person,
  facilities,
  save,
}: {
  person: Person;
  facilities: Facility[];
  save(patch: PersonPatch): Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const enumOptions = useEnumOptions();
  const dates = useDates();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const languages = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const text = (field: keyof Person) => (value: string) =>
    save({ [field]: value.trim() === '' ? null : value.trim() });
  const enumField = (
    field: 'priority' | 'caseStatus' | 'custodyStatus',
    group: string,
    values: readonly string[],
  ) => (
    <EditableField
      label={t(`person.${field}`)}
      value={person[field] ?? ''}
      display={person[field] ? t(`enums.${group}.${person[field]}`) : undefined}
      options={enumOptions(group, values)}
      onSave={text(field)}
    />
  );
  const check = (field: 'needsInterpreter' | 'consentRecorded') => (
    <label className="check">
      <input
        type="checkbox"
        checked={person[field] === true}
        onChange={(e) => void save({ [field]: e.target.checked ? true : null })}
      />
      {t(`person.${field}`)}
    </label>
  );

  return (
    <section aria-labelledby="profile-title" className="card">
      <h3 id="profile-title">{t('person.profile')}</h3>
      <dl className="fields">
        <EditableField label={t('person.givenName')} value={person.givenName} onSave={text('givenName')} />
        <EditableField label={t('person.familyName')} value={person.familyName} onSave={text('familyName')} />
        <EditableField
          label={t('person.aNumber')}
          value={person.aNumber ?? ''}
          display={person.aNumber ? formatANumber(person.aNumber) : undefined}
          onSave={text('aNumber')}
        />
        <EditableField
          label={t('person.dateOfBirth')}
          date="date"
          value={person.dateOfBirth ?? ''}
          display={person.dateOfBirth ? dates.date(person.dateOfBirth) : undefined}
          onSave={text('dateOfBirth')}
        />
        <EditableField
          label={t('person.phone')}
          value={person.phone ?? ''}
          display={person.phone ? formatPhone(person.phone) : undefined}
          onSave={text('phone')}
        />
        {enumField('priority', 'priority', PRIORITIES)}
        {enumField('caseStatus', 'caseStatus', CASE_STATUSES)}
        {enumField('custodyStatus', 'custodyStatus', CUSTODY_STATUSES)}
        <EditableField
          label={t('person.facility')}
          value={person.facilityId ?? ''}
          display={facilities.find((f) => f.id === person.facilityId)?.name}
          options={facilities.map((f) => ({ value: f.id, label: f.name }))}
          onSave={text('facilityId')}
        />
      </dl>
      <CodeCombobox
        key={`country-${person.countryOfBirth ?? ''}-${i18n.language}`}
        label={t('person.countryOfBirth')}
        value={person.countryOfBirth ?? ''}
        options={countries}
        help={t('caseFile.countryHelp')}
        onChange={(code) => void save({ countryOfBirth: code || null })}
      />
      <CodeListField
        label={t('person.languages')}
        values={person.languages ?? []}
        options={languages}
        nameOf={(code) => languageName(code, i18n.language)}
        help={t('caseFile.languagesHelp')}
        onChange={(codes) => void save({ languages: codes.length ? codes : null })}
      />
      {check('needsInterpreter')}
      {check('consentRecorded')}
      <Aliases person={person} save={save} />
      <dl className="fields">
        <EditableField
          label={t('person.medicalNeeds')}
          value={person.medicalNeeds ?? ''}
          multiline
          onSave={text('medicalNeeds')}
        />
        <EditableField
          label={t('person.notes')}
          value={person.notes ?? ''}
          multiline
          onSave={text('notes')}
        />
      </dl>
    </section>
  );
}

/** The exact spellings ICE uses (the locator matches names exactly), each with its given and family name. */
function Aliases({ person, save }: { person: Person; save(patch: PersonPatch): Promise<boolean> }) {
  const { t } = useTranslation();
  const aliases = person.aliases ?? [];
  const [givenName, setGiven] = useState('');
  const [familyName, setFamily] = useState('');
  const [error, setError] = useState<string | undefined>();
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = Alias.safeParse({ givenName, familyName });
    if (!parsed.success) return setError(t('caseFile.invalid.alias'));
    setError(undefined);
    if (await save({ aliases: [...aliases, parsed.data] })) {
      setGiven('');
      setFamily('');
    }
  };
  return (
    <div className="aliases">
      <h4>{t('caseFile.aliases.title')}</h4>
      <p className="field-help">{t('caseFile.aliases.help')}</p>
      <ul className="plain">
        {aliases.map((a, i) => (
          <li key={i}>
            {a.givenName} <strong>{a.familyName}</strong>{' '}
            <button
              type="button"
              className="ghost small"
              aria-label={t('caseFile.aliases.remove', { name: `${a.givenName} ${a.familyName}` })}
              onClick={() =>
                void save({ aliases: aliases.length > 1 ? aliases.filter((_, j) => j !== i) : null })
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {(person.otherNames ?? []).length ? (
        <p className="muted">
          {t('person.otherNames')}: {(person.otherNames ?? []).join(', ')}
        </p>
      ) : null}
      <form
        onSubmit={(e) => void add(e)}
        aria-label={t('caseFile.aliases.add')}
        noValidate
        className="inline-form"
      >
        <Field
          label={t('caseFile.aliases.givenName')}
          value={givenName}
          onChange={(e) => setGiven(e.target.value)}
        />
        <Field
          label={t('caseFile.aliases.familyName')}
          value={familyName}
          onChange={(e) => setFamily(e.target.value)}
          error={error}
        />
        <button type="submit" className="small">
          {t('caseFile.aliases.add')}
        </button>
      </form>
    </div>
  );
}
