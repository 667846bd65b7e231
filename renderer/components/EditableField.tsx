import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dateAsTyped, dateTimeAsTyped, localInstant } from '../app/dates/parse';
import { DateField, dateFieldProblem, readField, useDateOrder, type DateKind } from './DateField';

// In-place editing: a value with an Edit button; Enter (or Save) saves, Escape cancels. Leaving the editor
// any way puts focus back on the Edit button, never on the page body.
interface Props {
  label: string;
  value: string;
  display?: string;
  options?: readonly { value: string; label: string }[];
  multiline?: boolean;
  type?: string;
  /** A stored date (YYYY-MM-DD) or instant, edited as typed in the UI language's order. */
  date?: DateKind;
  onSave(value: string): Promise<boolean>;
}

export function EditableField({ label, value, display, options, multiline, type, date, onSave }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const order = useDateOrder();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const [returning, setReturning] = useState(false);
  useEffect(() => {
    if (!returning || editing) return;
    editButton.current?.focus();
    setReturning(false);
  }, [returning, editing]);

  const close = () => {
    setEditing(false);
    setReturning(true);
  };
  const save = async () => {
    let next = draft;
    if (date) {
      const reading = readField(date, draft, order);
      if (reading.state === 'invalid' || reading.state === 'partial') {
        setUnreadable(dateFieldProblem(date, draft, order));
        return;
      }
      next =
        reading.state === 'empty'
          ? ''
          : 'time' in reading
            ? localInstant(reading.date, reading.time)
            : reading.date;
    }
    if (await onSave(next)) close();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
    if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  };
  if (!editing) {
    return (
      <div className="editable">
        <dt>{label}</dt>
        <dd>
          <span>{display ?? (value || '—')}</span>
          <button
            ref={editButton}
            type="button"
            className="ghost small"
            aria-label={t('common.editField', { field: label })}
            onClick={() => {
              setDraft(
                date && value
                  ? date === 'date'
                    ? dateAsTyped(value, order)
                    : dateTimeAsTyped(value, order)
                  : value,
              );
              setUnreadable(null);
              setEditing(true);
            }}
          >
            {t('common.edit')}
          </button>
        </dd>
      </div>
    );
  }
  const common = { id, value: draft, autoFocus: true, onKeyDown: onKey };
  const buttons = (
    <>
      <button type="button" className="primary small" onClick={() => void save()}>
        {t('common.save')}
      </button>
      <button type="button" className="small" onClick={close}>
        {t('common.cancel')}
      </button>
    </>
  );
  if (date) {
    return (
      <div className="editable editing" onKeyDown={onKey}>
        {/* The field below carries the visible label. */}
        <dt className="visually-hidden">{label}</dt>
        <dd>
          <DateField
            kind={date}
            label={label}
            value={draft}
            autoFocus
            onChange={(text) => {
              setDraft(text);
              setUnreadable(null);
            }}
            error={unreadable ? t(unreadable) : undefined}
          />
          {buttons}
        </dd>
      </div>
    );
  }
  return (
    <div className="editable editing">
      <dt>
        <label htmlFor={id}>{label}</label>
      </dt>
      <dd>
        {options ? (
          <select {...common} onChange={(e) => setDraft(e.target.value)}>
            <option value="">—</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : multiline ? (
          <textarea {...common} rows={4} onChange={(e) => setDraft(e.target.value)} />
        ) : (
          <input {...common} type={type ?? 'text'} onChange={(e) => setDraft(e.target.value)} />
        )}
        {buttons}
      </dd>
    </div>
  );
}
