import { useTranslation } from 'react-i18next';
import { useDates } from '../../app/format';
import { useFacilities } from '../../app/useFacilities';
import { useCall } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';

// Where the person is now and every transfer, latest first. "Now" is the latest transfer by date, whatever
// order they were typed in (the core decides: custody:history). For the person page: place it near the
// top, next to the next hearing; pass `version` bumped after an edit that may move her (a transfer added
// on the timeline, the facility edited) so the list reloads.

export function CustodyHistory({ personId, version = 0 }: { personId: string; version?: number }) {
  const { t } = useTranslation();
  const dates = useDates();
  const facilities = useFacilities();
  const history = useCall('custody:history', { personId }, [version]);
  const name = (id: string | null) =>
    id ? (facilities.find((f) => f.id === id)?.name ?? t('custody.unknownFacility')) : t('custody.unknown');
  const data = history.data;
  return (
    <section className="card custody" aria-labelledby={`custody-${personId}`}>
      <h3 id={`custody-${personId}`}>{t('custody.title')}</h3>
      <ErrorAlert code={history.error} />
      {data ? (
        <>
          <p>
            <strong>{t('custody.now')}</strong> {name(data.current.facilityId)}
            {data.current.since ? (
              <span className="muted">
                {' · '}
                {t('custody.since', { when: dates.dateTime(data.current.since) })}
              </span>
            ) : null}
          </p>
          {data.entries.length === 0 ? (
            <p className="muted">{t('custody.noTransfers')}</p>
          ) : (
            <ol className="plain custody-list" aria-label={t('custody.listLabel')}>
              {data.entries.map((entry) => (
                <li key={entry.eventId}>
                  <time dateTime={entry.at}>{dates.dateTime(entry.at)}</time>
                  {' — '}
                  {entry.fromFacilityId
                    ? t('custody.moved', {
                        from: name(entry.fromFacilityId),
                        to: name(entry.facilityId),
                      })
                    : t('custody.movedTo', { to: name(entry.facilityId) })}
                  {entry.notes ? <span className="muted"> · {entry.notes}</span> : null}
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}
