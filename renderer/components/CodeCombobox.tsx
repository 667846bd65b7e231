import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { exactOption, matchOptions, type CodeOption } from '../../shared/code-names';

// An accessible combobox (WAI-ARIA 1.2 "list autocomplete") that picks one code by its name: type "México",
// "Mexico" or "MX" and choose with the arrows and Enter, or the mouse. On leaving the field, text that names
// exactly one option picks it (as soon as it is typed); other text is kept and flagged, never stored as a
// guess.

interface Props {
  label: string;
  /** The chosen code, or '' for none. */
  value: string;
  options: readonly CodeOption[];
  onChange(code: string): void;
  help?: string;
  error?: string | undefined;
  /** Clears the text after a pick (adding to a list). */
  clearOnPick?: boolean;
  autoFocus?: boolean;
  /** In a form sent later: the value follows the text as it is typed (else it changes on a pick). */
  live?: boolean;
}

export function CodeCombobox({
  label,
  value,
  options,
  onChange,
  help,
  error,
  clearOnPick,
  autoFocus,
  live,
}: Props) {
  const { t } = useTranslation();
  const id = useId();
  const listId = `${id}-list`;
  const labelOf = (code: string) => options.find((o) => o.value === code)?.label ?? code;
  const [text, setText] = useState(() => (value ? labelOf(value) : ''));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [unknown, setUnknown] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => (open ? matchOptions(options, text, 50) : []), [open, options, text]);

  const pick = (option: CodeOption) => {
    onChange(option.value);
    setText(clearOnPick ? '' : option.label);
    setOpen(false);
    setUnknown(false);
  };

  const commit = () => {
    setOpen(false);
    if (text.trim() === '') {
      setUnknown(false);
      if (value && !clearOnPick) onChange('');
      return;
    }
    if (!clearOnPick && value && text === labelOf(value)) return;
    const exact = exactOption(options, text);
    if (exact) pick(exact);
    else setUnknown(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((i) => Math.min(i + 1, matches.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      const chosen = open ? matches[active] : undefined;
      if (chosen) {
        event.preventDefault();
        pick(chosen);
      } else if (clearOnPick && text.trim()) {
        event.preventDefault();
        commit();
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  const helpId = help ? `${id}-help` : undefined;
  const message = error ?? (unknown ? t('combobox.noMatch', { text: text.trim() }) : undefined);
  const errorId = message ? `${id}-error` : undefined;
  const activeId = open && matches[active] ? `${id}-opt-${matches[active].value}` : undefined;

  return (
    <div className="field combobox">
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        autoFocus={autoFocus}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={message ? true : undefined}
        aria-describedby={[helpId, errorId].filter(Boolean).join(' ') || undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
          setUnknown(false);
          // A single value follows the text: what names one option exactly is chosen (so a form sent
          // from this field has it); anything else is no choice yet.
          if (live && !clearOnPick) onChange(exactOption(options, event.target.value)?.value ?? '');
        }}
        onKeyDown={onKeyDown}
        onBlur={commit}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        className="combobox-list"
        hidden={!open || matches.length === 0}
      >
        {matches.map((option, i) => (
          <li
            key={option.value}
            id={`${id}-opt-${option.value}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            // Picks before the input's blur would commit the typed text.
            onMouseDown={(event) => {
              event.preventDefault();
              pick(option);
            }}
          >
            {option.label} <span className="muted">{option.value}</span>
          </li>
        ))}
      </ul>
      {help ? (
        <p id={helpId} className="field-help">
          {help}
        </p>
      ) : null}
      {message ? (
        <p id={errorId} className="field-error">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** A list of codes (languages): each added through the combobox, each removable. */
export function CodeListField({
  label,
  values,
  options,
  nameOf,
  onChange,
  help,
}: {
  label: string;
  values: readonly string[];
  options: readonly CodeOption[];
  nameOf(code: string): string;
  onChange(values: string[]): void;
  help?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="code-list">
      {values.length > 0 ? (
        <ul className="plain chips" aria-label={label}>
          {values.map((code) => (
            <li key={code}>
              {nameOf(code)}{' '}
              <button
                type="button"
                className="ghost small"
                aria-label={t('combobox.remove', { name: nameOf(code) })}
                onClick={() => onChange(values.filter((v) => v !== code))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <CodeCombobox
        label={label}
        value=""
        options={options}
        clearOnPick
        {...(help ? { help } : {})}
        onChange={(code) => {
          if (code && !values.includes(code)) onChange([...values, code]);
        }}
      />
    </div>
  );
}
