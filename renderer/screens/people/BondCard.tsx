import { useTranslation } from 'react-i18next';
import { Bond, BOND_DECISIONS, type Person } from '../../../shared/model';
import { useDates } from '../../app/format';
import { compact, opt, SectionForm, text, type Draft } from './SectionForm';

// Bond: requested, decided (granted with an amount, denied, no jurisdiction), paid, by whom (a name only),
// the receipt. The bond hearing is on the timeline like every hearing.
export function BondCard({
  person,
  hearing,
  onSave,
}: {
  person: Person;
  hearing: string | null;
  onSave(value: unknown): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const saved = person.bond;
  const money = new Intl.NumberFormat(i18n.language, {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: 0,
  });
  const date = (key: string) => (d: Draft) => (d[key] ? dates.date(d[key] as string) : '—');
  return (
    <SectionForm
      id="bond"
      title={t('caseFile.bond.title')}
      schema={Bond}
      saved={
        saved
          ? {
              requestedOn: text(saved.requestedOn),
              decision: text(saved.decision),
              decidedOn: text(saved.decidedOn),
              amount: text(saved.amount),
              paidOn: text(saved.paidOn),
              paidBy: text(saved.paidBy),
              receipt: text(saved.receipt),
            }
          : null
      }
      fields={[
        {
          key: 'requestedOn',
          label: t('caseFile.bond.requestedOn'),
          type: 'date',
          display: date('requestedOn'),
        },
        {
          key: 'decision',
          label: t('caseFile.bond.decision'),
          type: 'select',
          options: BOND_DECISIONS.map((value) => ({ value, label: t(`caseFile.bondStatus.${value}`) })),
        },
        { key: 'decidedOn', label: t('caseFile.bond.decidedOn'), type: 'date', display: date('decidedOn') },
        {
          key: 'amount',
          label: t('caseFile.bond.amount'),
          type: 'number',
          help: t('caseFile.bond.amountHelp'),
          display: (d) => (d.amount ? money.format(Number(d.amount)) : '—'),
        },
        { key: 'paidOn', label: t('caseFile.bond.paidOn'), type: 'date', display: date('paidOn') },
        { key: 'paidBy', label: t('caseFile.bond.paidBy'), help: t('caseFile.bond.privacy') },
        { key: 'receipt', label: t('caseFile.bond.receipt') },
      ]}
      build={(d: Draft) => {
        const amount = opt(d, 'amount');
        return compact({
          requestedOn: opt(d, 'requestedOn'),
          decision: opt(d, 'decision'),
          decidedOn: opt(d, 'decidedOn'),
          amount: amount === undefined ? undefined : Number(amount),
          paidOn: opt(d, 'paidOn'),
          paidBy: opt(d, 'paidBy'),
          receipt: opt(d, 'receipt'),
        });
      }}
      onSave={onSave}
    >
      <p className="field-help">
        {t('caseFile.bond.hearing')}: {hearing ? dates.dateTime(hearing) : t('caseFile.bond.noHearing')}
      </p>
      <p className="field-help">{t('caseFile.bond.privacy')}</p>
    </SectionForm>
  );
}
