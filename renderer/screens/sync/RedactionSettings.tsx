import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HEARING_KINDS } from '../../../shared/model';
import type { RedactionProfile, RedactionSetInput } from '../../../shared/channels/sync';
import { call, errorCode } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProfileName, RedactionSummary } from './ExportSteps';
import { ProfileEditor, type ProfileDraft } from './ProfileEditor';
import { SentFields } from './SentFields';

const draftOf = (profile: RedactionProfile): ProfileDraft => ({
  name: profile.name,
  send: profile.send,
  includeFamilyContacts: profile.includeFamilyContacts,
  hearingsOnly:
    profile.eventKinds !== null &&
    profile.eventKinds.length === HEARING_KINDS.length &&
    HEARING_KINDS.every((kind) => profile.eventKinds?.includes(kind)),
  isNew: false,
});

/**
 * Redaction profiles, each with the fields it sends per kind. Full and Dispatch are fixed; Legal's family
 * contacts can be ticked; custom profiles are made by ticking the fields to send.
 */
export function RedactionSettings() {
  const { t } = useTranslation();
  const [profiles, setProfiles] = useState<RedactionProfile[]>([]);
  const [editing, setEditing] = useState<ProfileDraft | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('redaction:list').then(setProfiles, (caught: unknown) => setError(errorCode(caught)));
  }, []);

  const run = async (action: () => Promise<RedactionProfile[]>) => {
    setError(null);
    try {
      setProfiles(await action());
      setEditing(null);
    } catch (caught) {
      setError(errorCode(caught));
      // Show what is stored again, not a change that did not happen.
      call('redaction:list').then(setProfiles, () => undefined);
    }
  };
  const save = (input: RedactionSetInput) => void run(() => call('redaction:set', input));
  const tickContacts = (name: string, includeFamilyContacts: boolean) => {
    // The box follows the click at once; the stored list replaces it when the save answers.
    setProfiles((current) => current.map((p) => (p.name === name ? { ...p, includeFamilyContacts } : p)));
    save({ name, includeFamilyContacts });
  };

  return (
    <section className="card" aria-labelledby="redaction-title">
      <h3 id="redaction-title">{t('sync.redaction.title')}</h3>
      <p className="muted">{t('sync.redaction.explain')}</p>
      <ul className="plain">
        {profiles.map((profile) => (
          <li key={profile.name}>
            <strong>
              <ProfileName profile={profile} />
            </strong>
            {profile.builtIn ? <span className="muted"> ({t('sync.redaction.builtIn')})</span> : null} —{' '}
            <RedactionSummary profile={profile} />{' '}
            {profile.editable === 'all' ? (
              <>
                <button type="button" className="small" onClick={() => setEditing(draftOf(profile))}>
                  {t('sync.redaction.edit', { name: profile.name })}
                </button>{' '}
                <button
                  type="button"
                  className="small danger"
                  onClick={() => {
                    if (window.confirm(t('sync.redaction.confirmDelete', { name: profile.name })))
                      void run(() => call('redaction:delete', { name: profile.name }));
                  }}
                >
                  {t('sync.redaction.delete', { name: profile.name })}
                </button>
              </>
            ) : null}
            {profile.builtIn ? (
              <p className="field-help">
                {t(`sync.redaction.builtInHelp.${profile.name}`, { defaultValue: '' })}
              </p>
            ) : null}
            <SentFields profile={profile} />
            {profile.editable === 'familyContacts' ? (
              <label className="check">
                <input
                  type="checkbox"
                  checked={profile.includeFamilyContacts}
                  onChange={(event) => tickContacts(profile.name, event.target.checked)}
                />
                {t('sync.redaction.familyContactsOf', {
                  name: t(`sync.redaction.builtInNames.${profile.name}`, { defaultValue: profile.name }),
                })}
              </label>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorAlert code={error} />
      {editing ? (
        <ProfileEditor key={editing.name} initial={editing} onCancel={() => setEditing(null)} onSave={save} />
      ) : (
        <button
          type="button"
          onClick={() =>
            setEditing({ name: '', send: {}, includeFamilyContacts: false, hearingsOnly: false, isNew: true })
          }
        >
          {t('sync.redaction.new')}
        </button>
      )}
    </section>
  );
}
