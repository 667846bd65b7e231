import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation';
import { useLoad } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecordHistory } from '../../components/RecordHistory';
import { ScreenHeading } from '../../components/ScreenHeading';

interface RosterRecord {
  id: string;
  givenName: string;
  familyName: string;
}

interface RosterPageProps<R extends RosterRecord> {
  kind: 'volunteer' | 'attorney';
  id: string;
  load(id: string): Promise<R>;
  /** The roster list this page returns to, and its button's label. */
  back: { section: string; label: string };
  /** The kind's edit form; `saved` takes the record as the core stored it. */
  form(record: R, saved: (updated: R) => void): ReactNode;
}

// One roster member's page (a volunteer, an attorney): the whole record to edit, and its history below.
export function RosterPage<R extends RosterRecord>({ kind, id, load, back, form }: RosterPageProps<R>) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  // Bumped on every save, so the history asks again.
  const [version, setVersion] = useState(0);
  const loaded = useLoad(() => load(id), [id]);
  const record = loaded.data;
  const name = record ? `${record.givenName} ${record.familyName}` : '…';
  return (
    <section aria-labelledby="section-title" className="stack wide">
      <div className="title-row">
        <ScreenHeading>{name}</ScreenHeading>
        <button type="button" onClick={() => navigate({ section: back.section })}>
          {back.label}
        </button>
      </div>
      <ErrorAlert code={loaded.error} />
      {record ? (
        <>
          {form(record, (updated) => {
            loaded.replace(updated);
            setVersion((v) => v + 1);
          })}
          <RecordHistory
            kind={kind}
            id={id}
            version={version}
            fieldLabel={(field) => t(`roster.field.${field}`, { defaultValue: field })}
          />
        </>
      ) : null}
    </section>
  );
}
