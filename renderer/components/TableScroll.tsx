import type { ReactNode } from 'react';

// A table wider than the window at small sizes scrolls sideways inside this box, never the whole screen. The
// first column (the name) stays in place while the rest scrolls (styles.css), so a row is never read without
// whom it is about. The box is a labelled region that takes focus, so the keyboard can scroll it too.
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
