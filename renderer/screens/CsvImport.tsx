import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../shared/ipc';
import { call } from '../api';
import { runTask, useAction, useLoad } from '../app/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { JobProgress } from '../components/JobProgress';
import { SelectField } from '../components/SelectField';
import type { CsvKind } from '../../shared/channels/records';
import { CSV_FIELDS } from './csv-fields';

type Report = ChannelOutput<'csv:import'>;

// CSV import in three steps: pick a file, map its columns to fields (same-name columns map themselves),
// check it (a dry run lists every bad row), then import the valid rows. Exports warn they are unencrypted.
export function CsvImport() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CsvKind>('person');
  const [text, setText] = useState<string | null>(null);
  // The user's choices; a column not chosen yet maps to the field of the same name, if there is one.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [report, setReport] = useState<Report | null>(null);
  // Checking, importing and exporting share one error line.
  const action = useAction(runTask);
  // Checking and importing are jobs in the core: they report progress and can be cancelled.
  const [checking, setChecking] = useState(false);
  const fields = CSV_FIELDS[kind];

  // A dry run of the whole file, only to learn its columns; a newer file or kind replaces it.
  const probe = useLoad(
    async () => (text === null ? [] : (await call('csv:import', { kind, text, dryRun: true })).columns),
    [kind, text],
  );
  const columns = text === null || probe.error ? [] : (probe.data ?? []);
  const mapping = Object.fromEntries(
    columns.map((c) => [c, chosen[c] ?? ((fields as readonly string[]).includes(c) ? c : '')]),
  );

  const pick = async (file: File | undefined) => {
    setReport(null);
    action.reset();
    if (!file) return;
    setChosen({});
    setText(await file.text());
  };

  const run = (dryRun: boolean) => {
    if (text === null) return;
    const used = Object.fromEntries(Object.entries(mapping).filter(([, field]) => field !== ''));
    setChecking(true);
    void action
      .run(async () => setReport(await call('csv:import', { kind, text, mapping: used, dryRun })))
      .finally(() => setChecking(false));
  };

  const exportCsv = () => {
    if (!window.confirm(t('csv.exportWarning'))) return;
    void action.run(async () => {
      const { csv } = await call('csv:export', { kind });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      link.download = `${kind}-export.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    });
  };

  return (
    <section className="card" aria-labelledby="csv-title">
      <h3 id="csv-title">{t('csv.title')}</h3>
      <SelectField
        label={t('csv.kind')}
        value={kind}
        options={(['person', 'volunteer', 'attorney'] as const).map((k) => ({
          value: k,
          label: t(`csv.kinds.${k}`),
        }))}
        onChange={(value) => {
          setKind(value as CsvKind);
          setText(null);
          setReport(null);
        }}
      />
      <div className="field">
        <label htmlFor="csv-file">{t('csv.file')}</label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => void pick(e.target.files?.[0])}
        />
      </div>
      {columns.length > 0 ? (
        <fieldset className="group">
          <legend>{t('csv.mapping')}</legend>
          {columns.map((column) => (
            <SelectField
              key={column}
              label={t('csv.column', { column })}
              value={mapping[column] ?? ''}
              emptyLabel={t('csv.skipColumn')}
              options={fields.map((f) => ({ value: f, label: t(`person.${f}`, { defaultValue: f }) }))}
              onChange={(field) => setChosen({ ...chosen, [column]: field })}
            />
          ))}
        </fieldset>
      ) : null}
      <div className="actions">
        <button type="button" disabled={text === null} onClick={() => run(true)}>
          {t('csv.check')}
        </button>
        <button type="button" className="primary" disabled={text === null} onClick={() => run(false)}>
          {t('csv.import')}
        </button>
        <button type="button" onClick={exportCsv}>
          {t('csv.export')}
        </button>
      </div>
      {checking ? <JobProgress kinds={['csv-import']} /> : null}
      <ErrorAlert code={action.error ?? (text === null ? null : probe.error)} />
      {report ? (
        <div role="status">
          <p>
            {report.dryRun
              ? t('csv.dryRunResult', { valid: report.valid, skipped: report.skipped })
              : t('csv.result', { imported: report.imported, skipped: report.skipped })}
          </p>
          {report.errors.length > 0 ? (
            <table className="simple">
              <caption>{t('csv.errors')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('csv.row')}</th>
                  <th scope="col">{t('csv.field')}</th>
                  <th scope="col">{t('csv.message')}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.row}</td>
                    <td>{e.path}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
