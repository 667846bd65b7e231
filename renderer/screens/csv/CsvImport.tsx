import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_KINDS, type CsvKind } from '../../../shared/channels/records';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc';
import type { DateOrder, DuplicateChoice } from '../../../shared/records/csv';
import { call } from '../../api';
import { runTask, useAction } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { SelectField } from '../../components/SelectField';
import { MappingReview } from './MappingReview';
import { Preview } from './Preview';
import { Duplicates, Problems } from './Problems';

type Report = ChannelOutput<'csv:import'>;
type Split = { givenName: string; familyName: string };

// CSV import: pick a file and its columns are matched to fields at once (automatically, or as last time for
// a file with the same headers) and checked; review the matches, the date order, the "raw → stored"
// preview, every problem and the possible duplicates; check again after any change; then import the valid
// rows, exactly as the last check showed them. Exports warn they are unencrypted.
export function CsvImport() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CsvKind>('person');
  const [text, setText] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [dateOrders, setDateOrders] = useState<Record<string, DateOrder>>({});
  const [names, setNames] = useState<Record<string, Split>>({});
  const [choices, setChoices] = useState<Record<string, DuplicateChoice>>({});
  const [report, setReport] = useState<Report | null>(null);
  // The request the shown check answered: importing needs a check of exactly what would be imported.
  const [checkedKey, setCheckedKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const action = useAction(runTask);

  const request = (dryRun: boolean): ChannelInput<'csv:import'> | null =>
    text === null
      ? null
      : {
          kind,
          text,
          dryRun,
          ...(mapping ? { mapping } : {}),
          ...(Object.keys(dateOrders).length > 0 ? { dateOrders } : {}),
          ...(Object.keys(names).length > 0 ? { names } : {}),
          ...(Object.keys(choices).length > 0 ? { duplicates: choices } : {}),
        };
  const keyOf = (input: ChannelInput<'csv:import'> | null) =>
    input ? JSON.stringify({ ...input, dryRun: true }) : null;
  const checked =
    report !== null && report.dryRun && checkedKey !== null && checkedKey === keyOf(request(true));

  const run = (input: ChannelInput<'csv:import'> | null) => {
    if (!input) return;
    setBusy(true);
    void action
      .run(async () => {
        const result = await call('csv:import', input);
        setReport(result);
        if (result.dryRun) {
          setMapping(result.mapping);
          setCheckedKey(keyOf({ ...input, mapping: result.mapping }));
        } else setCheckedKey(null);
      })
      .finally(() => setBusy(false));
  };

  const reset = () => {
    setMapping(null);
    setDateOrders({});
    setNames({});
    setChoices({});
    setReport(null);
    setCheckedKey(null);
    action.reset();
  };

  const pick = async (file: File | undefined) => {
    reset();
    if (!file) return setText(null);
    const content = await file.text();
    setText(content);
    run({ kind, text: content, dryRun: true });
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
    <section className="card csv-import" aria-labelledby="csv-title">
      <h3 id="csv-title">{t('csv.title')}</h3>
      <SelectField
        label={t('csv.kind')}
        value={kind}
        options={CSV_KINDS.map((k) => ({ value: k, label: t(`csv.kinds.${k}`) }))}
        onChange={(value) => {
          setKind(value as CsvKind);
          setText(null);
          reset();
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
      {report && mapping ? (
        <MappingReview
          kind={kind}
          report={report}
          mapping={mapping}
          onMapping={setMapping}
          dateOrders={dateOrders}
          onDateOrders={setDateOrders}
        />
      ) : null}
      {report ? <Duplicates report={report} choices={choices} onChoices={setChoices} /> : null}
      <div className="actions">
        <button type="button" disabled={text === null || busy} onClick={() => run(request(true))}>
          {t('csv.check')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!checked || busy}
          aria-describedby={checked ? undefined : 'csv-needs-check'}
          onClick={() => run(request(false))}
        >
          {t('csv.import')}
        </button>
        <button type="button" onClick={exportCsv}>
          {t('csv.export')}
        </button>
      </div>
      {text !== null && !checked && !busy ? (
        <p id="csv-needs-check" className="hint">
          {t('csv.needsCheck')}
        </p>
      ) : null}
      {busy ? <JobProgress kinds={['csv-import']} /> : null}
      <ErrorAlert code={action.error} />
      {report ? (
        <div role="status">
          <p>
            {report.dryRun
              ? t('csv.dryRunResult', { valid: report.valid, skipped: report.skipped })
              : t('csv.result', { imported: report.imported, skipped: report.skipped })}
            {report.merged > 0 && !report.dryRun ? ` ${t('csv.merged', { count: report.merged })}` : null}
          </p>
        </div>
      ) : null}
      {report ? <Problems kind={kind} report={report} /> : null}
      {report?.dryRun ? <Preview kind={kind} report={report} names={names} onNames={setNames} /> : null}
    </section>
  );
}
