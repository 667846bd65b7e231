import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/ipc';
import type { DuplicateChoice } from '../../../shared/records/csv';
import { SelectField } from '../../components/SelectField';
import { problemText } from './labels';

type Report = ChannelOutput<'csv:import'>;

/** Every problem of every row as a sentence, errors then notes, by row. */
export function Problems(props: { kind: string; report: Report }) {
  const { t } = useTranslation();
  const groups = [
    { title: t('csv.errors'), items: props.report.errors.filter((e) => e.severity === 'error') },
    { title: t('csv.warnings'), items: props.report.errors.filter((e) => e.severity === 'warning') },
  ];
  return (
    <>
      {groups.map((group) =>
        group.items.length > 0 ? (
          <table key={group.title} className="simple csv-problems">
            <caption>{group.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('csv.row')}</th>
                <th scope="col">{t('csv.message')}</th>
              </tr>
            </thead>
            <tbody>
              {group.items.map((e, i) => (
                <tr key={i}>
                  <td>{e.row}</td>
                  <td>{problemText(t, props.kind, e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null,
      )}
    </>
  );
}

/** Rows that may be someone already known: skip, import anyway, or merge into the existing record. */
export function Duplicates(props: {
  report: Report;
  choices: Record<string, DuplicateChoice>;
  onChoices(choices: Record<string, DuplicateChoice>): void;
}) {
  const { t } = useTranslation();
  if (props.report.duplicates.length === 0) return null;
  return (
    <fieldset className="group">
      <legend>{t('csv.duplicatesTitle')}</legend>
      {props.report.duplicates.map((d) => {
        const reason = t(`csv.duplicateReason.${d.reason}`);
        const choices = d.matchId ? (['skip', 'import', 'merge'] as const) : (['skip', 'import'] as const);
        return (
          <div key={d.row} className="csv-duplicate">
            <p>
              {d.matchRow
                ? t('csv.duplicateOfRow', { row: d.row, other: d.matchRow, name: d.matchName, reason })
                : t('csv.duplicate', { row: d.row, name: d.matchName, reason })}
            </p>
            <SelectField
              label={t('csv.duplicateChoice', { row: d.row })}
              value={props.choices[String(d.row)] ?? d.choice}
              options={choices.map((c) => ({ value: c, label: t(`csv.duplicateChoices.${c}`) }))}
              onChange={(choice) =>
                props.onChoices({ ...props.choices, [String(d.row)]: choice as DuplicateChoice })
              }
            />
          </div>
        );
      })}
    </fieldset>
  );
}
