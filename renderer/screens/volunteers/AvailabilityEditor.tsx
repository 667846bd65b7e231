import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { useDateLocale } from '../../app/format';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import type { Problems, SlotDraft } from './volunteer-draft';

// Weekly availability: a day and a span of local time (in the office's zone), as many slots as needed.
// "Available now" in dispatch reads these.

const DAYS = [0, 1, 2, 3, 4, 5, 6] as const;

export function AvailabilityEditor({
  slots,
  problems,
  onChange,
}: {
  slots: SlotDraft[];
  problems: Problems;
  onChange(slots: SlotDraft[]): void;
}) {
  const { t } = useTranslation();
  const locale = useDateLocale();
  // 7 January 2024 was a Sunday (day 0).
  const dayName = (day: number) => format(new Date(2024, 0, 7 + day), 'EEEE', { locale });
  const set = (i: number, change: Partial<SlotDraft>) =>
    onChange(slots.map((slot, j) => (j === i ? { ...slot, ...change } : slot)));
  return (
    <fieldset className="card stack">
      <legend>{t('roster.availability')}</legend>
      {slots.length === 0 ? <p className="muted">{t('roster.noSlots')}</p> : null}
      {slots.map((slot, i) => (
        <div key={i} className="inline-form" role="group" aria-label={t('roster.slotN', { n: i + 1 })}>
          <SelectField
            label={t('roster.slotDay', { n: i + 1 })}
            value={String(slot.day)}
            options={DAYS.map((day) => ({ value: String(day), label: dayName(day) }))}
            onChange={(day) => set(i, { day: Number(day) })}
          />
          <Field
            type="time"
            label={t('roster.slotStart', { n: i + 1 })}
            value={slot.start}
            onChange={(e) => set(i, { start: e.target.value })}
          />
          <Field
            type="time"
            label={t('roster.slotEnd', { n: i + 1 })}
            value={slot.end}
            onChange={(e) => set(i, { end: e.target.value })}
            error={problems[`availability.${i}.end`] ? t(problems[`availability.${i}.end`]!) : undefined}
          />
          <button type="button" onClick={() => onChange(slots.filter((_, j) => j !== i))}>
            {t('roster.removeSlot', { n: i + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...slots, { day: 1, start: '09:00', end: '17:00' }])}>
        {t('roster.addSlot')}
      </button>
    </fieldset>
  );
}
