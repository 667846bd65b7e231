import { useEffect, useImperativeHandle, useRef, type ReactNode, type Ref } from 'react';
import { useAnnounce } from '../app/announcer';

/**
 * The one <h1> of a screen. When it mounts it is announced, and it takes focus unless the user is already
 * somewhere in this screen (a field the screen focused itself, or one they tabbed to while it loaded).
 * Every navigation remounts the screen (the shell keys it), so arriving anywhere lands here; a screen
 * that swaps its loading heading for its loaded one lands here again, as the old heading's focus is gone.
 */
export function ScreenHeading({
  children,
  id = 'section-title',
  className,
  ref: outer,
}: {
  children: ReactNode;
  id?: string;
  className?: string;
  /** For a screen that puts focus back on its heading later (the last row of a list was removed). */
  ref?: Ref<HTMLHeadingElement | null>;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useImperativeHandle<HTMLHeadingElement | null, HTMLHeadingElement | null>(outer, () => ref.current, []);
  const announce = useAnnounce();
  useEffect(() => {
    const heading = ref.current;
    if (!heading) return;
    const screen = heading.closest('main') ?? document.body;
    const active = document.activeElement;
    const settled = active && active !== document.body && screen.contains(active) && active !== heading;
    if (!settled) heading.focus();
    announce(heading.textContent ?? '');
    // Announced and focused on arrival only; a heading whose text changes later stays where it is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}
