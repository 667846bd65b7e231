import { useId } from 'react';

interface Option {
  value: string;
  label: string;
}

/** A labelled <select>; an empty option is offered when `emptyLabel` is given. */
export function SelectField(props: {
  label: string;
  value: string;
  options: readonly Option[];
  onChange(value: string): void;
  emptyLabel?: string;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.emptyLabel !== undefined ? <option value="">{props.emptyLabel}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
