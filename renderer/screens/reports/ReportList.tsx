import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VERIFICATIONS } from '../../../shared/model';
import { COUNTIES_NORCAL } from '../../../shared/records/places';
import { useDates, useEnumOptions } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { useCall } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeading } from '../../components/ScreenHeading';
import { SelectField } from '../../components/SelectField';
import { LogReport } from './LogReport';

const PAGE = 25;

interface Filters {
  open: boolean;
  county: string;
  verification: string;
  last24h: boolean;
}

export function ReportList() {
  const { t } = useTranslation();
  const dates = useDates();
  const enumOptions = useEnumOptions();
  const { navigate } = useNavigation();
  const [filters, setFilters] = useState<Filters>({
    open: true,
    county: '',
    verification: '',
    last24h: false,
  });
  const [page, setPage] = useState(0);
  const change = (next: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...next }));
    setPage(0);
  };
  const reports = useCall('report:list', {
    filters: {
      ...(filters.open ? { status: 'OPEN' } : {}),
      ...(filters.county ? { county: filters.county } : {}),
      ...(filters.verification ? { verification: filters.verification } : {}),
      ...(filters.last24h ? { receivedWithinHours: 24 } : {}),
    },
    sort: { field: 'receivedAt', direction: 'desc' },
    limit: PAGE,
    offset: page * PAGE,
  });
  const total = reports.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));

  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('nav.reports')}</ScreenHeading>
      <LogReport onLogged={reports.reload} />
      <div className="filters" role="group" aria-label={t('report.filters')}>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.open}
            onChange={(e) => change({ open: e.target.checked })}
          />
          {t('report.onlyOpen')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.last24h}
            onChange={(e) => change({ last24h: e.target.checked })}
          />
          {t('report.last24h')}
        </label>
        <SelectField
          label={t('report.county')}
          value={filters.county}
          emptyLabel={t('common.any')}
          options={COUNTIES_NORCAL.map((c) => ({ value: c, label: c }))}
          onChange={(county) => change({ county })}
        />
        <SelectField
          label={t('report.verification')}
          value={filters.verification}
          emptyLabel={t('common.any')}
          options={enumOptions('verification', VERIFICATIONS)}
          onChange={(verification) => change({ verification })}
        />
      </div>
      <ErrorAlert code={reports.error} />
      <p role="status">{t('report.count', { count: total })}</p>
      <ol className="plain reports">
        {(reports.data?.rows ?? []).map((report) => (
          <li key={report.id} className="card">
            <button
              type="button"
              className="link"
              onClick={() => navigate({ section: 'reports', id: report.id })}
            >
              {dates.dateTime(report.receivedAt)} — {report.location || t('report.noPlace')}
              {report.county ? ` (${report.county})` : ''}
            </button>
            <p>
              {t(`enums.verification.${report.verification}`)} ·{' '}
              {t(`enums.reportStatus.${report.status ?? 'OPEN'}`)}
              {report.agency ? ` · ${t(`enums.reportAgency.${report.agency}`)}` : ''}
            </p>
            {report.description ? <p className="clip">{report.description}</p> : null}
          </li>
        ))}
      </ol>
      <nav className="pager" aria-label={t('report.pages')}>
        <button type="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
          {t('report.previous')}
        </button>
        <span>{t('report.page', { page: page + 1, pages })}</span>
        <button type="button" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
          {t('report.next')}
        </button>
      </nav>
    </section>
  );
}
