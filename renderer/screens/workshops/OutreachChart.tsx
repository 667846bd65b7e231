import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNumbers } from '../../app/numbers';
import { useCall } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { chartData, niceMax, type Measure } from './chart-data';
import { useMonthLabel } from './months';

// The dashboard's Know-Your-Rights chart: the last 12 months (in the office's zone), one stacked bar per
// month by county, drawn as an SVG that names itself (role="img", title, description) with the same figures
// in a table beside it for anyone who can't see the bars.

const COLOURS = ['#1b5e9a', '#c2571a', '#2e7d32', '#7b3fa0', '#a3263b', '#5f6b73'];
const W = 560;
const H = 240;
const PAD = { left: 48, right: 8, top: 12, bottom: 28 };

export function OutreachChart() {
  const { t } = useTranslation();
  const n = useNumbers();
  const month = useMonthLabel();
  const ids = useId();
  const [measure, setMeasure] = useState<Measure>('workshops');
  const stats = useCall('outreach:stats', { lastMonths: 12 });
  if (stats.error) return <ErrorAlert code={stats.error} />;
  if (!stats.data) return null;
  const data = chartData(stats.data, measure);
  const top = niceMax(data.max);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const band = plotW / Math.max(1, data.months.length);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const seriesName = (county: string | null) => county ?? t('workshop.otherCounties');
  const measureName = t(`workshop.measure.${measure}`);
  const titleId = `${ids}-title`;
  const descId = `${ids}-desc`;
  const total = data.values.flat().reduce((a, b) => a + b, 0);
  const busiest = data.months.reduce(
    (best, m, i) => {
      const sum = (data.values[i] ?? []).reduce((a, b) => a + b, 0);
      return sum > best.sum ? { month: m, sum } : best;
    },
    { month: '', sum: 0 },
  );

  return (
    <figure className="card chart-figure" aria-labelledby={`${ids}-caption`}>
      <figcaption id={`${ids}-caption`}>
        <h2>{t('workshop.chartTitle')}</h2>
      </figcaption>
      <SelectField
        label={t('workshop.measureLabel')}
        value={measure}
        options={(['workshops', 'attendees', 'cards'] as const).map((m) => ({
          value: m,
          label: t(`workshop.measure.${m}`),
        }))}
        onChange={(value) => setMeasure(value === 'attendees' || value === 'cards' ? value : 'workshops')}
      />
      <div className="chart-row">
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="chart">
          <title id={titleId}>{t('workshop.chartSvgTitle', { measure: measureName })}</title>
          <desc id={descId}>
            {total === 0
              ? t('workshop.chartEmpty')
              : t('workshop.chartDesc', {
                  total: n(total),
                  measure: measureName,
                  month: month(busiest.month, true),
                  most: n(busiest.sum),
                })}
          </desc>
          {(top % 2 === 0 ? [0, top / 2, top] : [0, top]).map((tick) => (
            <g key={tick} aria-hidden="true">
              <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
              <text
                x={PAD.left - 6}
                y={y(tick)}
                textAnchor="end"
                dominantBaseline="middle"
                className="chart-label"
              >
                {n(tick)}
              </text>
            </g>
          ))}
          {data.months.map((m, i) => {
            let base = 0;
            const x = PAD.left + i * band;
            return (
              <g key={m} aria-hidden="true">
                {data.series.map((county, s) => {
                  const v = data.values[i]?.[s] ?? 0;
                  if (v === 0) return null;
                  const rect = (
                    <rect
                      key={county ?? 'other'}
                      x={x + band * 0.15}
                      width={band * 0.7}
                      y={y(base + v)}
                      height={y(base) - y(base + v)}
                      fill={COLOURS[s % COLOURS.length]}
                    />
                  );
                  base += v;
                  return rect;
                })}
                <text x={x + band / 2} y={H - 8} textAnchor="middle" className="chart-label">
                  {month(m).split(' ')[0]}
                </text>
              </g>
            );
          })}
        </svg>
        <table className="simple chart-table">
          <caption>{t('workshop.chartTableCaption', { measure: measureName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('workshop.month')}</th>
              {data.series.map((county, s) => (
                <th scope="col" key={county ?? 'other'}>
                  <span
                    className="swatch"
                    aria-hidden="true"
                    style={{ background: COLOURS[s % COLOURS.length] }}
                  />
                  {seriesName(county)}
                </th>
              ))}
              <th scope="col">{t('workshop.total')}</th>
            </tr>
          </thead>
          <tbody>
            {data.months.map((m, i) => (
              <tr key={m}>
                <th scope="row">{month(m)}</th>
                {(data.values[i] ?? []).map((v, s) => (
                  <td className="num" key={s}>
                    {n(v)}
                  </td>
                ))}
                <td className="num">{n((data.values[i] ?? []).reduce((a, b) => a + b, 0))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
