import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { wallClockToUtc } from '../../../shared/time';
import { call } from '../../api';
import { useOfficeZone } from '../../app/office-zone';
import { useAction, useCall } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { DeadlineList } from './DeadlineList';
import { useDeadlines } from './useDeadlines';

// A person's deadlines, for the person page: the derived ones (BIA appeal, habeas return, bond hearing)
// and typed ones, with a form to add one (what, due date and optional time in the office's zone, who
// answers for it). A date without a time is due at the end of that day (23:59) in the office.

/** `version`: bumped by the person page after an edit (a court decision, a habeas return date) so the list reloads. */
export function PersonDeadlines({ personId, version = 0 }: { personId: string; version?: number }) {
  const { t } = useTranslation();
  const zone = useOfficeZone();
  const { list, markDone, busyKey } = useDeadlines({ personId, includeDone: true }, [version]);
  const attorneys = useCall('attorney:list', { limit: 1000 });
  const volunteers = useCall('volunteer:list', { limit: 1000 });
  const [what, setWhat] = useState('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [responsible, setResponsible] = useState('');
  const [tried, setTried] = useState(false);
  const [added, setAdded] = useState(false);

  const problems = {
    what: what.trim() === '' ? t('deadlines.form.whatRequired') : undefined,
    date: !/^\d{4}-\d{2}-\d{2}$/.test(date) ? t('deadlines.form.dateRequired') : undefined,
  };
  const add = useAction(async () => {
    const [kind, id] = responsible.split(':');
    await call('deadline:create', {
      personId,
      what: what.trim(),
      dueAt: wallClockToUtc(`${date}T${time || '23:59'}`, zone),
      ...(kind === 'a' && id ? { attorneyId: id } : {}),
      ...(kind === 'v' && id ? { volunteerId: id } : {}),
    });
    setWhat('');
    setDate('');
    setTime('');
    setResponsible('');
    setTried(false);
    setAdded(true);
    list.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setAdded(false);
    if (problems.what || problems.date) return;
    void add.run();
  };
  const people = [
    ...(attorneys.data?.rows ?? []).map((a) => ({
      value: `a:${a.id}`,
      label: t('deadlines.responsible.attorney', { name: `${a.givenName} ${a.familyName}` }),
    })),
    ...(volunteers.data?.rows ?? []).map((v) => ({
      value: `v:${v.id}`,
      label: t('deadlines.responsible.volunteer', { name: `${v.givenName} ${v.familyName}` }),
    })),
  ];

  return (
    <section className="card" aria-labelledby={`deadlines-${personId}`}>
      <h3 id={`deadlines-${personId}`}>{t('deadlines.title')}</h3>
      <ErrorAlert code={list.error ?? markDone.error} />
      {list.data && list.data.rows.length === 0 ? <p>{t('deadlines.none')}</p> : null}
      <DeadlineList
        items={list.data?.rows ?? []}
        showPerson={false}
        onDone={(item) => void markDone.run(item)}
        busyKey={busyKey}
      />
      <form onSubmit={submit} noValidate aria-label={t('deadlines.form.title')} className="deadline-form">
        <Field
          label={t('deadlines.form.what')}
          value={what}
          maxLength={200}
          onChange={(event) => setWhat(event.target.value)}
          error={tried ? problems.what : undefined}
        />
        <Field
          label={t('deadlines.form.date')}
          type="date"
          value={date}
          onChange={(event) => setDate(event.target.value)}
          error={tried ? problems.date : undefined}
        />
        <Field
          label={t('deadlines.form.time')}
          type="time"
          value={time}
          help={t('deadlines.form.timeHelp', { zone })}
          onChange={(event) => setTime(event.target.value)}
        />
        <SelectField
          label={t('deadlines.form.responsible')}
          value={responsible}
          options={people}
          emptyLabel={t('deadlines.form.nobody')}
          onChange={setResponsible}
        />
        <ErrorAlert code={add.error} />
        {added ? <p role="status">{t('deadlines.form.added')}</p> : null}
        <button type="submit" disabled={add.busy}>
          {t('deadlines.form.add')}
        </button>
      </form>
    </section>
  );
}
