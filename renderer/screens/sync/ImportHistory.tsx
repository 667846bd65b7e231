import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/ipc';
import { useDates } from '../../app/format';

export type HistoryRow = ChannelOutput<'bundle:history'>[number];

/** Every bundle this office imported, by hand or from the inbox folder, and every inbox file it refused. */
export function ImportHistory({ rows }: { rows: HistoryRow[] }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <section className="card" aria-labelledby="history-title">
      <h3 id="history-title">{t('sync.history.title')}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('sync.history.none')}</p>
      ) : (
        <table className="simple">
          <caption className="visually-hidden">{t('sync.history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sync.history.when')}</th>
              <th scope="col">{t('sync.history.sender')}</th>
              <th scope="col">{t('sync.history.result')}</th>
              <th scope="col">{t('sync.history.new')}</th>
              <th scope="col">{t('sync.history.updated')}</th>
              <th scope="col">{t('sync.history.conflicts')}</th>
              <th scope="col">{t('sync.history.source')}</th>
              <th scope="col">{t('sync.history.bundle')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) =>
              row.outcome === 'imported' ? (
                <tr key={row.bundleId}>
                  <td>{dates.dateTime(row.importedAt)}</td>
                  <td>{row.senderName}</td>
                  <td>{t('sync.history.imported')}</td>
                  <td>{row.new}</td>
                  <td>{row.updated}</td>
                  <td>{row.conflicts}</td>
                  <td>{t(`sync.history.sources.${row.source}`)}</td>
                  <td className="mono">{row.bundleId}</td>
                </tr>
              ) : (
                <tr key={`refused-${row.id}`} className="refused">
                  <td>{dates.dateTime(row.refusedAt)}</td>
                  <td>{row.senderName ?? t('sync.notices.unknownSender')}</td>
                  <td>
                    {t('sync.history.refused', { reason: t(`errors.${row.code}`) })}{' '}
                    <span className="mono muted">{row.code}</span>
                  </td>
                  <td>–</td>
                  <td>–</td>
                  <td>–</td>
                  <td>{t(`sync.history.sources.${row.source}`)}</td>
                  <td className="mono">{row.file}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
