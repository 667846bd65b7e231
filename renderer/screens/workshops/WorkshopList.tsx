import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutreachStats } from '../../../shared/channels/hotline';
import { COUNTIES_NORCAL } from '../../../shared/records/places';
import { useDates } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { useNumbers } from '../../app/numbers';
import { useCall } from '../../app/useCall';
import { languageName } from '../../../shared/code-names';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeading } from '../../components/ScreenHeading';
import { SelectField } from '../../components/SelectField';
import { OutreachTotals } from './OutreachTotals';
import { WorkshopForm } from './WorkshopForm';

const PAGE = 50;
type Period = 'last12' | 'all';

/** The stats of one county, or all of them. */
function ofCounty(stats: OutreachStats, county: string): OutreachStats {
  if (!county) return stats;
  const zero = { workshops: 0, attendees: 0, cards: 0 };
  const row = stats.counties.find((c) => c.county === county);
  return {
    ...stats,
    total: row ? { workshops: row.workshops, attendees: row.attendees, cards: row.cards } : zero,
    counties: stats.counties.filter((c) => c.county === county),
    months: stats.months.filter((m) => m.county === county),
  };
}

// Know-Your-Rights workshops: the totals per county and month for a period, the workshops themselves
// (newest first, paged), and a form to record one.
export function WorkshopList() {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const n = useNumbers();
  const { navigate } = useNavigation();
  const [period, setPeriod] = useState<Period>('last12');
  const [county, setCounty] = useState('');
  const [page, setPage] = useState(0);
  const [version, setVersion] = useState(0);
  const [added, setAdded] = useState(false);
  const stats = useCall('outreach:stats', period === 'last12' ? { lastMonths: 12 } : {}, [version]);
  const from = period === 'last12' ? stats.data?.from : null;
  const list = useCall(
    'workshop:list',
    {
      filters: { ...(county ? { county } : {}), ...(from ? { from } : {}) },
      sort: { field: 'date', direction: 'desc' },
      limit: PAGE,
      offset: page * PAGE,
    },
    [version],
  );
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const counties = [...new Set([...COUNTIES_NORCAL, ...(stats.data?.counties ?? []).map((c) => c.county)])];

  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('nav.workshops')}</ScreenHeading>
      <div className="filters" role="group" aria-label={t('workshop.filters')}>
        <SelectField
          label={t('workshop.period')}
          value={period}
          options={[
            { value: 'last12', label: t('workshop.last12') },
            { value: 'all', label: t('workshop.allTime') },
          ]}
          onChange={(value) => {
            setPeriod(value === 'all' ? 'all' : 'last12');
            setPage(0);
          }}
        />
        <SelectField
          label={t('workshop.county')}
          value={county}
          emptyLabel={t('common.any')}
          options={counties.map((c) => ({ value: c, label: c }))}
          onChange={(value) => {
            setCounty(value);
            setPage(0);
          }}
        />
      </div>
      <ErrorAlert code={stats.error ?? list.error} />
      {stats.data ? <OutreachTotals stats={ofCounty(stats.data, county)} /> : null}
      <p role="status" className="muted">
        {t('workshop.count', { count: total })}
      </p>
      <table className="simple">
        <caption className="visually-hidden">{t('workshop.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workshop.date')}</th>
            <th scope="col">{t('workshop.county')}</th>
            <th scope="col">{t('workshop.language')}</th>
            <th scope="col">{t('workshop.host')}</th>
            <th scope="col">{t('workshop.attendees')}</th>
            <th scope="col">{t('workshop.cards')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.rows ?? []).map((w) => (
            <tr key={w.id}>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => navigate({ section: 'workshops', id: w.id })}
                >
                  {dates.date(w.date)}
                </button>
              </td>
              <td>{w.county}</td>
              <td>{languageName(w.language, i18n.language)}</td>
              <td>{w.hostOrganization ?? ''}</td>
              <td className="num">{w.attendees === undefined ? '—' : n(w.attendees)}</td>
              <td className="num">{w.cardsHandedOut === undefined ? '—' : n(w.cardsHandedOut)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <div className="actions" role="group" aria-label={t('workshop.pages')}>
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('workshop.previous')}
          </button>
          <span>{t('workshop.page', { page: page + 1, pages })}</span>
          <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            {t('workshop.next')}
          </button>
        </div>
      ) : null}
      <section className="card" aria-labelledby="workshop-add">
        <h2 id="workshop-add">{t('workshop.add')}</h2>
        <WorkshopForm
          key={version}
          onSaved={() => {
            setVersion((v) => v + 1);
            setAdded(true);
          }}
        />
        <p role="status">{added ? t('workshop.added') : ''}</p>
      </section>
    </section>
  );
}
