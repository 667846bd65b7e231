import { useEffect, useRef, type ReactNode } from 'react';

/** A modal <dialog>: focus moves into it, Escape closes it, and the page behind is inert. */
export function Dialog(props: { title: string; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
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
      <h3 id="dialog-title">{props.title}</h3>
      {props.children}
    </dialog>
  );
}
