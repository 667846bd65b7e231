import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

// One polite live region for the whole window. Screens announce their arrival through it (ScreenHeading
// does), so a screen reader hears the page change even where focus lands on a field rather than the
// heading. It has no role: a role="status" here would be one more status on every screen.

type Announce = (message: string) => void;

const AnnouncerContext = createContext<Announce>(() => undefined);

export const useAnnounce = () => useContext(AnnouncerContext);

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const frame = useRef(0);
  const announce = useCallback<Announce>((next) => {
    // Emptied first, then filled on the next frame: the same words twice in a row are read twice.
    setMessage('');
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setMessage(next));
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}
