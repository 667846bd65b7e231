import { createContext, useContext } from 'react';

// In-app navigation: a section id plus an optional record id (e.g. a person's detail page).
export interface Location {
  section: string;
  id?: string;
}

export const NavigationContext = createContext<{ location: Location; navigate(to: Location): void }>({
  location: { section: 'dashboard' },
  navigate: () => undefined,
});

export const useNavigation = () => useContext(NavigationContext);
