import { useTranslation } from 'react-i18next';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  biaAppealDue,
  courtByKey,
  type CaseEvent,
  type Facility,
  type Person,
} from '../../../shared/model';
import { call } from '../../api';
import { dayIn } from '../../../shared/time';
import { useDates } from '../../app/format';
import { useOfficeZone } from '../../app/office-zone';
import { useLoad } from '../../app/useCall';
import { nextHearing } from './timeline-order';

/** The case file's own next deadline (BIA appeal not yet filed, habeas return), soonest first. */
export function nextCaseDeadline(person: Person): { what: 'appeal' | 'return'; due: string } | null {
  const found: { what: 'appeal' | 'return'; due: string }[] = [];
  const decision = person.courtCase?.decision;
  if (decision && !person.courtCase?.appealFiledOn)
    found.push({ what: 'appeal', due: biaAppealDue(decision.on) });
  if (person.habeas?.returnDue) found.push({ what: 'return', due: person.habeas.returnDue });
  return found.sort((a, b) => a.due.localeCompare(b.due))[0] ?? null;
}

// What matters first on a person's page: where she is now, the next hearing (date, time, court), the next
// deadline, the attorney and any hold.
export function PersonSummary({
  person,
  events,
  facilities,
}: {
  person: Person;
  events: readonly CaseEvent[];
  facilities: Facility[];
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const attorney = useLoad(async () => {
    const { rows } = await call('assignment:list', { filters: { personId: person.id }, limit: 50 });
    const active = rows.filter((a) => (ACTIVE_ASSIGNMENT_STATUSES as readonly string[]).includes(a.status));
    const lead = active.find((a) => a.role === 'LEAD') ?? active[0];
    if (!lead) return null;
    const found = await call('attorney:get', { id: lead.attorneyId });
    return `${found.givenName} ${found.familyName}`;
  }, [person.id, person.updatedAt]);
  const facility = facilities.find((f) => f.id === person.facilityId);
  const hearing = nextHearing(events, new Date());
  const court = courtByKey(person.courtCase?.court);
  const deadline = nextCaseDeadline(person);
  const zone = useOfficeZone();
  const today = dayIn(new Date(), zone);
  const item = (label: string, value: React.ReactNode) => (
    <div className="summary-item">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="summary-title" className="card summary">
      <h3 id="summary-title">{t('caseFile.summary.title')}</h3>
      <dl className="summary-grid">
        {item(
          t('caseFile.summary.where'),
          facility ? (
            <>
              <strong>{facility.name}</strong>
              {person.custodyStatus ? ` · ${t(`enums.custodyStatus.${person.custodyStatus}`)}` : ''}
              {facility.address ? <div className="muted">{facility.address}</div> : null}
            </>
          ) : person.custodyStatus ? (
            t(`enums.custodyStatus.${person.custodyStatus}`)
          ) : (
            t('caseFile.summary.unknown')
          ),
        )}
        {item(
          t('caseFile.summary.nextHearing'),
          hearing ? (
            <>
              <strong>
                <time dateTime={hearing.at}>{dates.dateTime(hearing.at)}</time>
              </strong>{' '}
              · {t(`enums.eventKind.${hearing.kind}`)}
              <div className="muted">
                {court
                  ? `${court.name}${court.address ? `, ${court.address}` : ''}`
                  : (hearing.location ?? '')}
              </div>
            </>
          ) : (
            t('caseFile.court.noHearing')
          ),
        )}
        {item(
          t('caseFile.summary.nextDeadline'),
          deadline ? (
            <span className={deadline.due < today ? 'overdue' : undefined}>
              <strong>{dates.date(deadline.due)}</strong> · {t(`caseFile.summary.deadline.${deadline.what}`)}
              {deadline.due < today ? ` · ${t('caseFile.summary.overdue')}` : ''}
            </span>
          ) : (
            t('caseFile.summary.noDeadline')
          ),
        )}
        {item(t('caseFile.summary.attorney'), attorney.data ?? t('caseFile.summary.noAttorney'))}
        {item(
          t('caseFile.summary.hold'),
          person.legalHold ? (
            <strong>{person.legalHold.reason}</strong>
          ) : person.habeas?.noTransferOrder ? (
            t('caseFile.summary.noTransfer')
          ) : (
            t('caseFile.summary.noHold')
          ),
        )}
      </dl>
      {person.habeas?.noTransferOrder && person.legalHold ? (
        <p className="field-help">{t('caseFile.summary.noTransfer')}</p>
      ) : null}
    </section>
  );
}
