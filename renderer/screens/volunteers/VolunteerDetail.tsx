import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { RosterPage } from '../roster/RosterPage';
import { VolunteerForm } from './VolunteerForm';

// One volunteer's page: the whole record to edit, and its history below.
export function VolunteerDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <RosterPage
      kind="volunteer"
      id={id}
      load={(volunteerId) => call('volunteer:get', { id: volunteerId })}
      back={{ section: 'volunteers', label: t('roster.backToVolunteers') }}
      form={(volunteer, saved) => <VolunteerForm key={volunteer.id} volunteer={volunteer} onSaved={saved} />}
    />
  );
}
