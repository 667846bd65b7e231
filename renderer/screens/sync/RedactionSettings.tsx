import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KINDS, SCHEMAS, type Kind } from '../../../shared/model';
import type { RedactionProfile } from '../../../shared/sync-channels';
import { call, errorCode } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { ProfileName, RedactionSummary } from './ExportSteps';

type Fields = RedactionProfile['fields'];
const fieldsOf = (kind: Kind) => Object.keys(SCHEMAS[kind].fields.shape);

/** Redaction profiles: the built-in ones are read-only; custom ones are made by ticking fields to leave out. */
export function RedactionSettings() {
  const { t } = useTranslation();
  const [profiles, setProfiles] = useState<RedactionProfile[]>([]);
  const [editing, setEditing] = useState<{ name: string; fields: Fields; isNew: boolean } | null>(null);
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
    }
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
            {profile.builtIn ? null : (
              <>
                <button
                  type="button"
                  className="small"
                  onClick={() => setEditing({ name: profile.name, fields: profile.fields, isNew: false })}
                >
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
            )}
            <RemovedFields fields={profile.fields} />
          </li>
        ))}
      </ul>
      <ErrorAlert code={error} />
      {editing ? (
        <ProfileEditor
          key={editing.name}
          initial={editing}
          onCancel={() => setEditing(null)}
          onSave={(name, fields) => void run(() => call('redaction:set', { name, fields }))}
        />
      ) : (
        <button type="button" onClick={() => setEditing({ name: '', fields: {}, isNew: true })}>
          {t('sync.redaction.new')}
        </button>
      )}
    </section>
  );
}

function ProfileEditor(props: {
  initial: { name: string; fields: Fields; isNew: boolean };
  onCancel(): void;
  onSave(name: string, fields: Fields): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(props.initial.name);
  const [fields, setFields] = useState<Fields>(props.initial.fields);
  const [attempted, setAttempted] = useState(false);

  const toggle = (kind: Kind, field: string) => {
    const current = fields[kind] ?? [];
    const next = current.includes(field) ? current.filter((f) => f !== field) : [...current, field];
    setFields({ ...fields, [kind]: next });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (name.trim() !== '') props.onSave(name.trim(), fields);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="profile-editor-title">
      <h4 id="profile-editor-title">
        {props.initial.isNew
          ? t('sync.redaction.new')
          : t('sync.redaction.edit', { name: props.initial.name })}
      </h4>
      <Field
        label={t('sync.redaction.name')}
        value={name}
        maxLength={60}
        readOnly={!props.initial.isNew}
        onChange={(event) => setName(event.target.value)}
        error={attempted && name.trim() === '' ? t('sync.redaction.nameRequired') : undefined}
      />
      <p className="field-help">{t('sync.redaction.tick')}</p>
      {KINDS.map((kind) => (
        <details key={kind} open={kind === 'person'}>
          <summary>
            {t(`sync.kinds.${kind}`)} ({fields[kind]?.length ?? 0})
          </summary>
          <fieldset className="group group-fields">
            <legend className="visually-hidden">{t(`sync.kinds.${kind}`)}</legend>
            {fieldsOf(kind).map((field) => (
              <label key={field} className="check">
                <input
                  type="checkbox"
                  checked={fields[kind]?.includes(field) ?? false}
                  onChange={() => toggle(kind, field)}
                />
                {t(`${kind}.${field}`, { defaultValue: field })}
              </label>
            ))}
          </fieldset>
        </details>
      ))}
      <div className="actions">
        <button type="submit" className="primary">
          {t('sync.redaction.save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('sync.verify.cancel')}
        </button>
      </div>
    </form>
  );
}

function RemovedFields({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const parts = KINDS.flatMap((kind) =>
    (fields[kind] ?? []).map(
      (field) => `${t(`sync.kinds.${kind}`)}: ${t(`${kind}.${field}`, { defaultValue: field })}`,
    ),
  );
  return parts.length > 0 ? <p className="field-help">{parts.join(' · ')}</p> : null;
}
