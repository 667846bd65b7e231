import type { ReactElement } from 'react';
import { Placeholder } from '../screens/Placeholder';
import { Settings } from '../screens/Settings';

// The shell's sections, in navigation order. Each later feature replaces its placeholder here.
export interface Route {
  id: string;
  labelKey: string;
  render(): ReactElement;
}

const placeholder = (id: string): Route => ({
  id,
  labelKey: `nav.${id}`,
  render: () => <Placeholder titleKey={`nav.${id}`} />,
});

export const ROUTES: readonly Route[] = [
  placeholder('dashboard'),
  placeholder('people'),
  placeholder('volunteers'),
  placeholder('attorneys'),
  placeholder('reports'),
  placeholder('facilities'),
  placeholder('offices'),
  { id: 'settings', labelKey: 'nav.settings', render: () => <Settings /> },
];
