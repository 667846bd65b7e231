import { useTranslation } from 'react-i18next';
import { languageName } from '../../../shared/code-names';
import { call } from '../../api';
import { useNavigation } from '../../app/navigation';
import { useLoad } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeading } from '../../components/ScreenHeading';
import { AddAttorney } from './AddAttorney';
import { AttorneyDetail } from './AttorneyDetail';

export function AttorneysScreen() {
  const { location } = useNavigation();
  return location.id ? <AttorneyDetail id={location.id} /> : <AttorneyList />;
}

// Attorneys with their specialties, capacity and current active case count; open one to edit it.
function AttorneyList() {
  const { t, i18n } = useTranslation();
  const { navigate } = useNavigation();
  const attorneys = useLoad(async () => {
    const result = await call('attorney:list', { limit: 1000 });
    return Promise.all(
      result.rows.map(async (attorney) => ({
        attorney,
        active: (
          await call('assignment:list', {
            filters: { attorneyId: attorney.id, status: 'ACTIVE' },
            limit: 1,
          })
        ).total,
      })),
    );
  }, []);
  const rows = attorneys.data ?? [];
  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('nav.attorneys')}</ScreenHeading>
      <ErrorAlert code={attorneys.error} />
      <table className="simple">
        <caption className="visually-hidden">{t('nav.attorneys')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.name')}</th>
            <th scope="col">{t('roster.status')}</th>
            <th scope="col">{t('attorney.organization')}</th>
            <th scope="col">{t('roster.specialties')}</th>
            <th scope="col">{t('volunteer.languages')}</th>
            <th scope="col">{t('attorney.activeCases')}</th>
            <th scope="col">{t('attorney.capacity')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ attorney, active }) => (
            <tr
              key={attorney.id}
              className={attorney.capacity !== undefined && active >= attorney.capacity ? 'full' : undefined}
            >
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => navigate({ section: 'attorneys', id: attorney.id })}
                >
                  {attorney.givenName} {attorney.familyName}
                </button>
              </td>
              <td>{t(`enums.attorneyStatus.${attorney.status ?? 'ACTIVE'}`)}</td>
              <td>{attorney.organization ?? ''}</td>
              <td>{(attorney.specialties ?? []).map((s) => t(`enums.specialty.${s}`)).join(', ')}</td>
              <td>
                {(attorney.languages ?? []).map((code) => languageName(code, i18n.language)).join(', ')}
              </td>
              <td>{active}</td>
              <td>{attorney.capacity ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddAttorney onAdded={() => attorneys.reload()} />
    </section>
  );
}
