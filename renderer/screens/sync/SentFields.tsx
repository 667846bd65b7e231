import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { KINDS, type Kind } from '../../../shared/model';
import type { RedactionProfile } from '../../../shared/channels/sync';

// What a redaction profile sends, kind by kind, in words: the fields that go, which case events, whether
// family contacts go, and the kinds that stay home. Shown under Sync settings and again on the export's
// last step, so nobody sends a bundle without seeing what is in it.

export const fieldLabel = (t: TFunction, kind: Kind, field: string) =>
  t(`sync.fields.${kind}.${field}`, { defaultValue: field });

/** The fields a profile sends of one kind, family contacts included when the profile sends them. */
export function sentOf(profile: RedactionProfile, kind: Kind): string[] | undefined {
  const fields = profile.send[kind];
  if (fields === undefined) return undefined;
  return kind === 'person' && profile.includeFamilyContacts ? [...fields, 'contacts'] : fields;
}

export function SentFields({ profile }: { profile: RedactionProfile }) {
  const { t } = useTranslation();
  if (profile.everything) return <p className="field-help">{t('sync.redaction.everything')}</p>;
  const notSent = KINDS.filter((kind) => profile.send[kind] === undefined);
  const name = profile.builtIn
    ? t(`sync.redaction.builtInNames.${profile.name}`, { defaultValue: profile.name })
    : profile.name;
  return (
    <ul className="plain field-help" aria-label={t('sync.redaction.sendsList', { name })}>
      {KINDS.map((kind) => {
        const fields = sentOf(profile, kind);
        if (fields === undefined) return null;
        const events =
          kind === 'event' && profile.eventKinds !== null
            ? ` (${t('sync.redaction.onlyEventKinds', {
                kinds: profile.eventKinds.map((k) => t(`enums.eventKind.${k}`)).join(', '),
              })})`
            : '';
        return (
          <li key={kind}>
            <strong>{t(`sync.kinds.${kind}`)}</strong>
            {events}: {fields.map((field) => fieldLabel(t, kind, field)).join(', ')}
          </li>
        );
      })}
      {notSent.length > 0 ? (
        <li>
          <strong>{t('sync.redaction.notSent')}</strong>:{' '}
          {notSent.map((kind) => t(`sync.kinds.${kind}`)).join(', ')}
        </li>
      ) : null}
    </ul>
  );
}
