import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AmparoError } from '../../../shared/errors';
import { call } from '../../api';
import { useNavigation } from '../../app/navigation';
import { useAction, useCall } from '../../app/useCall';
import { useFacilities } from '../../app/useFacilities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecordHistory } from '../../components/RecordHistory';
import { ScreenHeading } from '../../components/ScreenHeading';
import { Assignments } from './Assignments';
import { PersonDeadlines } from '../deadlines/PersonDeadlines';
import { fieldLabel } from '../sync/SentFields';
import { BondCard } from './BondCard';
import { ChildrenCard } from './ChildrenCard';
import { ContactsCard } from './ContactsCard';
import { CourtCard } from './CourtCard';
import { CustodyHistory } from './CustodyHistory';
import { DetentionCard } from './DetentionCard';
import { HabeasCard } from './HabeasCard';
import { LocatorCard } from './LocatorCard';
import { DuplicateNotice } from './merge/DuplicateNotice';
import { HoldBadge, HoldNotice, PersonActions } from './PersonActions';
import { PersonSummary } from './PersonSummary';
import type { PersonPatch } from './person-patch';
import { ProfileCard } from './ProfileCard';
import { Timeline } from './Timeline';
import { nextHearing } from './timeline-order';

// One person. What matters first (where she is, next hearing, next deadline, attorney, hold), then the case
// file (court, bond, habeas, locator), the timeline and assignments, then the profile, detention, family and
// the audit history. Every part is its own component in this folder; each saves through person:update.
export function PersonDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const { navigate } = useNavigation();
  const loaded = useCall('person:get', { id });
  const { reload, replace } = loaded;
  const person = loaded.data ?? null;
  const events = useCall('event:list', {
    filters: { personId: id },
    sort: { field: 'at', direction: 'desc' },
    limit: 500,
  });
  // Bumped on every change made here, so the audit history asks again.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => {
    reload();
    events.reload();
    setVersion((v) => v + 1);
  }, [reload, events]);

  const update = useAction(async (patch: PersonPatch) => {
    replace(await call('person:update', { id, patch }));
    setVersion((v) => v + 1);
  });
  /** For in-place fields: true once saved; a refusal shows in the page's alert. */
  const save = (patch: PersonPatch) => update.run(patch);
  /** For the case-file forms: throws the refusal, so the form shows a message per field. */
  const saveStrict = async (patch: PersonPatch) => {
    try {
      replace(await call('person:update', { id, patch }));
      setVersion((v) => v + 1);
    } catch (caught) {
      if (caught instanceof AmparoError) throw caught;
      throw new AmparoError('INTERNAL', 'The change was not saved.');
    }
  };
  const part = (field: 'courtCase' | 'bond' | 'habeas' | 'locatorChecks' | 'contacts') => (value: unknown) =>
    saveStrict({ [field]: value ?? null } as PersonPatch);

  const error = update.error ?? loaded.error;
  if (!person) {
    return (
      <section aria-labelledby="section-title">
        <ScreenHeading>{t('nav.people')}</ScreenHeading>
        <ErrorAlert code={error} />
      </section>
    );
  }
  const rows = events.data?.rows ?? [];
  const now = new Date();
  const bondHearing = nextHearing(rows, now, 'BOND_HEARING');
  const hearing = nextHearing(rows, now);

  return (
    <section aria-labelledby="section-title" className="stack wide">
      <div className="title-row">
        <div className="title-name">
          <ScreenHeading>
            {person.givenName} {person.familyName}
          </ScreenHeading>
          {person.legalHold ? <HoldBadge /> : null}
        </div>
        <button type="button" onClick={() => navigate({ section: 'people' })}>
          {t('person.backToList')}
        </button>
      </div>
      <ErrorAlert code={error} />
      <HoldNotice person={person} onChange={changed} />
      <DuplicateNotice person={person} />
      <PersonSummary person={person} events={rows} facilities={facilities} />
      <div className="columns">
        <div className="stack">
          <CourtCard
            person={person}
            nextHearing={hearing ? { at: hearing.at, kind: hearing.kind } : null}
            onSave={part('courtCase')}
          />
          <BondCard person={person} hearing={bondHearing?.at ?? null} onSave={part('bond')} />
          <HabeasCard person={person} onSave={part('habeas')} />
          <LocatorCard person={person} onSave={part('locatorChecks')} />
        </div>
        <div className="stack">
          <PersonDeadlines personId={person.id} version={version} />
          <CustodyHistory personId={person.id} version={version} />
          <Timeline personId={person.id} events={rows} facilities={facilities} onChange={changed} />
          <Assignments person={person} onChange={changed} />
        </div>
      </div>
      <div className="columns">
        <div className="stack">
          <ProfileCard person={person} facilities={facilities} save={save} />
          <PersonActions person={person} onChange={changed} />
        </div>
        <div className="stack">
          <DetentionCard person={person} save={save} />
          <ContactsCard person={person} onSave={(contacts) => saveStrict({ contacts })} />
          <ChildrenCard person={person} onSave={(patch) => saveStrict(patch as PersonPatch)} />
          <RecordHistory
            kind="person"
            id={person.id}
            version={version}
            fieldLabel={(field) => fieldLabel(t, 'person', field)}
          />
        </div>
      </div>
    </section>
  );
}
