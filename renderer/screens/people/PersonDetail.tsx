import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, CUSTODY_STATUSES, PRIORITIES, type Person } from '../../../shared/model';
import { formatANumber } from '../../../shared/anumber';
import { call } from '../../api';
import { useEnumOptions } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { useAction, useCall } from '../../app/useCall';
import { useFacilities } from '../../app/useFacilities';
import { EditableField } from '../../components/EditableField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Assignments } from './Assignments';
import { History } from './History';
import { HoldBadge, HoldNotice, PersonActions } from './PersonActions';
import { Timeline } from './Timeline';

// One person: profile (edited in place), contacts, timeline, assignments and the audit history.
export function PersonDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const facilities = useFacilities();
  const { navigate } = useNavigation();
  const loaded = useCall('person:get', { id });
  const { reload, replace } = loaded;
  const person = loaded.data ?? null;
  // Bumped on every change made here, so the audit history asks again.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => {
    reload();
    setVersion((v) => v + 1);
  }, [reload]);

  const update = useAction(async (field: keyof Person, value: string) => {
    replace(
      await call('person:update', {
        id,
        patch: { [field]: value.trim() === '' ? null : value.trim() },
      }),
    );
    setVersion((v) => v + 1);
  });
  const saveField = (field: keyof Person) => (value: string) => update.run(field, value);

  const error = update.error ?? loaded.error;

  if (!person) {
    return (
      <section aria-labelledby="section-title">
        <h2 id="section-title" tabIndex={-1}>
          {t('nav.people')}
        </h2>
        <ErrorAlert code={error} />
      </section>
    );
  }
  const facilityName = facilities.find((f) => f.id === person.facilityId)?.name ?? '';
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
      onSave={saveField(field)}
    />
  );

  return (
    <section aria-labelledby="section-title" className="stack wide">
      <div className="title-row">
        <div className="title-name">
          <h2 id="section-title" tabIndex={-1}>
            {person.givenName} {person.familyName}
          </h2>
          {person.legalHold ? <HoldBadge /> : null}
        </div>
        <button type="button" onClick={() => navigate({ section: 'people' })}>
          {t('person.backToList')}
        </button>
      </div>
      <ErrorAlert code={error} />
      <HoldNotice person={person} onChange={changed} />
      <div className="columns">
        <section aria-labelledby="profile-title" className="card">
          <h3 id="profile-title">{t('person.profile')}</h3>
          <dl className="fields">
            <EditableField
              label={t('person.givenName')}
              value={person.givenName}
              onSave={saveField('givenName')}
            />
            <EditableField
              label={t('person.familyName')}
              value={person.familyName}
              onSave={saveField('familyName')}
            />
            <EditableField
              label={t('person.aNumber')}
              value={person.aNumber ?? ''}
              display={person.aNumber ? formatANumber(person.aNumber) : undefined}
              onSave={saveField('aNumber')}
            />
            <EditableField
              label={t('person.countryOfBirth')}
              value={person.countryOfBirth ?? ''}
              onSave={saveField('countryOfBirth')}
            />
            <EditableField
              label={t('person.dateOfBirth')}
              type="date"
              value={person.dateOfBirth ?? ''}
              onSave={saveField('dateOfBirth')}
            />
            <EditableField label={t('person.phone')} value={person.phone ?? ''} onSave={saveField('phone')} />
            {enumField('priority', 'priority', PRIORITIES)}
            {enumField('caseStatus', 'caseStatus', CASE_STATUSES)}
            {enumField('custodyStatus', 'custodyStatus', CUSTODY_STATUSES)}
            <EditableField
              label={t('person.facility')}
              value={person.facilityId ?? ''}
              display={facilityName || undefined}
              options={facilities.map((f) => ({ value: f.id, label: f.name }))}
              onSave={saveField('facilityId')}
            />
            <EditableField
              label={t('person.medicalNeeds')}
              value={person.medicalNeeds ?? ''}
              multiline
              onSave={saveField('medicalNeeds')}
            />
            <EditableField
              label={t('person.notes')}
              value={person.notes ?? ''}
              multiline
              onSave={saveField('notes')}
            />
          </dl>
          <h4>{t('person.contacts')}</h4>
          {(person.contacts ?? []).length === 0 ? <p className="muted">{t('common.none')}</p> : null}
          <ul className="plain">
            {(person.contacts ?? []).map((c, i) => (
              <li key={i}>
                {c.name}
                {c.relationship ? ` (${c.relationship})` : ''} {c.phone ?? ''}{' '}
                {c.okToContact ? '' : `· ${t('contact.doNotContact')}`}
              </li>
            ))}
          </ul>
          <PersonActions person={person} onChange={changed} />
        </section>
        <div className="stack">
          <Assignments person={person} onChange={changed} />
          <Timeline personId={person.id} facilities={facilities} onChange={changed} />
          <History personId={person.id} version={version} />
        </div>
      </div>
    </section>
  );
}
