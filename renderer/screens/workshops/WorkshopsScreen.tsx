import { useNavigation } from '../../app/navigation';
import { WorkshopDetail } from './WorkshopDetail';
import { WorkshopList } from './WorkshopList';

// Know-Your-Rights outreach: the workshops list with its totals, and one workshop's page.
export function WorkshopsScreen() {
  const { location } = useNavigation();
  return location.id ? <WorkshopDetail id={location.id} /> : <WorkshopList />;
}
