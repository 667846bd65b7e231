import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { countryName, languageName } from '../../../shared/code-names';
import type { ChannelOutput } from '../../../shared/ipc';
import { storedValueText } from './labels';

type Report = ChannelOutput<'csv:import'>;
type Split = { givenName: string; familyName: string };
type Cell = Report['preview'][number]['cells'][number];

/** Codes shown by name, the code after it: "es, qmx" is "Spanish (es), Mixtec (qmx)"; enum keys by name. */
function storedText(t: TFunction, kind: string, target: string, cell: Cell, locale: string): string {
  if (!cell.codes) return storedValueText(t, kind, target, cell.stored);
  const name = cell.codes === 'language' ? languageName : countryName;
  return cell.stored
    .split(', ')
    .map((code) => `${name(code, locale)} (${code})`)
    .join(', ');
}

/** The first rows as "raw → stored"; a full-name column's split can be corrected here. */
export function Preview(props: {
  kind: string;
  report: Report;
  names: Record<string, Split>;
  onNames(names: Record<string, Split>): void;
}) {
  const { t, i18n } = useTranslation();
  const { report } = props;
  if (report.preview.length === 0) return null;
  const edit = (row: number, split: Split) => props.onNames({ ...props.names, [String(row)]: split });
  return (
    <div className="table-scroll">
      <table className="simple csv-preview">
        <caption>
          {t('csv.preview')}: {t('csv.previewCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('csv.row')}</th>
            <th scope="col">{t('csv.field')}</th>
          </tr>
        </thead>
        <tbody>
          {report.preview.map((line) => {
            const split = props.names[String(line.row)] ?? line.name;
            return (
              <tr key={line.row}>
                <th scope="row">{line.row}</th>
                <td>
                  {split ? (
                    <span className="csv-name">
                      <label>
                        {t('csv.givenName', { row: line.row })}
                        <input
                          value={split.givenName}
                          onChange={(e) => edit(line.row, { ...split, givenName: e.target.value })}
                        />
                      </label>
                      <label>
                        {t('csv.familyName', { row: line.row })}
                        <input
                          value={split.familyName}
                          onChange={(e) => edit(line.row, { ...split, familyName: e.target.value })}
                        />
                      </label>
                    </span>
                  ) : null}
                  <ul className="csv-cells">
                    {line.cells
                      .filter((cell) => report.mapping[cell.column] !== 'fullName')
                      .map((cell) => (
                        <li key={cell.column}>
                          <span className="csv-column">{cell.column}:</span>{' '}
                          {cell.stored === ''
                            ? t('csv.storedEmpty', { raw: cell.raw })
                            : t('csv.stored', {
                                raw: cell.raw,
                                stored: storedText(
                                  t,
                                  props.kind,
                                  report.mapping[cell.column] ?? '',
                                  cell,
                                  i18n.language,
                                ),
                              })}
                        </li>
                      ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
