import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_KINDS, type CaseEvent, type Facility } from '../../../shared/model';
import { wallClockToUtc } from '../../../shared/time';
import { call } from '../../api';
import { useDates, useEnumOptions } from '../../app/format';
import { useOfficeZone } from '../../app/office-zone';
import { useAction } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { orderTimeline } from './timeline-order';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';

// The case timeline: hearings, transfers, visits… What is coming first, soonest on top, the next one marked;
// then the past, most recent first. A quick form adds one.
export function Timeline({
  personId,
  events,
  facilities,
  onChange,
}: {
  personId: string;
  events: readonly CaseEvent[];
  facilities: Facility[];
  onChange(): void;
}) {
  const { t } = useTranslation();
  const dates = useDates();
  const enumOptions = useEnumOptions();
  const zone = useOfficeZone();
  const ordered = orderTimeline(events, new Date());
  const [kind, setKind] = useState('MASTER_CALENDAR');
  const [at, setAt] = useState('');
  const [location, setLocation] = useState('');
  const [facilityId, setFacilityId] = useState('');
  const create = useAction(async () => {
    await call('event:create', {
      personId,
      kind: kind as CaseEvent['kind'],
      // The time typed is the office's wall clock, whatever zone this computer is set to.
      at: wallClockToUtc(at, zone),
      ...(location.trim() ? { location: location.trim() } : {}),
      ...(kind === 'TRANSFER' && facilityId ? { facilityId } : {}),
    });
    setAt('');
    setLocation('');
    onChange();
  });

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!at) {
      create.reset();
      return;
    }
    void create.run();
  };

  return (
    <section aria-labelledby="timeline-title" className="card">
      <h3 id="timeline-title">{t('timeline.title')}</h3>
      <h4>{t('caseFile.timeline.upcoming')}</h4>
      {ordered.upcoming.length === 0 ? <p className="muted">{t('caseFile.timeline.nothingComing')}</p> : null}
      <ol className="plain timeline" aria-label={t('caseFile.timeline.upcoming')}>
        {ordered.upcoming.map((e) => (
          <li key={e.id} className={e === ordered.next ? 'next' : undefined}>
            {e === ordered.next ? <strong className="badge">{t('caseFile.timeline.next')}</strong> : null}{' '}
            <time dateTime={e.at}>{dates.dateTime(e.at)}</time> — {t(`enums.eventKind.${e.kind}`)}
            {e.location ? ` · ${e.location}` : ''}
          </li>
        ))}
      </ol>
      <h4>{t('caseFile.timeline.past')}</h4>
      <ol className="plain timeline" aria-label={t('caseFile.timeline.past')}>
        {ordered.past.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{dates.dateTime(e.at)}</time> — {t(`enums.eventKind.${e.kind}`)}
            {e.location ? ` · ${e.location}` : ''}
          </li>
        ))}
      </ol>
      <form onSubmit={add} aria-label={t('timeline.add')}>
        <SelectField
          label={t('timeline.kind')}
          value={kind}
          options={enumOptions('eventKind', EVENT_KINDS)}
          onChange={setKind}
        />
        <Field
          label={t('timeline.at')}
          type="datetime-local"
          value={at}
          onChange={(e) => setAt(e.target.value)}
          required
        />
        <Field
          label={t('timeline.location')}
          value={location}
          onChange={(e) => setLocation(e.target.value)}
        />
        {kind === 'TRANSFER' ? (
          <SelectField
            label={t('timeline.facility')}
            value={facilityId}
            emptyLabel="—"
            options={facilities.map((f) => ({ value: f.id, label: f.name }))}
            onChange={setFacilityId}
          />
        ) : null}
        <ErrorAlert code={create.error} />
        <button type="submit">{t('timeline.add')}</button>
      </form>
    </section>
  );
}
