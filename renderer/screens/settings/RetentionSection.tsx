import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RETENTION_RULES,
  SUGGESTED_RETENTION,
  type PurgePreview,
  type RetentionRule,
  type RetentionRules,
} from '../../../shared/channels/maintenance';
import { call } from '../../api';
import { useAction, useCall } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RetentionPreview } from './RetentionPreview';

// Retention, one rule per kind of data, each off until turned on: closed cases, their family contacts,
// false-alarm and other hotline reports, inactive volunteers. Saved rules run at every unlock. "Preview a
// purge" runs the rules that are on in the form without changing anything, listing what would go and what
// is kept and why; "Purge now" then does exactly that.

const MAX: Record<RetentionRule, number> = {
  closedCaseDays: 3650,
  closedContactsDays: 3650,
  falseAlarmHours: 8760,
  reportDays: 3650,
  inactiveVolunteerMonths: 120,
};

type Form = Record<RetentionRule, { on: boolean; value: string }>;

const initialForm = (): Form =>
  Object.fromEntries(
    RETENTION_RULES.map((rule) => [rule, { on: false, value: String(SUGGESTED_RETENTION[rule]) }]),
  ) as Form;

const rulesOf = (form: Form): RetentionRules =>
  Object.fromEntries(
    RETENTION_RULES.map((rule) => [rule, form[rule].on ? Number(form[rule].value) : null]),
  ) as RetentionRules;

export function RetentionSection() {
  const { t } = useTranslation();
  const settings = useCall('retention:get');
  const [form, setForm] = useState<Form>(initialForm);
  const [saved, setSaved] = useState(false);
  const [preview, setPreview] = useState<PurgePreview | null>(null);
  const [previewed, setPreviewed] = useState<RetentionRules | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const stored = settings.data;
    if (!stored) return;
    setForm((current) => {
      const next = { ...current };
      for (const rule of RETENTION_RULES) {
        const value = stored[rule];
        next[rule] = value === null ? { ...current[rule], on: false } : { on: true, value: String(value) };
      }
      return next;
    });
  }, [settings.data]);

  const anyOn = RETENTION_RULES.some((rule) => form[rule].on);
  const clear = () => {
    setSaved(false);
    setDone(null);
  };

  const store = useAction(async () => {
    settings.replace(await call('retention:set', rulesOf(form)));
    setSaved(true);
  });
  const look = useAction(async () => {
    const rules = rulesOf(form);
    setPreview(await call('retention:preview', rules));
    setPreviewed(rules);
  });
  const purge = useAction(async (rules: RetentionRules) => {
    const result = await call('retention:purge', rules);
    setPreview(null);
    setDone(
      t('settings.retention.doneAll', {
        people: result.people,
        contacts: result.familyContacts,
        reports: result.reports,
        volunteers: result.volunteers,
      }),
    );
  });
  const busy = store.busy || look.busy || purge.busy;

  const save = (event: FormEvent) => {
    event.preventDefault();
    clear();
    void store.run();
  };
  const showPreview = () => {
    clear();
    setPreview(null);
    if (anyOn) void look.run();
  };
  const purgeNow = () => {
    if (!preview || !previewed) return;
    const count = preview.rules.reduce((sum, outcome) => sum + outcome.items.length, 0);
    if (!window.confirm(t('settings.retention.confirm', { count }))) return;
    void purge.run(previewed);
  };

  const set = (rule: RetentionRule, change: Partial<Form[RetentionRule]>) => {
    clear();
    setForm((current) => ({ ...current, [rule]: { ...current[rule], ...change } }));
  };

  return (
    <form className="card" onSubmit={save} aria-labelledby="retention-title">
      <h3 id="retention-title">{t('settings.retention.title')}</h3>
      <p>{t('settings.retention.intro')}</p>
      <p className="field-help">{t('settings.retention.keepNote')}</p>
      {RETENTION_RULES.map((rule) => (
        <fieldset key={rule} className="group">
          <legend>{t(`settings.retention.rules.${rule}.title`)}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={form[rule].on}
              onChange={(e) => set(rule, { on: e.target.checked })}
            />
            {t(`settings.retention.rules.${rule}.enable`)}
          </label>
          <Field
            label={t(`settings.retention.rules.${rule}.value`)}
            type="number"
            min={1}
            max={MAX[rule]}
            value={form[rule].value}
            disabled={!form[rule].on}
            onChange={(e) => set(rule, { value: e.target.value })}
            help={t(`settings.retention.rules.${rule}.help`, { value: SUGGESTED_RETENTION[rule] })}
          />
        </fieldset>
      ))}
      <ErrorAlert code={settings.error ?? store.error ?? look.error ?? purge.error} />
      {saved ? <p role="status">{t('settings.saved')}</p> : null}
      <div className="row">
        <button type="submit" disabled={busy}>
          {t('settings.save')}
        </button>
        <button type="button" disabled={busy} onClick={showPreview}>
          {t('settings.retention.preview')}
        </button>
      </div>
      {!anyOn && preview === null && look.error === null ? (
        <p className="field-help">{t('settings.retention.noRules')}</p>
      ) : null}
      {preview ? (
        <section aria-labelledby="purge-preview-title">
          <h4 id="purge-preview-title" className="visually-hidden">
            {t('settings.retention.previewTitle')}
          </h4>
          <RetentionPreview preview={preview} />
          {preview.rules.some((outcome) => outcome.items.length > 0) ? (
            <button type="button" className="danger" disabled={busy} onClick={purgeNow}>
              {t('settings.retention.purge')}
            </button>
          ) : null}
        </section>
      ) : null}
      {done !== null ? <p role="status">{done}</p> : null}
    </form>
  );
}
