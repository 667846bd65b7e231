import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DeadlineList } from './DeadlineList';
import { useDeadlines } from './useDeadlines';

/** The dashboard's card: what is overdue and what is due in the next seven days. */
export function DeadlinesCard() {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const { list, markDone, busyKey } = useDeadlines({ days: 7, limit: 10 });
  const rows = list.data?.rows ?? [];
  return (
    <section aria-labelledby="dashboard-deadlines-title" className="card">
      <h3 id="dashboard-deadlines-title">{t('deadlines.dashboardTitle')}</h3>
      <ErrorAlert code={list.error ?? markDone.error} />
      {list.data && rows.length === 0 ? <p>{t('dashboard.none')}</p> : null}
      <DeadlineList items={rows} onDone={(item) => void markDone.run(item)} busyKey={busyKey} />
      <button type="button" className="link" onClick={() => navigate({ section: 'deadlines' })}>
        {t('deadlines.seeAll')}
      </button>
    </section>
  );
}
