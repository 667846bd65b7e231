import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FamilyContact, type Person } from '../../../shared/model';
import { Field } from '../../components/Field';
import { formatPhone } from '../../app/phone';

type Contact = NonNullable<Person['contacts']>[number];
const EMPTY = { name: '', relationship: '', phone: '', okToContact: false };

// Family contacts: add, edit, remove. "OK to contact" starts unticked: a call can expose someone, so nobody
// is called until someone has said it is safe.
export function ContactsCard({
  person,
  onSave,
}: {
  person: Person;
  onSave(contacts: Contact[] | null): Promise<void>;
}) {
  const { t } = useTranslation();
  const contacts = person.contacts ?? [];
  // null: no form; -1: a new contact; else the index being edited.
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const [issues, setIssues] = useState<Record<string, string>>({});

  const open = (index: number) => {
    const c = contacts[index];
    setDraft(
      c
        ? {
            name: c.name,
            relationship: c.relationship ?? '',
            phone: c.phone ?? '',
            okToContact: c.okToContact,
          }
        : EMPTY,
    );
    setIssues({});
    setEditing(index);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = FamilyContact.safeParse({
      name: draft.name,
      ...(draft.relationship.trim() ? { relationship: draft.relationship } : {}),
      ...(draft.phone.trim() ? { phone: draft.phone } : {}),
      ...(contacts[editing ?? -1]?.language ? { language: contacts[editing ?? -1]?.language } : {}),
      okToContact: draft.okToContact,
    });
    if (!parsed.success) {
      setIssues(
        Object.fromEntries(
          parsed.error.issues.map((issue) => {
            const key = String(issue.path[0]);
            return [key, t(`caseFile.invalid.contact.${key}`, { defaultValue: t('validation.generic') })];
          }),
        ),
      );
      return;
    }
    const next =
      editing === -1 ? [...contacts, parsed.data] : contacts.map((c, i) => (i === editing ? parsed.data : c));
    await onSave(next);
    setEditing(null);
  };

  const remove = (index: number) => {
    const next = contacts.filter((_, i) => i !== index);
    void onSave(next.length ? next : null);
  };

  return (
    <section aria-labelledby="contacts-title" className="card">
      <div className="title-row">
        <h3 id="contacts-title">{t('person.contacts')}</h3>
        {editing === null ? (
          <button type="button" className="ghost small" onClick={() => open(-1)}>
            {t('caseFile.contacts.add')}
          </button>
        ) : null}
      </div>
      {contacts.length === 0 ? <p className="muted">{t('common.none')}</p> : null}
      <ul className="plain">
        {contacts.map((c, i) => (
          <li key={i}>
            <strong>{c.name}</strong>
            {c.relationship ? ` (${c.relationship})` : ''} {c.phone ? formatPhone(c.phone) : ''} ·{' '}
            {c.okToContact ? t('caseFile.contacts.ok') : <strong>{t('contact.doNotContact')}</strong>}{' '}
            <button
              type="button"
              className="ghost small"
              aria-label={t('common.editField', { field: c.name })}
              onClick={() => open(i)}
            >
              {t('common.edit')}
            </button>
            <button
              type="button"
              className="ghost small"
              aria-label={t('caseFile.contacts.remove', { name: c.name })}
              onClick={() => remove(i)}
            >
              {t('caseFile.contacts.removeShort')}
            </button>
          </li>
        ))}
      </ul>
      {editing !== null ? (
        <form
          onSubmit={(e) => void submit(e)}
          noValidate
          aria-label={
            editing === -1 ? t('caseFile.contacts.add') : t('common.editField', { field: draft.name })
          }
        >
          <Field
            label={t('contact.name')}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            error={issues.name}
            autoFocus
          />
          <Field
            label={t('contact.relationship')}
            value={draft.relationship}
            onChange={(e) => setDraft({ ...draft, relationship: e.target.value })}
          />
          <Field
            label={t('contact.phone')}
            type="tel"
            value={draft.phone}
            onChange={(e) => setDraft({ ...draft, phone: e.target.value })}
            error={issues.phone}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={draft.okToContact}
              onChange={(e) => setDraft({ ...draft, okToContact: e.target.checked })}
            />
            {t('caseFile.contacts.okToContact')}
          </label>
          <div className="actions">
            <button type="submit" className="primary small">
              {t('common.save')}
            </button>
            <button type="button" className="small" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
