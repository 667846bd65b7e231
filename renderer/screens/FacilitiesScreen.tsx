import { useTranslation } from 'react-i18next';
import { useFacilityKind } from '../app/facility-kind';
import { useFacilities } from '../app/useFacilities';
import { ScreenHeading } from '../components/ScreenHeading';

export function FacilitiesScreen() {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const kindOf = useFacilityKind();
  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('nav.facilities')}</ScreenHeading>
      <p className="muted">{t('facility.verify')}</p>
      <table className="simple">
        <caption className="visually-hidden">{t('nav.facilities')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('facility.name')}</th>
            <th scope="col">{t('facility.address')}</th>
            <th scope="col">{t('facility.operator')}</th>
            <th scope="col">{t('facility.kind')}</th>
          </tr>
        </thead>
        <tbody>
          {facilities.map((f) => (
            <tr key={f.id}>
              <td>{f.name}</td>
              <td>{f.address ?? ''}</td>
              <td>{f.operator ?? ''}</td>
              <td>{kindOf(f.kind)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
