import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { RosterPage } from '../roster/RosterPage';
import { AttorneyForm } from './AttorneyForm';

// One attorney's page: the whole record to edit, and its history below.
export function AttorneyDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <RosterPage
      kind="attorney"
      id={id}
      load={(attorneyId) => call('attorney:get', { id: attorneyId })}
      back={{ section: 'attorneys', label: t('roster.backToAttorneys') }}
      form={(attorney, saved) => <AttorneyForm key={attorney.id} attorney={attorney} onSaved={saved} />}
    />
  );
}
