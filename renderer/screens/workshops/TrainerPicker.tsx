import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useLoad } from '../../app/useCall';
import { CheckboxGroup } from '../../components/CheckboxGroup';

// Trainers come from the roster: the volunteers with the Know-Your-Rights trainer role, and whoever is
// already named on this workshop (even if no longer in that role).
export function TrainerPicker({ ids, onChange }: { ids: string[]; onChange(ids: string[]): void }) {
  const { t } = useTranslation();
  const trainers = useLoad(async () => {
    const byRole = (await call('volunteer:find', { role: 'KYR_TRAINER', limit: 500 })).rows;
    const missing = ids.filter((id) => !byRole.some((v) => v.id === id));
    const named = await Promise.all(missing.map((id) => call('volunteer:get', { id }).catch(() => null)));
    return [...byRole, ...named.filter((v) => v !== null)];
  }, []);
  const options = (trainers.data ?? []).map((v) => ({
    value: v.id,
    label: `${v.givenName} ${v.familyName}`,
  }));
  return (
    <div className="stack">
      <CheckboxGroup legend={t('workshop.trainers')} options={options} values={ids} onChange={onChange} />
      {trainers.data && options.length === 0 ? (
        <p className="field-help">{t('workshop.noTrainers')}</p>
      ) : null}
    </div>
  );
}
