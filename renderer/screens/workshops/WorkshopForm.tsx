import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Workshop } from '../../../shared/model';
import { COUNTIES_NORCAL } from '../../../shared/records/places';
import { call } from '../../api';
import { useLeaveGuard } from '../../app/navigation';
import { useAction } from '../../app/useCall';
import { CodeCombobox } from '../../components/CodeCombobox';
import { languageOptions } from '../../../shared/code-names';
import { DateField, useDateOrder } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { TrainerPicker } from './TrainerPicker';
import {
  createInput,
  EMPTY_WORKSHOP,
  workshopDraft,
  workshopValues,
  type WorkshopDraft,
} from './workshop-draft';

// A Know-Your-Rights workshop, new or to edit: when and where, in which language, who hosted and who gave
// it, how many came and how many red cards were handed out.
export function WorkshopForm({ workshop, onSaved }: { workshop?: Workshop; onSaved(w: Workshop): void }) {
  const { t, i18n } = useTranslation();
  const order = useDateOrder();
  const initial = useMemo(
    () => (workshop ? workshopDraft(workshop, order) : EMPTY_WORKSHOP),
    [workshop, order],
  );
  const [draft, setDraft] = useState<WorkshopDraft>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const languages = useMemo(() => languageOptions(i18n.language), [i18n.language]);
  const counties = [...new Set([...COUNTIES_NORCAL, ...(draft.county ? [draft.county] : [])])];
  useLeaveGuard(() => JSON.stringify(draft) !== JSON.stringify(initial));

  const set =
    <K extends keyof WorkshopDraft>(key: K) =>
    (value: WorkshopDraft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));
  const message = (key: string) => {
    const code = problems[key];
    return code ? t(code) : undefined;
  };

  const save = useAction(async () => {
    const result = workshopValues(draft, order);
    if ('problems' in result) {
      setProblems(result.problems);
      return;
    }
    setProblems({});
    const saved = workshop
      ? await call('workshop:update', { id: workshop.id, patch: result.values })
      : await call('workshop:create', createInput(result.values));
    setDraft(workshopDraft(saved, order));
    onSaved(saved);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const count = Object.keys(problems).length;

  return (
    <form
      className="stack"
      onSubmit={submit}
      aria-label={workshop ? t('workshop.edit') : t('workshop.add')}
      noValidate
    >
      <ErrorAlert code={save.error} />
      {count > 0 ? (
        <p role="alert" className="field-error">
          {t('roster.problems', { count })}
        </p>
      ) : null}
      <div className="card inline-form">
        <DateField
          kind="date"
          label={`${t('workshop.date')} *`}
          value={draft.date}
          onChange={set('date')}
          error={message('date')}
        />
        <SelectField
          label={`${t('workshop.county')} *`}
          value={draft.county}
          emptyLabel="—"
          options={counties.map((c) => ({ value: c, label: c }))}
          onChange={set('county')}
        />
        <CodeCombobox
          label={`${t('workshop.language')} *`}
          value={draft.language}
          options={languages}
          error={message('language')}
          onChange={set('language')}
        />
        <Field
          label={t('workshop.host')}
          value={draft.hostOrganization}
          onChange={(e) => set('hostOrganization')(e.target.value)}
        />
        <Field
          label={t('workshop.attendees')}
          type="number"
          min={0}
          value={draft.attendees}
          onChange={(e) => set('attendees')(e.target.value)}
          error={message('attendees')}
        />
        <Field
          label={t('workshop.cards')}
          type="number"
          min={0}
          value={draft.cardsHandedOut}
          onChange={(e) => set('cardsHandedOut')(e.target.value)}
          error={message('cardsHandedOut')}
        />
      </div>
      {message('county') ? <p className="field-error">{message('county')}</p> : null}
      <TrainerPicker ids={draft.trainerIds} onChange={set('trainerIds')} />
      <div className="field">
        <label htmlFor="workshop-notes">{t('workshop.notes')}</label>
        <textarea
          id="workshop-notes"
          rows={3}
          value={draft.notes}
          onChange={(e) => set('notes')(e.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {workshop ? t('common.save') : t('workshop.add')}
        </button>
      </div>
    </form>
  );
}
