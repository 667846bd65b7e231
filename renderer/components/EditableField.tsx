import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

// In-place editing: a value with an Edit button; Enter (or Save) saves, Escape cancels.
interface Props {
  label: string;
  value: string;
  display?: string;
  options?: readonly { value: string; label: string }[];
  multiline?: boolean;
  type?: string;
  onSave(value: string): Promise<boolean>;
}

export function EditableField({ label, value, display, options, multiline, type, onSave }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const save = async () => {
    if (await onSave(draft)) setEditing(false);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setEditing(false);
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
            type="button"
            className="ghost small"
            aria-label={t('common.editField', { field: label })}
            onClick={() => {
              setDraft(value);
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
        <button type="button" className="primary small" onClick={() => void save()}>
          {t('common.save')}
        </button>
        <button type="button" className="small" onClick={() => setEditing(false)}>
          {t('common.cancel')}
        </button>
      </dd>
    </div>
  );
}
