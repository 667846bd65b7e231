import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../shared/ipc';
import { call, errorCode } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { SelectField } from '../components/SelectField';
import { CSV_FIELDS, type CsvKind } from './csv-fields';

type Report = ChannelOutput<'csv:import'>;

// CSV import in three steps: pick a file, map its columns to fields (same-name columns map themselves),
// check it (a dry run lists every bad row), then import the valid rows. Exports warn they are unencrypted.
export function CsvImport() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CsvKind>('person');
  const [text, setText] = useState<string | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fields = CSV_FIELDS[kind];

  const pick = async (file: File | undefined) => {
    setReport(null);
    setError(null);
    if (!file) return;
    const content = await file.text();
    setText(content);
    const probe = await call('csv:import', { kind, text: content, dryRun: true }).catch((e: unknown) => {
      setError(errorCode(e));
      return null;
    });
    const found = probe?.columns ?? [];
    setColumns(found);
    setMapping(Object.fromEntries(found.map((c) => [c, (fields as readonly string[]).includes(c) ? c : ''])));
  };

  const run = async (dryRun: boolean) => {
    if (text === null) return;
    setError(null);
    const used = Object.fromEntries(Object.entries(mapping).filter(([, field]) => field !== ''));
    try {
      setReport(await call('csv:import', { kind, text, mapping: used, dryRun }));
    } catch (caught) {
      setError(errorCode(caught));
    }
  };

  const exportCsv = async () => {
    if (!window.confirm(t('csv.exportWarning'))) return;
    try {
      const { csv } = await call('csv:export', { kind });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      link.download = `${kind}-export.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (caught) {
      setError(errorCode(caught));
    }
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
          setColumns([]);
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
              onChange={(field) => setMapping({ ...mapping, [column]: field })}
            />
          ))}
        </fieldset>
      ) : null}
      <div className="actions">
        <button type="button" disabled={text === null} onClick={() => void run(true)}>
          {t('csv.check')}
        </button>
        <button type="button" className="primary" disabled={text === null} onClick={() => void run(false)}>
          {t('csv.import')}
        </button>
        <button type="button" onClick={() => void exportCsv()}>
          {t('csv.export')}
        </button>
      </div>
      <ErrorAlert code={error} />
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
