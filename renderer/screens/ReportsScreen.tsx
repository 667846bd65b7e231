import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VERIFICATIONS, type Person, type Report, type Volunteer } from '../../shared/model';
import { COUNTIES_NORCAL } from '../../shared/records/places';
import type { ChannelInput } from '../../shared/ipc';
import { call } from '../api';
import { useDates, useEnumOptions } from '../app/format';
import { useNavigation } from '../app/navigation';
import { pause } from '../app/latest';
import { runTask, useAction, useCall, useLoad } from '../app/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { useDraft } from '../app/useDraft';
import { ScreenHeading } from '../components/ScreenHeading';
import { SelectField } from '../components/SelectField';

// Hotline reports of enforcement activity: log one fast, dispatch volunteers, link the people detained.
export function ReportsScreen() {
  const { t } = useTranslation();
  const dates = useDates();
  const enumOptions = useEnumOptions();
  const reports = useCall('report:list', { sort: { field: 'receivedAt', direction: 'desc' }, limit: 100 });
  // Feeds only the dispatch picker: if it fails, the picker is empty and no error is shown.
  const volunteers = useCall('volunteer:find', { status: 'ACTIVE', limit: 500 });
  const active = volunteers.error ? [] : (volunteers.data?.rows ?? []);
  const { draft, bind, set, reset } = useDraft({
    location: '',
    county: '',
    description: '',
    verification: 'UNVERIFIED',
  });
  // Logging and editing share the one error line under the form.
  const action = useAction(runTask);

  const log = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await call('report:create', {
        receivedAt: new Date().toISOString(),
        ...(draft.location ? { location: draft.location } : {}),
        ...(draft.county ? { county: draft.county } : {}),
        ...(draft.description ? { description: draft.description } : {}),
        verification: draft.verification as Report['verification'],
      });
      reset();
      reports.reload();
    });
  };

  const patch = (report: Report, change: ChannelInput<'report:update'>['patch']) =>
    action.run(async () => {
      await call('report:update', { id: report.id, patch: change });
      reports.reload();
    });

  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('nav.reports')}</ScreenHeading>
      <form className="card inline-form" onSubmit={log} aria-label={t('report.log')}>
        <h3>{t('report.log')}</h3>
        <Field label={t('report.location')} {...bind('location')} autoFocus />
        <SelectField
          label={t('report.county')}
          value={draft.county}
          emptyLabel="—"
          options={COUNTIES_NORCAL.map((c) => ({ value: c, label: c }))}
          onChange={set('county')}
        />
        <Field label={t('report.description')} {...bind('description')} />
        <SelectField
          label={t('report.verification')}
          value={draft.verification}
          options={enumOptions('verification', VERIFICATIONS)}
          onChange={set('verification')}
        />
        <button type="submit" className="primary">
          {t('report.log')}
        </button>
      </form>
      <ErrorAlert code={action.error ?? reports.error} />
      <ol className="plain reports">
        {(reports.data?.rows ?? []).map((report) => (
          <li key={report.id} className="card">
            <p>
              <strong>{dates.dateTime(report.receivedAt)}</strong> — {report.location ?? ''}{' '}
              {report.county ? `(${report.county})` : ''} · {t(`enums.verification.${report.verification}`)}
            </p>
            {report.description ? <p>{report.description}</p> : null}
            <ReportLinks
              report={report}
              volunteers={active}
              onPatch={(change) => void patch(report, change)}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}

function ReportLinks({
  report,
  volunteers,
  onPatch,
}: {
  report: Report;
  volunteers: Volunteer[];
  onPatch(change: Partial<Report>): void;
}) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const [volunteerId, setVolunteerId] = useState('');
  const [search, setSearch] = useState('');
  const dispatched = volunteers.filter((v) => (report.dispatchedVolunteerIds ?? []).includes(v.id));

  const personIds = report.personIds ?? [];
  // Keyed on the ids rather than the array, which every reload of the reports replaces.
  const linked = useLoad(async () => {
    const people = await Promise.all(personIds.map((id) => call('person:get', { id }).catch(() => null)));
    return people.filter((p): p is Person => p !== null);
  }, [personIds.join()]);
  const found = useLoad(
    async (signal) => {
      if (search.trim().length < 2) return [];
      await pause(200, signal);
      return (await call('person:list', { search, limit: 8 })).rows;
    },
    [search],
  );
  const matches = found.error ? [] : (found.data ?? []);

  return (
    <div className="report-links">
      <p>
        {t('report.dispatched')}: {dispatched.map((v) => `${v.givenName} ${v.familyName}`).join(', ') || '—'}
      </p>
      <SelectField
        label={t('report.dispatchVolunteer')}
        value={volunteerId}
        emptyLabel={t('assign.choose')}
        options={volunteers
          .filter((v) => !dispatched.includes(v))
          .map((v) => ({ value: v.id, label: `${v.givenName} ${v.familyName}` }))}
        onChange={setVolunteerId}
      />
      <button
        type="button"
        disabled={!volunteerId}
        onClick={() =>
          onPatch({ dispatchedVolunteerIds: [...(report.dispatchedVolunteerIds ?? []), volunteerId] })
        }
      >
        {t('report.dispatch')}
      </button>
      <p>
        {t('report.people')}:{' '}
        {(linked.data ?? []).map((p) => (
          <button
            key={p.id}
            type="button"
            className="link"
            onClick={() => navigate({ section: 'people', id: p.id })}
          >
            {p.givenName} {p.familyName}
          </button>
        ))}
      </p>
      <Field
        label={t('report.linkPerson')}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ul className="plain">
        {matches.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="link"
              onClick={() => onPatch({ personIds: [...new Set([...(report.personIds ?? []), p.id])] })}
            >
              {t('report.link', { name: `${p.givenName} ${p.familyName}` })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
