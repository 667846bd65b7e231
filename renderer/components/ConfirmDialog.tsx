import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

/**
 * A yes/no question in the app's modal dialog. The safe answer (cancel) takes focus, so a stray Enter
 * changes nothing; Escape cancels too.
 */
export function ConfirmDialog(props: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog title={props.title} onClose={props.onCancel}>
      {props.children}
      <div className="actions">
        <button type="button" data-autofocus onClick={props.onCancel}>
          {props.cancelLabel ?? t('common.cancel')}
        </button>
        <button
          type="button"
          className={props.danger ? 'danger' : 'primary'}
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
