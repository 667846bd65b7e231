import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { AmparoError } from '../../../shared/errors';
import { dateAsTyped } from '../../app/dates/parse';
import { DateField, readField, useDateOrder } from '../../components/DateField';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';

// One part of the case file (court, bond, habeas, children…) as a card: its fields shown, an Edit button that
// turns them into a form, Save checked against the record's own schema first (a message per field, in the
// user's language), Clear to remove the part. The person record stores the part as one object.

export type Draft = Record<string, string | boolean>;

export interface FieldSpec {
  key: string;
  label: string;
  type?: 'text' | 'date' | 'datetime-local' | 'number' | 'select' | 'checkbox';
  options?: readonly { value: string; label: string }[];
  help?: string;
  /** How the saved value reads; defaults to the draft text (or the option's label). */
  display?(draft: Draft): string;
}

interface Props {
  id: string;
  title: string;
  fields: readonly FieldSpec[];
  /** The saved part as draft text ('' for unset); null when the person has none. */
  saved: Draft | null;
  /** The part built from a draft; undefined when the draft is empty (Save then clears it). */
  build(draft: Draft): unknown;
  schema: z.ZodType;
  /** Maps an issue's path in the part (e.g. "decision.on") to the draft key it concerns. */
  keyOf?(path: string): string;
  onSave(value: unknown): Promise<void>;
  /** Shown under the fields in both modes (a computed due date, a privacy note). */
  children?: ReactNode;
}

export function SectionForm({ id, title, fields, saved, build, schema, keyOf, onSave, children }: Props) {
  const { t } = useTranslation();
  const formId = useId();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const order = useDateOrder();
  const dateKeys = fields.filter((f) => f.type === 'date').map((f) => f.key);

  const messageFor = (key: string) => t(`caseFile.invalid.${key}`, { defaultValue: t('validation.generic') });

  const save = async (value: unknown) => {
    setBusy(true);
    try {
      await onSave(value);
      setDraft(null);
      setIssues({});
    } catch (caught) {
      if (caught instanceof AmparoError && caught.issues?.length) {
        const prefix = /^patch\.[^.]+\.?/;
        setIssues(
          Object.fromEntries(
            caught.issues.map((issue) => {
              const key = (keyOf ?? ((p: string) => p.split('.')[0] ?? p))(issue.path.replace(prefix, ''));
              return [key, messageFor(key)];
            }),
          ),
        );
      } else {
        setIssues({ _: t('errors.INTERNAL') });
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    // Dates are read as typed, in the UI language's order; an unreadable one is refused before anything else.
    const read: Draft = { ...draft };
    const unreadable: Record<string, string> = {};
    for (const key of dateKeys) {
      const typed = typeof draft[key] === 'string' ? (draft[key] as string) : '';
      const reading = readField('date', typed, order);
      if (reading.state === 'ok') read[key] = reading.date;
      else if (reading.state === 'empty') read[key] = '';
      else unreadable[key] = messageFor(key);
    }
    if (Object.keys(unreadable).length > 0) return setIssues(unreadable);
    const value = build(read);
    if (value === undefined) return void save(null);
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      setIssues(
        Object.fromEntries(
          parsed.error.issues.map((issue) => {
            const key = (keyOf ?? ((p: string) => p.split('.')[0] ?? p))(issue.path.join('.'));
            return [key, messageFor(key)];
          }),
        ),
      );
      return;
    }
    void save(parsed.data);
  };

  const shown = (spec: FieldSpec, values: Draft) => {
    if (spec.display) return spec.display(values);
    const value = values[spec.key];
    if (typeof value === 'boolean') return value ? t('caseFile.yes') : t('caseFile.no');
    if (!value) return '—';
    return spec.options?.find((o) => o.value === value)?.label ?? value;
  };

  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <div className="title-row">
        <h3 id={`${id}-title`}>{title}</h3>
        {draft ? null : (
          <button
            type="button"
            className="ghost small"
            aria-label={
              saved ? t('common.editField', { field: title }) : t('caseFile.addField', { field: title })
            }
            onClick={() => {
              setIssues({});
              const start: Draft = { ...(saved ?? {}) };
              for (const key of dateKeys)
                if (typeof start[key] === 'string' && start[key])
                  start[key] = dateAsTyped(start[key] as string, order);
              setDraft(start);
            }}
          >
            {saved ? t('common.edit') : t('caseFile.add')}
          </button>
        )}
      </div>
      {draft ? (
        <form id={formId} onSubmit={submit} noValidate aria-label={title} className="section-form">
          {fields.map((spec) => {
            const value = draft[spec.key];
            const set = (v: string | boolean) => setDraft((d) => ({ ...(d ?? {}), [spec.key]: v }));
            if (spec.type === 'checkbox')
              return (
                <label key={spec.key} className="check">
                  <input type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />
                  {spec.label}
                </label>
              );
            if (spec.type === 'select')
              return (
                <div key={spec.key}>
                  <SelectField
                    label={spec.label}
                    value={typeof value === 'string' ? value : ''}
                    emptyLabel="—"
                    options={spec.options ?? []}
                    onChange={set}
                  />
                  {issues[spec.key] ? <p className="field-error">{issues[spec.key]}</p> : null}
                </div>
              );
            if (spec.type === 'date')
              return (
                <DateField
                  key={spec.key}
                  label={spec.label}
                  kind="date"
                  value={typeof value === 'string' ? value : ''}
                  onChange={set}
                  error={issues[spec.key]}
                />
              );
            return (
              <Field
                key={spec.key}
                label={spec.label}
                type={spec.type ?? 'text'}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(e.target.value)}
                error={issues[spec.key]}
                {...(spec.help ? { help: spec.help } : {})}
              />
            );
          })}
          {issues._ ? (
            <p role="alert" className="alert">
              {issues._}
            </p>
          ) : null}
          {children}
          <div className="actions">
            <button type="submit" className="primary small" disabled={busy}>
              {t('common.save')}
            </button>
            <button type="button" className="small" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </button>
            {saved ? (
              <button type="button" className="small danger" onClick={() => void save(null)} disabled={busy}>
                {t('caseFile.clear')}
              </button>
            ) : null}
          </div>
        </form>
      ) : saved ? (
        <>
          <dl className="fields">
            {fields.map((spec) => (
              <div key={spec.key} className="editable">
                <dt>{spec.label}</dt>
                <dd>{shown(spec, saved)}</dd>
              </div>
            ))}
          </dl>
          {children}
        </>
      ) : (
        <p className="muted">{t('common.none')}</p>
      )}
    </section>
  );
}

/** Draft text for an optional value. */
export const text = (value: string | number | undefined | null): string =>
  value === undefined || value === null ? '' : String(value);

/** The trimmed draft text, or undefined when empty. */
export const opt = (draft: Draft, key: string): string | undefined => {
  const value = draft[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** Drops undefined entries; undefined when nothing is left. */
export function compact<T extends Record<string, unknown>>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}
