import { useNavigation } from '../app/navigation';
import { ReportDetail } from './reports/ReportDetail';
import { ReportList } from './reports/ReportList';

// Hotline reports of enforcement activity: the list (log one fast, filter, page) and one report's page
// (verify, close, dispatch volunteers, link people, start an intake).
export function ReportsScreen() {
  const { location } = useNavigation();
  return location.id ? <ReportDetail id={location.id} /> : <ReportList />;
}
