import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BOND_STATUSES, type BondStatus } from '../../../shared/channels/case-file';
import { useDates } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { useCall } from '../../app/useCall';
import { useFacilities } from '../../app/useFacilities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableScroll } from '../../components/TableScroll';
import { ScreenHeading } from '../../components/ScreenHeading';
import { SelectField } from '../../components/SelectField';

// Bonds for a bond fund: granted and unpaid first (the money is needed), then requested, paid, denied and
// no jurisdiction; within a status, the longest waiting first. The obligor is a name only.
export function BondsScreen() {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const facilities = useFacilities();
  const { navigate } = useNavigation();
  const [status, setStatus] = useState<BondStatus | ''>('');
  const bonds = useCall('bond:list', status ? { status, limit: 500 } : { limit: 500 });
  const money = new Intl.NumberFormat(i18n.language, {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: 0,
  });
  const rows = bonds.data?.rows ?? [];
  const date = (value: string | null) => (value ? dates.date(value) : '—');
  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('caseFile.bonds.title')}</ScreenHeading>
      <p className="muted">{t('caseFile.bonds.intro')}</p>
      <SelectField
        label={t('caseFile.bonds.status')}
        value={status}
        emptyLabel={t('caseFile.bonds.all')}
        options={BOND_STATUSES.map((value) => ({ value, label: t(`caseFile.bondStatus.${value}`) }))}
        onChange={(value) => setStatus(value as BondStatus | '')}
      />
      <ErrorAlert code={bonds.error} />
      <p role="status">{t('caseFile.bonds.count', { count: bonds.data?.total ?? 0 })}</p>
      <TableScroll label={t('common.table', { name: t('caseFile.bonds.title') })}>
        <table className="simple">
          <caption className="visually-hidden">{t('caseFile.bonds.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('person.name')}</th>
              <th scope="col">{t('caseFile.bonds.status')}</th>
              <th scope="col">{t('caseFile.bond.amount')}</th>
              <th scope="col">{t('caseFile.bond.hearing')}</th>
              <th scope="col">{t('caseFile.bond.decidedOn')}</th>
              <th scope="col">{t('caseFile.bond.paidOn')}</th>
              <th scope="col">{t('caseFile.bond.paidBy')}</th>
              <th scope="col">{t('person.facility')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.personId}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => navigate({ section: 'people', id: row.personId })}
                  >
                    {row.givenName} {row.familyName}
                  </button>
                </td>
                <td>
                  <span className={`status status-${row.status.toLowerCase()}`}>
                    {t(`caseFile.bondStatus.${row.status}`)}
                  </span>
                </td>
                <td>{row.amount === null ? '—' : money.format(row.amount)}</td>
                <td>{row.hearingAt ? dates.dateTime(row.hearingAt) : '—'}</td>
                <td>{date(row.decidedOn ?? row.requestedOn)}</td>
                <td>{date(row.paidOn)}</td>
                <td>{row.paidBy ?? '—'}</td>
                <td>{facilities.find((f) => f.id === row.facilityId)?.name ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="field-help">{t('caseFile.bond.privacy')}</p>
    </section>
  );
}
