import { useTranslation } from 'react-i18next';
import { ARRESTING_AGENCIES, type Person } from '../../../shared/model';
import { useDates, useEnumOptions } from '../../app/format';
import { EditableField } from '../../components/EditableField';
import type { PersonPatch } from './person-patch';

// Detention details: when, where and by whom the person was arrested.
export function DetentionCard({
  person,
  save,
}: {
  person: Person;
  save(patch: PersonPatch): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const enumOptions = useEnumOptions();
  const text = (field: keyof Person) => (value: string) =>
    save({ [field]: value.trim() === '' ? null : value.trim() });
  return (
    <section aria-labelledby="detention-title" className="card">
      <h3 id="detention-title">{t('intake.detention')}</h3>
      <dl className="fields">
        <EditableField
          label={t('person.detainedAt')}
          date="datetime"
          value={person.detainedAt ?? ''}
          display={person.detainedAt ? dates.dateTime(person.detainedAt) : undefined}
          onSave={(value) => save({ detainedAt: value || null })}
        />
        <EditableField
          label={t('person.arrestLocation')}
          value={person.arrestLocation ?? ''}
          onSave={text('arrestLocation')}
        />
        <EditableField
          label={t('person.arrestCounty')}
          value={person.arrestCounty ?? ''}
          onSave={text('arrestCounty')}
        />
        <EditableField
          label={t('person.arrestingAgency')}
          value={person.arrestingAgency ?? ''}
          display={person.arrestingAgency ? t(`enums.agency.${person.arrestingAgency}`) : undefined}
          options={enumOptions('agency', ARRESTING_AGENCIES)}
          onSave={text('arrestingAgency')}
        />
      </dl>
    </section>
  );
}
