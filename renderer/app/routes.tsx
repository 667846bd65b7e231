import type { ReactElement } from 'react';
import { AttorneysScreen } from '../screens/attorneys/AttorneysScreen';
import { BondsScreen } from '../screens/bonds/BondsScreen';
import { Dashboard } from '../screens/Dashboard';
import { DeadlinesScreen } from '../screens/deadlines/DeadlinesScreen';
import { RecentlyDeleted } from '../screens/deleted/RecentlyDeleted';
import { FacilitiesScreen } from '../screens/FacilitiesScreen';
import { PeopleScreen } from '../screens/people/PeopleScreen';
import { ReportsScreen } from '../screens/ReportsScreen';
import { Settings } from '../screens/Settings';
import { OfficesScreen } from '../screens/sync/OfficesScreen';
import { VolunteersScreen } from '../screens/volunteers/VolunteersScreen';
import { WorkshopsScreen } from '../screens/workshops/WorkshopsScreen';

// The shell's sections, in navigation order.
export interface Route {
  id: string;
  labelKey: string;
  render(): ReactElement;
}

export const ROUTES: readonly Route[] = [
  { id: 'dashboard', labelKey: 'nav.dashboard', render: () => <Dashboard /> },
  { id: 'people', labelKey: 'nav.people', render: () => <PeopleScreen /> },
  { id: 'deadlines', labelKey: 'nav.deadlines', render: () => <DeadlinesScreen /> },
  { id: 'volunteers', labelKey: 'nav.volunteers', render: () => <VolunteersScreen /> },
  { id: 'attorneys', labelKey: 'nav.attorneys', render: () => <AttorneysScreen /> },
  { id: 'bonds', labelKey: 'nav.bonds', render: () => <BondsScreen /> },
  { id: 'reports', labelKey: 'nav.reports', render: () => <ReportsScreen /> },
  { id: 'workshops', labelKey: 'nav.workshops', render: () => <WorkshopsScreen /> },
  { id: 'facilities', labelKey: 'nav.facilities', render: () => <FacilitiesScreen /> },
  { id: 'offices', labelKey: 'nav.offices', render: () => <OfficesScreen /> },
  { id: 'deleted', labelKey: 'nav.deleted', render: () => <RecentlyDeleted /> },
  { id: 'settings', labelKey: 'nav.settings', render: () => <Settings /> },
];
