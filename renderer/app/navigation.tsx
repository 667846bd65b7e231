import { createContext, useContext, useEffect, useRef } from 'react';

// In-app navigation: a section id plus an optional record id (e.g. a person's detail page).
export interface Location {
  section: string;
  id?: string;
  /** The record a screen starts from (an intake from a hotline report, a merge from a person). */
  from?: string;
}

/** Asked before the shell leaves the current screen: true when something would be lost (a half-typed form). */
export type LeaveGuard = () => boolean;

export interface Navigation {
  location: Location;
  /** Goes to `to`, after asking first when the current screen holds unsaved input. */
  navigate(to: Location): void;
  /** Registers the current screen's guard; returns its removal. */
  guard(check: LeaveGuard): () => void;
}

export const NavigationContext = createContext<Navigation>({
  location: { section: 'dashboard' },
  navigate: () => undefined,
  guard: () => () => undefined,
});

export const useNavigation = () => useContext(NavigationContext);

/**
 * While `dirty()` is true, leaving this screen through the app's navigation asks first. Read at the moment
 * of leaving, so it always sees the latest draft.
 */
export function useLeaveGuard(dirty: () => boolean) {
  const { guard } = useNavigation();
  const current = useRef(dirty);
  useEffect(() => {
    current.current = dirty;
  });
  useEffect(() => guard(() => current.current()), [guard]);
}
