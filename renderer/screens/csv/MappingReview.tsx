import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/ipc';
import type { DateOrder } from '../../../shared/records/csv';
import { SelectField } from '../../components/SelectField';
import { targetLabel } from './labels';

type Report = ChannelOutput<'csv:import'>;

/** Every column with the field it goes to (changeable), and the order of date columns that can't tell. */
export function MappingReview(props: {
  kind: string;
  report: Report;
  mapping: Record<string, string>;
  onMapping(mapping: Record<string, string>): void;
  dateOrders: Record<string, DateOrder>;
  onDateOrders(orders: Record<string, DateOrder>): void;
}) {
  const { t } = useTranslation();
  const { report, mapping } = props;
  const options = report.targets.map((target) => ({
    value: target,
    label: targetLabel(t, props.kind, target),
  }));
  const unsure = report.dateColumns.filter((d) => d.ambiguous);
  return (
    <>
      <fieldset className="group csv-mapping">
        <legend>{t('csv.mapping')}</legend>
        <p className="hint">
          {t('csv.review')} {t(`csv.mappingSource.${report.mappingSource}`)}
        </p>
        {report.columns.map((column) => (
          <SelectField
            key={column}
            label={t('csv.column', { column })}
            value={mapping[column] ?? ''}
            emptyLabel={t('csv.skipColumn')}
            options={options}
            onChange={(target) => props.onMapping({ ...mapping, [column]: target })}
          />
        ))}
      </fieldset>
      {unsure.map(({ column }) => (
        <fieldset key={column} className="group">
          <legend>{t('csv.dateOrder', { column })}</legend>
          <p className="hint">{t('csv.dateOrderAsk', { column })}</p>
          <SelectField
            label={t('csv.dateOrder', { column })}
            value={props.dateOrders[column] ?? ''}
            emptyLabel="—"
            options={(['MDY', 'DMY'] as const).map((order) => ({
              value: order,
              label: t(`csv.dateOrders.${order}`),
            }))}
            onChange={(order) =>
              props.onDateOrders({ ...props.dateOrders, ...(order ? { [column]: order as DateOrder } : {}) })
            }
          />
        </fieldset>
      ))}
    </>
  );
}
