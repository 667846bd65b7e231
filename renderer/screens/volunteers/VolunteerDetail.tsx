import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useNavigation } from '../../app/navigation';
import { useLoad } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecordHistory } from '../../components/RecordHistory';
import { ScreenHeading } from '../../components/ScreenHeading';
import { VolunteerForm } from './VolunteerForm';

// One volunteer's page: the whole record to edit, and its history below.
export function VolunteerDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const [version, setVersion] = useState(0);
  const loaded = useLoad(() => call('volunteer:get', { id }), [id]);
  const volunteer = loaded.data;
  const name = volunteer ? `${volunteer.givenName} ${volunteer.familyName}` : '…';
  return (
    <section aria-labelledby="section-title" className="stack wide">
      <div className="title-row">
        <ScreenHeading>{name}</ScreenHeading>
        <button type="button" onClick={() => navigate({ section: 'volunteers' })}>
          {t('roster.backToVolunteers')}
        </button>
      </div>
      <ErrorAlert code={loaded.error} />
      {volunteer ? (
        <>
          <VolunteerForm
            key={volunteer.id}
            volunteer={volunteer}
            onSaved={(updated) => {
              loaded.replace(updated);
              setVersion((v) => v + 1);
            }}
          />
          <RecordHistory
            kind="volunteer"
            id={id}
            version={version}
            fieldLabel={(field) => t(`roster.field.${field}`, { defaultValue: field })}
          />
        </>
      ) : null}
    </section>
  );
}
