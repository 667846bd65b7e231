import { useTranslation } from 'react-i18next';
import { DISTRICTS, Habeas, OSC_STATUSES, TRO_STATUSES, type Person } from '../../../shared/model';
import { useDates } from '../../app/format';
import { compact, opt, SectionForm, text, type Draft } from './SectionForm';

// A habeas petition (28 U.S.C. §2241): the district court, case number, judge, filing date, TRO and order to
// show cause, when the government's return is due, and whether the court ordered no transfer.
export function HabeasCard({ person, onSave }: { person: Person; onSave(value: unknown): Promise<void> }) {
  const { t } = useTranslation();
  const dates = useDates();
  const saved = person.habeas;
  const date = (key: string) => (d: Draft) => (d[key] ? dates.date(d[key] as string) : '—');
  return (
    <SectionForm
      id="habeas"
      title={t('caseFile.habeas.title')}
      schema={Habeas}
      saved={
        saved
          ? {
              district: saved.district,
              caseNumber: text(saved.caseNumber),
              judge: text(saved.judge),
              filedOn: text(saved.filedOn),
              tro: text(saved.tro),
              osc: text(saved.osc),
              returnDue: text(saved.returnDue),
              noTransferOrder: saved.noTransferOrder === true,
            }
          : null
      }
      fields={[
        {
          key: 'district',
          label: t('caseFile.habeas.district'),
          type: 'select',
          options: DISTRICTS.map((d) => ({ value: d.key, label: d.name })),
        },
        { key: 'caseNumber', label: t('caseFile.habeas.caseNumber') },
        { key: 'judge', label: t('caseFile.habeas.judge') },
        { key: 'filedOn', label: t('caseFile.habeas.filedOn'), type: 'date', display: date('filedOn') },
        {
          key: 'tro',
          label: t('caseFile.habeas.tro'),
          type: 'select',
          options: TRO_STATUSES.map((value) => ({ value, label: t(`caseFile.tro.${value}`) })),
        },
        {
          key: 'osc',
          label: t('caseFile.habeas.osc'),
          type: 'select',
          options: OSC_STATUSES.map((value) => ({ value, label: t(`caseFile.osc.${value}`) })),
        },
        { key: 'returnDue', label: t('caseFile.habeas.returnDue'), type: 'date', display: date('returnDue') },
        { key: 'noTransferOrder', label: t('caseFile.habeas.noTransferOrder'), type: 'checkbox' },
      ]}
      build={(d: Draft) =>
        compact({
          district: opt(d, 'district') ?? '',
          caseNumber: opt(d, 'caseNumber'),
          judge: opt(d, 'judge'),
          filedOn: opt(d, 'filedOn'),
          tro: opt(d, 'tro'),
          osc: opt(d, 'osc'),
          returnDue: opt(d, 'returnDue'),
          noTransferOrder: d.noTransferOrder === true ? true : undefined,
        })
      }
      onSave={onSave}
    />
  );
}
