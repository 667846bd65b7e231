import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_AGENCIES } from '../../../shared/model';
import { COUNTIES_NORCAL } from '../../../shared/records/places';
import { parseInput } from '../../../shared/ipc';
import { call } from '../../api';
import { localInstant, readDateTimeInput } from '../../app/dates/parse';
import { useEnumOptions } from '../../app/format';
import { useAction } from '../../app/useCall';
import { useDraft } from '../../app/useDraft';
import { CodeCombobox } from '../../components/CodeCombobox';
import { languageOptions } from '../../../shared/code-names';
import { DateField, dateFieldProblem, useDateOrder } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';

const EMPTY = {
  incidentAt: '',
  location: '',
  county: '',
  agency: '',
  description: '',
  vehicles: '',
  language: '',
  callbackPhone: '',
  callbackName: '',
};

/** A labelled multi-line field (what was seen, report-back notes). */
export function TextArea(props: { label: string; value: string; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <textarea id={id} rows={3} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

// Logging a call as it comes in: only the time received is required (the core stamps it on arrival of the
// form); everything else is what the caller can say.
export function LogReport({ onLogged }: { onLogged(): void }) {
  const { t, i18n } = useTranslation();
  const enumOptions = useEnumOptions();
  const order = useDateOrder();
  const languages = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const { draft, bind, set, reset } = useDraft(EMPTY);
  // The incident time as typed in the UI language's order; one that can't be read stops the log at its field.
  const [timeProblem, setTimeProblem] = useState<string | undefined>();
  // The language box keeps its own text: a new one for each report logged starts it empty.
  const [logged, setLogged] = useState(0);
  const action = useAction(async () => {
    const text = (value: string) => (value.trim() ? value.trim() : undefined);
    const problem = dateFieldProblem('datetime', draft.incidentAt, order);
    setTimeProblem(problem ? t(problem) : undefined);
    if (problem) return;
    const incident = readDateTimeInput(draft.incidentAt, order);
    const input = parseInput(
      'report:create',
      Object.fromEntries(
        Object.entries({
          receivedAt: new Date().toISOString(),
          incidentAt: incident.state === 'ok' ? localInstant(incident.date, incident.time) : undefined,
          location: text(draft.location),
          county: text(draft.county),
          agency: text(draft.agency),
          description: text(draft.description),
          vehicles: text(draft.vehicles),
          language: text(draft.language),
          callback: text(draft.callbackPhone)
            ? { phone: draft.callbackPhone.trim(), name: text(draft.callbackName) }
            : undefined,
        }).filter(([, v]) => v !== undefined),
      ),
    );
    await call('report:create', input);
    reset();
    setLogged((n) => n + 1);
    onLogged();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="log-report">
      <h2 id="log-report">{t('report.log')}</h2>
      <div className="inline-form">
        <DateField
          kind="datetime"
          label={t('report.incidentAt')}
          value={draft.incidentAt}
          onChange={set('incidentAt')}
          error={timeProblem}
        />
        <Field label={t('report.location')} {...bind('location')} />
        <SelectField
          label={t('report.county')}
          value={draft.county}
          emptyLabel="—"
          options={COUNTIES_NORCAL.map((c) => ({ value: c, label: c }))}
          onChange={set('county')}
        />
        <SelectField
          label={t('report.agency')}
          value={draft.agency}
          emptyLabel="—"
          options={enumOptions('reportAgency', REPORT_AGENCIES)}
          onChange={set('agency')}
        />
      </div>
      <TextArea label={t('report.description')} value={draft.description} onChange={set('description')} />
      <div className="inline-form">
        <Field label={t('report.vehicles')} {...bind('vehicles')} />
        <CodeCombobox
          key={logged}
          label={t('report.language')}
          value={draft.language}
          options={languages}
          onChange={set('language')}
        />
        <Field label={t('report.callbackPhone')} type="tel" {...bind('callbackPhone')} />
        <Field label={t('report.callbackName')} {...bind('callbackName')} />
      </div>
      <p className="field-help">{t('report.callbackHelp')}</p>
      <div>
        <button type="submit" className="primary" disabled={action.busy}>
          {t('report.log')}
        </button>
      </div>
      <ErrorAlert code={action.error} />
    </form>
  );
}
