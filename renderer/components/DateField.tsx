import { format, parse } from 'date-fns';
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateLocale } from '../app/format';
import {
  orderFor,
  readDateInput,
  readDateTimeInput,
  type DateOrder,
  type DateReading,
  type DateTimeReading,
} from '../app/dates/parse';
import { Field } from './Field';

// A date, or a date and a time of day, typed the way people type them (12052026 0930, 12/05/2026 9:30 pm,
// 12-05-2026 21:30) in the UI language's order. What the field will save is shown under it as it is read;
// a value it can't read, or half a value, is flagged at the field once the user leaves it, and the form's
// submit asks `dateFieldProblem` so nothing unreadable is ever saved as a blank.

export type DateKind = 'date' | 'datetime';

export function useDateOrder(): DateOrder {
  const { i18n } = useTranslation();
  return orderFor(i18n.language);
}

export function readField(kind: DateKind, text: string, order: DateOrder): DateReading | DateTimeReading {
  return kind === 'date' ? readDateInput(text, order) : readDateTimeInput(text, order);
}

// Whether a mouse button or finger is down. Leaving the field by pressing a button (Save) must not show the
// field's message during the press: the message pushes the button down, the release lands elsewhere and the
// click is lost. The message then shows once the press is over.
let pressing = false;
let afterPress: (() => void)[] = [];
if (typeof document !== 'undefined') {
  document.addEventListener('pointerdown', () => (pressing = true), true);
  const release = () => {
    pressing = false;
    const waiting = afterPress;
    afterPress = [];
    // After the click that follows the release.
    setTimeout(() => waiting.forEach((show) => show()));
  };
  document.addEventListener('pointerup', release, true);
  document.addEventListener('pointercancel', release, true);
}
function whenReleased(show: () => void) {
  if (pressing) afterPress.push(show);
  else show();
}

/** The field's message key when its text can't be saved as it is, else null. */
export function dateFieldProblem(kind: DateKind, text: string, order: DateOrder): string | null {
  const reading = readField(kind, text, order);
  if (reading.state === 'invalid')
    return kind === 'date' ? 'dateInput.invalidDate' : 'dateInput.invalidDateTime';
  if (reading.state === 'partial')
    return reading.missing === 'time' ? 'dateInput.missingTime' : 'dateInput.missingDate';
  return null;
}

export function DateField({
  label,
  kind,
  value,
  onChange,
  error,
  required,
  autoFocus,
  ref,
}: {
  label: string;
  kind: DateKind;
  /** The text as typed. */
  value: string;
  onChange(text: string): void;
  /** A message from the form (its submit found the field unreadable, or the core refused it). */
  error?: string | undefined;
  required?: boolean;
  autoFocus?: boolean;
  ref?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const order = useDateOrder();
  const locale = useDateLocale();
  const [left, setLeft] = useState(false);
  const reading = readField(kind, value, order);
  const problem = dateFieldProblem(kind, value, order);
  const shown = error ?? (left && problem ? t(problem) : undefined);
  const preview =
    reading.state === 'ok'
      ? 'time' in reading
        ? format(parse(`${reading.date} ${reading.time}`, 'yyyy-MM-dd HH:mm', new Date()), 'PPPP p', {
            locale,
          })
        : format(parse(reading.date, 'yyyy-MM-dd', new Date()), 'PPPP', { locale })
      : null;
  const hint = t(kind === 'date' ? `dateInput.hint.date${order}` : `dateInput.hint.dateTime${order}`);
  return (
    <Field
      ref={ref}
      label={label}
      value={value}
      inputMode="text"
      autoComplete="off"
      spellCheck={false}
      required={required}
      autoFocus={autoFocus}
      onChange={(event) => onChange(event.target.value)}
      onBlur={() => whenReleased(() => setLeft(true))}
      error={shown}
      help={
        preview ? (
          <span>
            <span className="visually-hidden">{t('dateInput.readsAs')} </span>
            <strong className="date-preview">{preview}</strong>
          </span>
        ) : (
          hint
        )
      }
    />
  );
}
