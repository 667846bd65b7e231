import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName } from '../../../shared/code-names';
import type { ChannelInput } from '../../../shared/ipc';
import { dayIn } from '../../../shared/time';
import { useNavigation } from '../../app/navigation';
import { useOfficeZone } from '../../app/office-zone';
import { useCall } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeading } from '../../components/ScreenHeading';
import { AddVolunteer } from './AddVolunteer';
import { VolunteerDetail } from './VolunteerDetail';
import { NO_FILTERS, VolunteerFilters, type Filters } from './VolunteerFilters';
import { formatPhone } from '../../app/phone';

type Query = ChannelInput<'volunteer:find'>;

export function VolunteersScreen() {
  const { location } = useNavigation();
  return location.id ? <VolunteerDetail id={location.id} /> : <VolunteerList />;
}

// The volunteer roster: filter it, open a volunteer to edit everything about them, add one quickly.
function VolunteerList() {
  const { t, i18n } = useTranslation();
  const { navigate } = useNavigation();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const found = useCall('volunteer:find', {
    ...(filters.language ? { language: filters.language } : {}),
    ...(filters.county ? { county: filters.county } : {}),
    ...(filters.role ? { role: filters.role as NonNullable<Query>['role'] } : {}),
    ...(filters.training ? { training: filters.training as 'CURRENT' | 'EXPIRED' } : {}),
    ...(filters.availableNow ? { availableNow: true } : {}),
    limit: 500,
  });
  const rows = found.data?.rows ?? [];
  // A training is current through its expiry date in the office's zone, as the finder counts it.
  const zone = useOfficeZone();
  const today = dayIn(new Date(), zone);
  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('nav.volunteers')}</ScreenHeading>
      <VolunteerFilters filters={filters} onChange={setFilters} />
      <ErrorAlert code={found.error} />
      <p role="status" className="muted">
        {t('volunteer.count', { count: found.data?.total ?? 0 })}
      </p>
      <table className="simple">
        <caption className="visually-hidden">{t('nav.volunteers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.name')}</th>
            <th scope="col">{t('roster.status')}</th>
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
                <button
                  type="button"
                  className="link"
                  onClick={() => navigate({ section: 'volunteers', id: v.id })}
                >
                  {v.givenName} {v.familyName}
                </button>
              </td>
              <td>{t(`enums.volunteerStatus.${v.status ?? 'ACTIVE'}`)}</td>
              <td>{(v.languages ?? []).map((code) => languageName(code, i18n.language)).join(', ')}</td>
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
              <td>{v.phone ? formatPhone(v.phone) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddVolunteer onAdded={() => found.reload()} />
    </section>
  );
}
