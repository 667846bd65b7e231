import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useNavigation } from '../../app/navigation';
import { useLoad } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecordHistory } from '../../components/RecordHistory';
import { ScreenHeading } from '../../components/ScreenHeading';
import { AttorneyForm } from './AttorneyForm';

// One attorney's page: the whole record to edit, and its history below.
export function AttorneyDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const [version, setVersion] = useState(0);
  const loaded = useLoad(() => call('attorney:get', { id }), [id]);
  const attorney = loaded.data;
  const name = attorney ? `${attorney.givenName} ${attorney.familyName}` : '…';
  return (
    <section aria-labelledby="section-title" className="stack wide">
      <div className="title-row">
        <ScreenHeading>{name}</ScreenHeading>
        <button type="button" onClick={() => navigate({ section: 'attorneys' })}>
          {t('roster.backToAttorneys')}
        </button>
      </div>
      <ErrorAlert code={loaded.error} />
      {attorney ? (
        <>
          <AttorneyForm
            key={attorney.id}
            attorney={attorney}
            onSaved={(updated) => {
              loaded.replace(updated);
              setVersion((v) => v + 1);
            }}
          />
          <RecordHistory
            kind="attorney"
            id={id}
            version={version}
            fieldLabel={(field) => t(`roster.field.${field}`, { defaultValue: field })}
          />
        </>
      ) : null}
    </section>
  );
}
