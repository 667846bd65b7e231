import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, RedactionProfile } from '../../../shared/channels/sync';
import { call } from '../../api';
import { Field } from '../../components/Field';
import { KINDS } from '../../../shared/model';
import { SentFields, sentOf } from './SentFields';

export type ScopeChoice = 'since-last' | 'all' | 'people';
export interface PickedPerson {
  id: string;
  name: string;
}

/** Step 1: recipients. Revoked contacts cannot be chosen; unverified ones need an explicit confirmation. */
export function RecipientsStep(props: {
  contacts: Contact[];
  selected: ReadonlySet<string>;
  onToggle(fingerprint: string): void;
  confirmUnverified: boolean;
  onConfirmUnverified(value: boolean): void;
}) {
  const { t } = useTranslation();
  const unverifiedChosen = props.contacts.some(
    (c) => props.selected.has(c.fingerprint) && c.state === 'unverified',
  );
  return (
    <fieldset className="group">
      <legend>{t('sync.export.recipients')}</legend>
      {props.contacts.length === 0 ? <p className="muted">{t('sync.export.noContacts')}</p> : null}
      {props.contacts.map((contact) => (
        <label key={contact.fingerprint} className="check">
          <input
            type="checkbox"
            checked={props.selected.has(contact.fingerprint)}
            disabled={contact.state === 'revoked'}
            onChange={() => props.onToggle(contact.fingerprint)}
          />
          {contact.officeName} ({t(`sync.state.${contact.state}`)})
        </label>
      ))}
      {unverifiedChosen ? (
        <label className="check notice">
          <input
            type="checkbox"
            checked={props.confirmUnverified}
            onChange={(event) => props.onConfirmUnverified(event.target.checked)}
          />
          {t('sync.export.confirmUnverified')}
        </label>
      ) : null}
    </fieldset>
  );
}

/** Step 2: what goes in the bundle. "Selected people" searches the People list by name. */
export function ScopeStep(props: {
  scope: ScopeChoice;
  onScope(scope: ScopeChoice): void;
  people: PickedPerson[];
  onPeople(people: PickedPerson[]): void;
}) {
  const { t } = useTranslation();
  const choices: ScopeChoice[] = ['since-last', 'all', 'people'];
  return (
    <fieldset className="group">
      <legend>{t('sync.export.scope')}</legend>
      {choices.map((choice) => (
        <label key={choice} className="check">
          <input
            type="radio"
            name="export-scope"
            value={choice}
            checked={props.scope === choice}
            onChange={() => props.onScope(choice)}
          />
          {t(`sync.export.scopes.${choice}`)}
        </label>
      ))}
      {props.scope === 'people' ? <PeoplePicker people={props.people} onPeople={props.onPeople} /> : null}
    </fieldset>
  );
}

function PeoplePicker({ people, onPeople }: { people: PickedPerson[]; onPeople(p: PickedPerson[]): void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<PickedPerson[]>([]);

  useEffect(() => {
    if (search.trim() === '') {
      setFound([]);
      return;
    }
    let current = true;
    void call('person:list', { search: search.trim(), limit: 20 })
      .then((result) => {
        if (current) setFound(result.rows.map((p) => ({ id: p.id, name: `${p.givenName} ${p.familyName}` })));
      })
      .catch(() => current && setFound([]));
    return () => {
      current = false;
    };
  }, [search]);

  const chosen = new Set(people.map((p) => p.id));
  return (
    <div className="stack">
      <Field
        label={t('sync.export.searchPeople')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ul className="plain" aria-label={t('sync.export.searchResults')}>
        {found
          .filter((p) => !chosen.has(p.id))
          .map((person) => (
            <li key={person.id}>
              <button type="button" className="link" onClick={() => onPeople([...people, person])}>
                {t('sync.export.addPerson', { name: person.name })}
              </button>
            </li>
          ))}
      </ul>
      <p>{t('sync.export.chosenPeople', { count: people.length })}</p>
      <ul className="plain">
        {people.map((person) => (
          <li key={person.id}>
            {person.name}{' '}
            <button
              type="button"
              className="small"
              onClick={() => onPeople(people.filter((p) => p.id !== person.id))}
            >
              {t('sync.export.removePerson', { name: person.name })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Step 3: the redaction profile. Only the fields it sends go in the bundle. Once one is chosen, the step
 * restates who receives the bundle and what it carries, the last thing read before creating it.
 */
export function RedactionStep(props: {
  profiles: RedactionProfile[];
  value: string;
  onChange(name: string): void;
  recipients: Contact[];
}) {
  const { t } = useTranslation();
  const chosen = props.profiles.find((p) => p.name === props.value);
  return (
    <>
      <fieldset className="group">
        <legend>{t('sync.export.redaction')}</legend>
        {props.profiles.map((profile) => (
          <label key={profile.name} className="check">
            <input
              type="radio"
              name="export-redaction"
              value={profile.name}
              checked={props.value === profile.name}
              onChange={() => props.onChange(profile.name)}
            />
            <ProfileName profile={profile} /> — <RedactionSummary profile={profile} />
          </label>
        ))}
        <p className="field-help">{t('sync.export.redactionHelp')}</p>
      </fieldset>
      {chosen ? (
        <section className="notice" aria-labelledby="export-recap-title">
          <h4 id="export-recap-title">{t('sync.export.recap')}</h4>
          <p>
            {t('sync.export.recapTo', {
              offices: props.recipients
                .map((c) => `${c.officeName} (${t(`sync.state.${c.state}`)})`)
                .join(', '),
            })}
          </p>
          <p>
            {t('sync.export.recapProfile')} <ProfileName profile={chosen} />
          </p>
          <SentFields profile={chosen} />
        </section>
      ) : null}
    </>
  );
}

/** Built-in profiles have translated names; custom ones are shown as their office named them. */
export function ProfileName({ profile }: { profile: RedactionProfile }) {
  const { t } = useTranslation();
  return (
    <>
      {profile.builtIn
        ? t(`sync.redaction.builtInNames.${profile.name}`, { defaultValue: profile.name })
        : profile.name}
    </>
  );
}

/** "Sends everything" or "sends N fields", for a profile. */
export function RedactionSummary({ profile }: { profile: RedactionProfile }) {
  const { t } = useTranslation();
  const sent = KINDS.reduce((sum, kind) => sum + (sentOf(profile, kind)?.length ?? 0), 0);
  return (
    <>
      {profile.everything
        ? t('sync.redaction.sendsEverything')
        : t('sync.redaction.sendsFields', { count: sent })}
    </>
  );
}
