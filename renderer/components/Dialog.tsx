import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * The app's modal <dialog>: focus moves into it, Escape closes it, and the page behind is inert. When it closes,
 * focus goes back to the control that opened it, or to `returnFocus()` when that control is gone (a row
 * that was just deleted), so keyboard users carry on where they were.
 */
export function Dialog(props: {
  title: string;
  onClose(): void;
  children: ReactNode;
  returnFocus?: () => HTMLElement | null | undefined;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Read while rendering, before anything inside the dialog can take focus.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  const returnFocus = useRef(props.returnFocus);
  useLayoutEffect(() => {
    returnFocus.current = props.returnFocus;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // React's autoFocus runs while the dialog is still closed, so a dialog names its first control this way.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => {
      dialog?.close();
      // Last resort: the screen's heading, never the page body.
      const target =
        (opener?.isConnected ? opener : returnFocus.current?.()) ??
        document.querySelector<HTMLElement>('main h1');
      target?.focus();
    };
  }, [opener]);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby="dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <h2 id="dialog-title">{props.title}</h2>
      {props.children}
    </dialog>
  );
}
