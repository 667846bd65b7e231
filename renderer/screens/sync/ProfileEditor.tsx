import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HEARING_KINDS, KINDS, type Kind } from '../../../shared/model';
import type { RedactionFields, RedactionSetInput } from '../../../shared/channels/sync';
import { fieldsOf, requiredFields } from '../../../shared/record-fields';
import { Field } from '../../components/Field';
import { fieldLabel } from './SentFields';

// A custom redaction profile: per kind, whether it is sent and which fields go. Nothing is ticked in a new
// profile, so what leaves the office is always chosen field by field; a kind that is sent carries the
// fields a record can't exist without. Family contacts and "hearings only" are options of their own.

export interface ProfileDraft {
  name: string;
  send: RedactionFields;
  includeFamilyContacts: boolean;
  hearingsOnly: boolean;
  isNew: boolean;
}

export function ProfileEditor(props: {
  initial: ProfileDraft;
  onCancel(): void;
  onSave(input: RedactionSetInput): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(props.initial.name);
  const [send, setSend] = useState<RedactionFields>(props.initial.send);
  const [contacts, setContacts] = useState(props.initial.includeFamilyContacts);
  const [hearingsOnly, setHearingsOnly] = useState(props.initial.hearingsOnly);
  const [attempted, setAttempted] = useState(false);

  const toggleKind = (kind: Kind) => {
    const next = { ...send };
    if (next[kind] === undefined) next[kind] = requiredFields(kind);
    else delete next[kind];
    setSend(next);
  };
  const toggleField = (kind: Kind, field: string) => {
    const current = send[kind] ?? [];
    const next = current.includes(field) ? current.filter((f) => f !== field) : [...current, field];
    setSend({ ...send, [kind]: next });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (name.trim() === '') return;
    props.onSave({
      name: name.trim(),
      send,
      includeFamilyContacts: send.person !== undefined && contacts,
      eventKinds: hearingsOnly ? [...HEARING_KINDS] : null,
    });
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
      {KINDS.map((kind) => {
        const sent = send[kind];
        const required = requiredFields(kind);
        return (
          <details key={kind} open={kind === 'person'}>
            <summary>
              {t(`sync.kinds.${kind}`)} ({sent?.length ?? 0})
            </summary>
            <label className="check">
              <input type="checkbox" checked={sent !== undefined} onChange={() => toggleKind(kind)} />
              {t('sync.redaction.sendKind', { kind: t(`sync.kinds.${kind}`) })}
            </label>
            <fieldset className="group group-fields" disabled={sent === undefined}>
              <legend className="visually-hidden">{t(`sync.kinds.${kind}`)}</legend>
              {fieldsOf(kind)
                .filter((field) => !(kind === 'person' && field === 'contacts'))
                .map((field) => (
                  <label key={field} className="check">
                    <input
                      type="checkbox"
                      checked={sent?.includes(field) ?? false}
                      disabled={required.includes(field)}
                      onChange={() => toggleField(kind, field)}
                    />
                    {fieldLabel(t, kind, field)}
                    {required.includes(field) ? (
                      <span className="muted"> ({t('sync.redaction.alwaysSent')})</span>
                    ) : null}
                  </label>
                ))}
              {kind === 'person' ? (
                <label className="check">
                  <input type="checkbox" checked={contacts} onChange={(e) => setContacts(e.target.checked)} />
                  {t('sync.redaction.familyContacts')}
                </label>
              ) : null}
              {kind === 'event' ? (
                <label className="check">
                  <input
                    type="checkbox"
                    checked={hearingsOnly}
                    onChange={(e) => setHearingsOnly(e.target.checked)}
                  />
                  {t('sync.redaction.hearingsOnly')}
                </label>
              ) : null}
            </fieldset>
          </details>
        );
      })}
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
