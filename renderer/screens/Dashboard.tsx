import { useTranslation } from 'react-i18next';
import { useDates } from '../app/format';
import { useNavigation } from '../app/navigation';
import { useCall } from '../app/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { ScreenHeading } from '../components/ScreenHeading';
import { DeadlinesCard } from './deadlines/DeadlinesCard';
import { OutreachChart } from './workshops/OutreachChart';

export function Dashboard() {
  const { t } = useTranslation();
  const dates = useDates();
  const { navigate } = useNavigation();
  const { data, error } = useCall('dashboard:summary');

  const personLink = (id: string, name: string) => (
    <button type="button" className="link" onClick={() => navigate({ section: 'people', id })}>
      {name}
    </button>
  );

  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('nav.dashboard')}</ScreenHeading>
      <ErrorAlert code={error} />
      {data ? (
        <>
          <dl className="counts">
            {(['people', 'openCases', 'volunteers', 'attorneys', 'reportsToday'] as const).map((key) => (
              <div key={key}>
                <dt>{t(`dashboard.counts.${key}`)}</dt>
                <dd>{data.counts[key]}</dd>
              </div>
            ))}
          </dl>
          <div className="columns">
            <DeadlinesCard />
            <section aria-labelledby="urgent-title" className="card">
              <h3 id="urgent-title">{t('dashboard.urgent')}</h3>
              {data.urgent.length === 0 ? <p>{t('dashboard.none')}</p> : null}
              <ul className="plain">
                {data.urgent.map((p) => (
                  <li key={p.id}>
                    {personLink(p.id, `${p.givenName} ${p.familyName}`)}
                    {p.detainedAt ? (
                      <span className="muted">
                        {' '}
                        · {t('dashboard.detained', { when: dates.relative(p.detainedAt) })}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="unassigned-title" className="card">
              <h3 id="unassigned-title">{t('dashboard.unassigned')}</h3>
              {data.unassigned.length === 0 ? <p>{t('dashboard.none')}</p> : null}
              <ul className="plain">
                {data.unassigned.map((p) => (
                  <li key={p.id}>{personLink(p.id, `${p.givenName} ${p.familyName}`)}</li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="hearings-title" className="card">
              <h3 id="hearings-title">{t('dashboard.hearings')}</h3>
              {data.hearings.length === 0 ? <p>{t('dashboard.none')}</p> : null}
              <ul className="plain">
                {data.hearings.map((h) => (
                  <li key={h.id}>
                    {personLink(h.personId, h.personName ?? '')} — {t(`enums.eventKind.${h.kind}`)},{' '}
                    <time dateTime={h.at} title={dates.dateTime(h.at)}>
                      {dates.relative(h.at)}
                    </time>
                    {h.location ? <span className="muted"> · {h.location}</span> : null}
                  </li>
                ))}
              </ul>
            </section>
          </div>
        </>
      ) : null}
      <OutreachChart />
    </section>
  );
}
