import { useTranslation } from 'react-i18next';
import { ARRESTING_AGENCIES, type Report } from '../../../shared/model';
import { dateTimeAsTyped, type DateOrder } from '../../app/dates/parse';
import { useDates } from '../../app/format';
import { useCall } from '../../app/useCall';
import { useDateOrder } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IntakeForm } from './IntakeForm';

// "Start intake" from a hotline report: the intake form pre-filled with the report's place, county, time and
// agency, saved with the report's id so the person and the report are linked both ways.

/** The intake draft a report gives: what the hotline already knows, as the form's fields hold it. */
export function intakeDraftOf(report: Report, order: DateOrder): Record<string, string> {
  const when = report.incidentAt ?? report.receivedAt;
  const agency = (ARRESTING_AGENCIES as readonly string[]).includes(report.agency ?? '') ? report.agency : '';
  return {
    reportId: report.id,
    reportSource: 'HOTLINE',
    custodyStatus: 'REPORTED',
    arrestLocation: report.location ?? '',
    arrestCounty: report.county ?? '',
    arrestingAgency: agency ?? '',
    detainedAt: dateTimeAsTyped(when, order),
    languages: report.language ?? '',
  };
}

export function IntakeFromReport({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  const order = useDateOrder();
  const report = useCall('report:get', { id: reportId });
  if (report.error) return <ErrorAlert code={report.error} />;
  if (!report.data) return <p role="status">{t('people.loading')}</p>;
  return (
    <IntakeForm
      initial={intakeDraftOf(report.data, order)}
      banner={
        <p className="notice">
          {t('intake.fromReport', {
            when: dates.dateTime(report.data.receivedAt),
            place: report.data.location ?? report.data.county ?? '',
          })}
        </p>
      }
    />
  );
}
