// A set of choices, any number of them: a fieldset whose legend names it, one labelled checkbox per choice.
export function CheckboxGroup<T extends string>({
  legend,
  options,
  values,
  onChange,
}: {
  legend: string;
  options: readonly { value: T; label: string }[];
  values: readonly T[];
  onChange(values: T[]): void;
}) {
  return (
    <fieldset className="checkbox-group">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="check">
          <input
            type="checkbox"
            checked={values.includes(option.value)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? options.map((o) => o.value).filter((v) => v === option.value || values.includes(v))
                  : values.filter((v) => v !== option.value),
              )
            }
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
