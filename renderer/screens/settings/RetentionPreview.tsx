import { useTranslation } from 'react-i18next';
import type { PurgePreview, RetentionItem } from '../../../shared/channels/maintenance';
import { useDates } from '../../app/format';

// A purge preview, rule by rule: what would go (or whose family contacts would be cleared), and what a rule
// would have taken but keeps, each with the reason (an event still to come, a legal hold).

function useItemLabel() {
  const { t } = useTranslation();
  const { dateTime } = useDates();
  return (item: RetentionItem) => {
    if (item.kind === 'report')
      return [item.at ? dateTime(item.at) : null, item.label || null].filter(Boolean).join(' · ');
    return item.label || t('settings.retention.noName');
  };
}

export function RetentionPreview({ preview }: { preview: PurgePreview }) {
  const { t } = useTranslation();
  const label = useItemLabel();
  return (
    <>
      {preview.rules.map((outcome) => (
        <section key={outcome.rule} aria-labelledby={`purge-preview-${outcome.rule}`}>
          <h4 id={`purge-preview-${outcome.rule}`}>
            {t(`settings.retention.outcome.${outcome.rule}`, { count: outcome.items.length })}
          </h4>
          {outcome.items.length > 0 ? (
            <ul aria-label={t(`settings.retention.goes.${outcome.rule}`)}>
              {outcome.items.map((item) => (
                <li key={item.id}>{label(item)}</li>
              ))}
            </ul>
          ) : null}
          {outcome.kept.length > 0 ? (
            <>
              <p>{t('settings.retention.keptTitle', { count: outcome.kept.length })}</p>
              <ul aria-label={t(`settings.retention.keptList.${outcome.rule}`)}>
                {outcome.kept.map((item) => (
                  <li key={item.id}>
                    {t('settings.retention.keptItem', {
                      label: label(item),
                      reasons: item.reasons.map((r) => t(`settings.retention.reasons.${r}`)).join(', '),
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
    </>
  );
}
