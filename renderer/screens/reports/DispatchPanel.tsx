import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportDetail } from '../../../shared/channels/hotline';
import { DISPATCH_ROLES, type Dispatch } from '../../../shared/model';
import { call } from '../../api';
import { useDates, useEnumOptions } from '../../app/format';
import { runTask, useAction, useCall } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { TextArea } from './LogReport';
import { formatPhone } from '../../app/phone';

// Who to send and who was sent. The call list (names and phones of the best candidates) is on screen and
// can be printed; it is never written to a file.

const NEXT: Record<Dispatch['status'], Dispatch['status'][]> = {
  SENT: ['ON_SITE', 'DONE', 'CANCELLED'],
  ON_SITE: ['DONE', 'CANCELLED'],
  DONE: [],
  CANCELLED: [],
};

export function DispatchPanel({ detail, onChanged }: { detail: ReportDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const report = detail.report;
  const [role, setRole] = useState<(typeof DISPATCH_ROLES)[number]>('LEGAL_OBSERVER');
  const [chosen, setChosen] = useState<string[]>([]);
  const candidates = useCall('dispatch:candidates', { reportId: report.id, role, limit: 30 }, [
    detail.dispatches.length,
  ]);
  const send = useAction(async () => {
    await call('dispatch:send', { reportId: report.id, volunteerIds: chosen, role });
    setChosen([]);
    onChanged();
  });
  const toggle = (id: string, on: boolean) =>
    setChosen((ids) => (on ? [...ids, id] : ids.filter((other) => other !== id)));
  const open = report.status !== 'CLOSED';

  return (
    <section className="card stack" aria-labelledby="report-dispatch">
      <h2 id="report-dispatch">{t('dispatch.title')}</h2>
      <Dispatches detail={detail} onChanged={onChanged} />
      {open ? (
        <section className="stack call-list" aria-labelledby="call-list">
          <h3 id="call-list">{t('dispatch.callList')}</h3>
          <SelectField
            label={t('dispatch.role')}
            value={role}
            options={enumOptions('volunteerRole', DISPATCH_ROLES)}
            onChange={(value) => {
              setRole(value as typeof role);
              setChosen([]);
            }}
          />
          <ErrorAlert code={candidates.error} />
          <table>
            <caption className="visually-hidden">{t('dispatch.callListCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dispatch.send')}</th>
                <th scope="col">{t('dispatch.name')}</th>
                <th scope="col">{t('dispatch.phone')}</th>
                <th scope="col">{t('dispatch.why')}</th>
              </tr>
            </thead>
            <tbody>
              {(candidates.data ?? []).map(({ volunteer, matches }) => {
                const name = `${volunteer.givenName} ${volunteer.familyName}`;
                const why = (['county', 'training', 'availableNow', 'language'] as const)
                  .filter((key) => matches[key])
                  .map((key) => t(`dispatch.match.${key}`));
                return (
                  <tr key={volunteer.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('dispatch.choose', { name })}
                        checked={chosen.includes(volunteer.id)}
                        onChange={(e) => toggle(volunteer.id, e.target.checked)}
                      />
                    </td>
                    <td>{name}</td>
                    <td>{volunteer.phone ? formatPhone(volunteer.phone) : '—'}</td>
                    <td>{why.join(', ') || '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {candidates.data?.length === 0 ? <p>{t('dispatch.none')}</p> : null}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={chosen.length === 0 || send.busy}
              onClick={() => void send.run()}
            >
              {t('dispatch.sendChosen', { count: chosen.length })}
            </button>
            <button type="button" onClick={() => window.print()}>
              {t('dispatch.print')}
            </button>
          </div>
          <ErrorAlert code={send.error} />
        </section>
      ) : (
        <p>{t('dispatch.closed')}</p>
      )}
    </section>
  );
}

function Dispatches({ detail, onChanged }: { detail: ReportDetail; onChanged(): void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const action = useAction(runTask);
  const update = (id: string, patch: { status?: Dispatch['status']; notes?: string }) =>
    action.run(async () => {
      await call('dispatch:update', { id, patch });
      onChanged();
    });
  if (detail.dispatches.length === 0 && detail.sentBefore.length === 0) return <p>{t('dispatch.nobody')}</p>;
  return (
    <>
      <ul className="plain stack">
        {detail.dispatches.map(({ dispatch, volunteer }) => {
          const name = volunteer ? `${volunteer.givenName} ${volunteer.familyName}` : t('dispatch.erased');
          return (
            <li key={dispatch.id} className="dispatch">
              <p>
                <strong>{name}</strong>
                {volunteer?.status === 'INACTIVE' ? ` (${t('enums.volunteerStatus.INACTIVE')})` : ''} —{' '}
                {t(`enums.dispatchStatus.${dispatch.status}`)} ·{' '}
                {t('dispatch.sentAt', { when: dates.dateTime(dispatch.sentAt) })}
                {dispatch.onSiteAt
                  ? ` · ${t('dispatch.onSiteAt', { when: dates.dateTime(dispatch.onSiteAt) })}`
                  : ''}
              </p>
              {dispatch.notes ? <p className="pre">{dispatch.notes}</p> : null}
              <div className="actions" role="group" aria-label={t('dispatch.statusOf', { name })}>
                {NEXT[dispatch.status].map((next) => (
                  <button
                    key={next}
                    type="button"
                    disabled={action.busy}
                    onClick={() => void update(dispatch.id, { status: next })}
                  >
                    {t(`dispatch.mark.${next}`, { name })}
                  </button>
                ))}
              </div>
              <TextArea
                label={t('dispatch.notes', { name })}
                value={notes[dispatch.id] ?? dispatch.notes ?? ''}
                onChange={(value) => setNotes((n) => ({ ...n, [dispatch.id]: value }))}
              />
              <button
                type="button"
                disabled={action.busy || notes[dispatch.id] === undefined}
                onClick={() => void update(dispatch.id, { notes: notes[dispatch.id] ?? '' })}
              >
                {t('dispatch.saveNotes')}
              </button>
            </li>
          );
        })}
        {detail.sentBefore.map((v) => (
          <li key={v.id}>
            {v.givenName} {v.familyName} — {t('dispatch.sentBefore')}
          </li>
        ))}
      </ul>
      <ErrorAlert code={action.error} />
    </>
  );
}
