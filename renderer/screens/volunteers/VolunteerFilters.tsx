import { useTranslation } from 'react-i18next';
import { VOLUNTEER_ROLES } from '../../../shared/model';
import { COUNTIES_NORCAL } from '../../../shared/records/places';
import { useEnumOptions } from '../../app/format';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';

export interface Filters {
  language: string;
  county: string;
  role: string;
  training: string;
  availableNow: boolean;
}

export const NO_FILTERS: Filters = { language: '', county: '', role: '', training: '', availableNow: false };

// The roster's filters: language, county, role, training (current or expired) and who is available now.
export function VolunteerFilters({ filters, onChange }: { filters: Filters; onChange(f: Filters): void }) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  return (
    <div className="filters">
      <Field
        label={t('volunteer.language')}
        value={filters.language}
        onChange={(e) => onChange({ ...filters, language: e.target.value })}
        placeholder="es"
      />
      <SelectField
        label={t('volunteer.county')}
        value={filters.county}
        emptyLabel={t('common.any')}
        options={COUNTIES_NORCAL.map((c) => ({ value: c, label: c }))}
        onChange={(county) => onChange({ ...filters, county })}
      />
      <SelectField
        label={t('volunteer.role')}
        value={filters.role}
        emptyLabel={t('common.any')}
        options={enumOptions('volunteerRole', VOLUNTEER_ROLES)}
        onChange={(role) => onChange({ ...filters, role })}
      />
      <SelectField
        label={t('volunteer.training')}
        value={filters.training}
        emptyLabel={t('common.any')}
        options={[
          { value: 'CURRENT', label: t('volunteer.trainingCurrent') },
          { value: 'EXPIRED', label: t('volunteer.trainingExpired') },
        ]}
        onChange={(training) => onChange({ ...filters, training })}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={filters.availableNow}
          onChange={(e) => onChange({ ...filters, availableNow: e.target.checked })}
        />
        {t('volunteer.availableNow')}
      </label>
    </div>
  );
}
