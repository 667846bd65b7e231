import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VOLUNTEER_ROLES, type Volunteer } from '../../shared/model';
import { COUNTIES_NORCAL } from '../../shared/records/places';
import { call } from '../api';
import { useEnumOptions } from '../app/format';
import { useAction, useCall } from '../app/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { splitList, useDraft } from '../app/useDraft';
import { SelectField } from '../components/SelectField';
import { ScreenHeading } from '../components/ScreenHeading';

// The volunteer roster: filter by language, county, role, training (current or expired) and who is
// available right now; add a volunteer quickly.
export function VolunteersScreen() {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const [filters, setFilters] = useState({
    language: '',
    county: '',
    role: '',
    training: '',
    availableNow: false,
  });
  const { draft, bind, reset } = useDraft({
    givenName: '',
    familyName: '',
    phone: '',
    languages: '',
    counties: '',
  });

  const found = useCall('volunteer:find', {
    ...(filters.language ? { language: filters.language } : {}),
    ...(filters.county ? { county: filters.county } : {}),
    ...(filters.role
      ? { role: filters.role as Volunteer['roles'] extends (infer R)[] | undefined ? R : never }
      : {}),
    ...(filters.training ? { training: filters.training as 'CURRENT' | 'EXPIRED' } : {}),
    ...(filters.availableNow ? { availableNow: true } : {}),
    limit: 500,
  });
  const rows = found.data?.rows ?? [];
  const total = found.data?.total ?? 0;

  const create = useAction(async () => {
    await call('volunteer:create', {
      givenName: draft.givenName,
      familyName: draft.familyName,
      ...(draft.phone ? { phone: draft.phone } : {}),
      ...(draft.languages ? { languages: splitList(draft.languages) } : {}),
      ...(draft.counties ? { counties: splitList(draft.counties) } : {}),
      status: 'ACTIVE',
    });
    reset();
    found.reload();
  });
  const add = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };

  const today = new Date().toISOString().slice(0, 10);
  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('nav.volunteers')}</ScreenHeading>
      <div className="filters">
        <Field
          label={t('volunteer.language')}
          value={filters.language}
          onChange={(e) => setFilters({ ...filters, language: e.target.value })}
          placeholder="es"
        />
        <SelectField
          label={t('volunteer.county')}
          value={filters.county}
          emptyLabel={t('common.any')}
          options={COUNTIES_NORCAL.map((c) => ({ value: c, label: c }))}
          onChange={(county) => setFilters({ ...filters, county })}
        />
        <SelectField
          label={t('volunteer.role')}
          value={filters.role}
          emptyLabel={t('common.any')}
          options={enumOptions('volunteerRole', VOLUNTEER_ROLES)}
          onChange={(role) => setFilters({ ...filters, role })}
        />
        <SelectField
          label={t('volunteer.training')}
          value={filters.training}
          emptyLabel={t('common.any')}
          options={[
            { value: 'CURRENT', label: t('volunteer.trainingCurrent') },
            { value: 'EXPIRED', label: t('volunteer.trainingExpired') },
          ]}
          onChange={(training) => setFilters({ ...filters, training })}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={filters.availableNow}
            onChange={(e) => setFilters({ ...filters, availableNow: e.target.checked })}
          />
          {t('volunteer.availableNow')}
        </label>
      </div>
      <ErrorAlert code={create.error ?? found.error} />
      <p role="status" className="muted">
        {t('volunteer.count', { count: total })}
      </p>
      <table className="simple">
        <caption className="visually-hidden">{t('nav.volunteers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.name')}</th>
            <th scope="col">{t('volunteer.languages')}</th>
            <th scope="col">{t('volunteer.counties')}</th>
            <th scope="col">{t('volunteer.roles')}</th>
            <th scope="col">{t('volunteer.training')}</th>
            <th scope="col">{t('person.phone')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.id}>
              <td>
                {v.givenName} {v.familyName}
              </td>
              <td>{(v.languages ?? []).join(', ')}</td>
              <td>{(v.counties ?? []).join(', ')}</td>
              <td>{(v.roles ?? []).map((r) => t(`enums.volunteerRole.${r}`)).join(', ')}</td>
              <td>
                {(v.trainings ?? [])
                  .map(
                    (tr) =>
                      `${tr.kind}${tr.expiresOn && tr.expiresOn < today ? ` (${t('volunteer.expired')})` : ''}`,
                  )
                  .join(', ')}
              </td>
              <td>{v.phone ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card inline-form" onSubmit={add} aria-label={t('volunteer.add')}>
        <h3>{t('volunteer.add')}</h3>
        <Field label={`${t('person.givenName')} *`} {...bind('givenName')} required />
        <Field label={`${t('person.familyName')} *`} {...bind('familyName')} required />
        <Field label={t('person.phone')} {...bind('phone')} />
        <Field label={t('volunteer.languages')} {...bind('languages')} help={t('intake.languagesHelp')} />
        <Field label={t('volunteer.counties')} {...bind('counties')} />
        <button type="submit">{t('volunteer.add')}</button>
      </form>
    </section>
  );
}
