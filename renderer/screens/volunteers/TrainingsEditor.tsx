import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { Field } from '../../components/Field';
import type { Problems, TrainingDraft } from './volunteer-draft';

// A volunteer's trainings: what (legal observer, KYR…), when completed, when it expires. One fieldset per
// training, named by its number, so each field's label says which training it belongs to.
export function TrainingsEditor({
  trainings,
  problems,
  onChange,
}: {
  trainings: TrainingDraft[];
  problems: Problems;
  onChange(trainings: TrainingDraft[]): void;
}) {
  const { t } = useTranslation();
  const set = (i: number, change: Partial<TrainingDraft>) =>
    onChange(trainings.map((tr, j) => (j === i ? { ...tr, ...change } : tr)));
  const error = (path: string) => (problems[path] ? t(problems[path]) : undefined);
  return (
    <fieldset className="card stack">
      <legend>{t('roster.trainings')}</legend>
      {trainings.length === 0 ? <p className="muted">{t('roster.noTrainings')}</p> : null}
      {trainings.map((tr, i) => (
        <fieldset key={i} className="inline-form">
          <legend>{t('roster.trainingN', { n: i + 1 })}</legend>
          <Field
            label={t('roster.trainingKind', { n: i + 1 })}
            value={tr.kind}
            onChange={(e) => set(i, { kind: e.target.value })}
            error={error(`trainings.${i}.kind`)}
          />
          <DateField
            kind="date"
            label={t('roster.completedOn', { n: i + 1 })}
            value={tr.completedOn}
            onChange={(completedOn) => set(i, { completedOn })}
            error={error(`trainings.${i}.completedOn`)}
          />
          <DateField
            kind="date"
            label={t('roster.expiresOn', { n: i + 1 })}
            value={tr.expiresOn}
            onChange={(expiresOn) => set(i, { expiresOn })}
            error={error(`trainings.${i}.expiresOn`)}
          />
          <button type="button" onClick={() => onChange(trainings.filter((_, j) => j !== i))}>
            {t('roster.removeTraining', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => onChange([...trainings, { kind: '', completedOn: '', expiresOn: '' }])}
      >
        {t('roster.addTraining')}
      </button>
    </fieldset>
  );
}
