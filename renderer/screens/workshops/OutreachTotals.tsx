import { useTranslation } from 'react-i18next';
import type { OutreachStats } from '../../../shared/channels/hotline';
import { useNumbers } from '../../app/numbers';
import { useMonthLabel } from './months';

// Workshops, attendees and cards handed out: the period's total, per county, and per month and county.
export function OutreachTotals({ stats }: { stats: OutreachStats }) {
  const { t } = useTranslation();
  const n = useNumbers();
  const month = useMonthLabel();
  const head = (
    <>
      <th scope="col">{t('workshop.workshops')}</th>
      <th scope="col">{t('workshop.attendees')}</th>
      <th scope="col">{t('workshop.cards')}</th>
    </>
  );
  const cells = (row: { workshops: number; attendees: number; cards: number }) => (
    <>
      <td className="num">{n(row.workshops)}</td>
      <td className="num">{n(row.attendees)}</td>
      <td className="num">{n(row.cards)}</td>
    </>
  );
  return (
    <div className="totals-grid">
      <table className="simple">
        <caption>{t('workshop.byCounty')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workshop.county')}</th>
            {head}
          </tr>
        </thead>
        <tbody>
          {stats.counties.map((row) => (
            <tr key={row.county}>
              <th scope="row">{row.county}</th>
              {cells(row)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('workshop.total')}</th>
            {cells(stats.total)}
          </tr>
        </tfoot>
      </table>
      <table className="simple">
        <caption>{t('workshop.byMonth')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workshop.month')}</th>
            <th scope="col">{t('workshop.county')}</th>
            {head}
          </tr>
        </thead>
        <tbody>
          {stats.months.map((row) => (
            <tr key={`${row.month} ${row.county}`}>
              <th scope="row">{month(row.month)}</th>
              <td>{row.county}</td>
              {cells(row)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
