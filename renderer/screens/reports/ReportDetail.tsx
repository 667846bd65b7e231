import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../shared/ipc';
import type { Report } from '../../../shared/model';
import { call } from '../../api';
import { pause } from '../../app/latest';
import { useDates } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { runTask, useAction, useCall, useLoad } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { ScreenHeading } from '../../components/ScreenHeading';
import { DispatchPanel } from './DispatchPanel';
import { formatPhone } from '../../app/phone';

/** The verification steps offered from each state: checking first, then verified or a false alarm. */
const NEXT_VERIFICATION: Record<Report['verification'], Report['verification'][]> = {
  UNVERIFIED: ['CHECKING'],
  CHECKING: ['VERIFIED', 'FALSE_ALARM'],
  VERIFIED: ['CHECKING', 'FALSE_ALARM'],
  FALSE_ALARM: ['CHECKING', 'VERIFIED'],
};

export function ReportDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  const { navigate } = useNavigation();
  const detail = useCall('report:detail', { id });
  const action = useAction(runTask);
  const patch = (change: ChannelInput<'report:update'>['patch']) =>
    action.run(async () => {
      await call('report:update', { id, patch: change });
      detail.reload();
    });
  const report = detail.data?.report;
  const title = t('report.title', {
    when: report ? dates.dateTime(report.receivedAt) : '…',
  });

  return (
    <section aria-labelledby="section-title" className="stack wide">
      <div className="title-row">
        <ScreenHeading>{title}</ScreenHeading>
        <button type="button" onClick={() => navigate({ section: 'reports' })}>
          {t('report.back')}
        </button>
      </div>
      <ErrorAlert code={detail.error ?? action.error} />
      {report ? (
        <>
          <dl className="card facts">
            <dt>{t('report.incidentAt')}</dt>
            <dd>{report.incidentAt ? dates.dateTime(report.incidentAt) : '—'}</dd>
            <dt>{t('report.location')}</dt>
            <dd>
              {report.location ?? '—'} {report.county ? `(${report.county})` : ''}
            </dd>
            <dt>{t('report.agency')}</dt>
            <dd>{report.agency ? t(`enums.reportAgency.${report.agency}`) : '—'}</dd>
            <dt>{t('report.description')}</dt>
            <dd className="pre">{report.description ?? '—'}</dd>
            <dt>{t('report.vehicles')}</dt>
            <dd>{report.vehicles ?? '—'}</dd>
            <dt>{t('report.callback')}</dt>
            <dd>
              {report.callback
                ? [report.callback.name, formatPhone(report.callback.phone)].filter(Boolean).join(' · ')
                : t('report.callbackErased')}
            </dd>
            <dt>{t('report.verification')}</dt>
            <dd>
              {t(`enums.verification.${report.verification}`)}
              {report.verifiedAt
                ? ` — ${t('report.verifiedBy', { who: report.verifiedBy ?? '', when: dates.dateTime(report.verifiedAt) })}`
                : ''}
            </dd>
            <dt>{t('report.status')}</dt>
            <dd>{t(`enums.reportStatus.${report.status ?? 'OPEN'}`)}</dd>
          </dl>
          <div className="actions" role="group" aria-label={t('report.verification')}>
            {NEXT_VERIFICATION[report.verification].map((next) => (
              <button
                key={next}
                type="button"
                disabled={action.busy}
                onClick={() => void patch({ verification: next })}
              >
                {t(`report.mark.${next}`)}
              </button>
            ))}
            <button
              type="button"
              disabled={action.busy}
              onClick={() => void patch({ status: report.status === 'CLOSED' ? 'OPEN' : 'CLOSED' })}
            >
              {report.status === 'CLOSED' ? t('report.reopen') : t('report.close')}
            </button>
          </div>
          <People report={report} people={detail.data?.people ?? []} onLinked={detail.reload} />
          {detail.data ? <DispatchPanel detail={detail.data} onChanged={detail.reload} /> : null}
        </>
      ) : null}
    </section>
  );
}

function People({
  report,
  people,
  onLinked,
}: {
  report: Report;
  people: { id: string; givenName: string; familyName: string }[];
  onLinked(): void;
}) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const [search, setSearch] = useState('');
  const link = useAction(async (personId: string) => {
    await call('report:update', {
      id: report.id,
      patch: { personIds: [...new Set([...(report.personIds ?? []), personId])] },
    });
    setSearch('');
    onLinked();
  });
  const found = useLoad(
    async (signal) => {
      if (search.trim().length < 2) return [];
      await pause(200, signal);
      return (await call('person:list', { search, limit: 8 })).rows;
    },
    [search],
  );
  return (
    <section className="card stack" aria-labelledby="report-people">
      <div className="title-row">
        <h2 id="report-people">{t('report.people')}</h2>
        <button
          type="button"
          className="primary"
          onClick={() => navigate({ section: 'people', id: 'new', from: report.id })}
        >
          {t('report.startIntake')}
        </button>
      </div>
      {people.length === 0 ? <p>{t('report.noPeople')}</p> : null}
      <ul className="plain">
        {people.map((p) => (
          <li key={p.id}>
            <button type="button" className="link" onClick={() => navigate({ section: 'people', id: p.id })}>
              {p.givenName} {p.familyName}
            </button>
          </li>
        ))}
      </ul>
      <Field
        label={t('report.linkPerson')}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ul className="plain">
        {(found.error ? [] : (found.data ?? [])).map((p) => (
          <li key={p.id}>
            <button type="button" className="link" onClick={() => void link.run(p.id)}>
              {t('report.link', { name: `${p.givenName} ${p.familyName}` })}
            </button>
          </li>
        ))}
      </ul>
      <ErrorAlert code={link.error} />
    </section>
  );
}
