import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useDates } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { useLoad } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecordHistory } from '../../components/RecordHistory';
import { ScreenHeading } from '../../components/ScreenHeading';
import { WorkshopForm } from './WorkshopForm';

// One workshop to edit, with its history.
export function WorkshopDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  const { navigate } = useNavigation();
  const [version, setVersion] = useState(0);
  const loaded = useLoad(() => call('workshop:get', { id }), [id]);
  const workshop = loaded.data;
  return (
    <section aria-labelledby="section-title" className="stack wide">
      <div className="title-row">
        <ScreenHeading>
          {workshop ? t('workshop.title', { date: dates.date(workshop.date), county: workshop.county }) : '…'}
        </ScreenHeading>
        <button type="button" onClick={() => navigate({ section: 'workshops' })}>
          {t('workshop.back')}
        </button>
      </div>
      <ErrorAlert code={loaded.error} />
      {workshop ? (
        <>
          <WorkshopForm
            key={workshop.id}
            workshop={workshop}
            onSaved={(saved) => {
              loaded.replace(saved);
              setVersion((v) => v + 1);
            }}
          />
          <RecordHistory
            kind="workshop"
            id={id}
            version={version}
            fieldLabel={(field) => t(`workshop.field.${field}`, { defaultValue: field })}
          />
        </>
      ) : null}
    </section>
  );
}
