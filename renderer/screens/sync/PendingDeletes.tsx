import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingDelete } from '../../../shared/channels/deletes';
import type { Contact } from '../../../shared/channels/sync';
import { call } from '../../api';
import { useNavigation } from '../../app/navigation';
import { useAction } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRecordName } from '../deleted/labels';
import { Dialog } from './Dialog';

/**
 * "Deleted there, changed here": another office deleted a record this office changed afterwards without
 * knowing (or holds), so it was kept. The coordinator keeps it, or deletes it here too; either choice
 * travels to other offices like any edit.
 */
export function PendingDeletes(props: { pending: PendingDelete[]; contacts: Contact[]; onChange(): void }) {
  const { pending, onChange } = props;
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const recordName = useRecordName();
  const office = (id: string) => props.contacts.find((c) => c.officeId === id)?.officeName ?? id;
  const [done, setDone] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<PendingDelete | null>(null);
  // The item that was resolved leaves the list: focus moves to the one now in its place, or the heading.
  // It moves once the list has come back without it.
  const [focusAfter, setFocusAfter] = useState<{ index: number; list: PendingDelete[] } | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusAfter === null || focusAfter.list === pending) return;
    const buttons = listRef.current?.querySelectorAll<HTMLElement>('button.keep') ?? [];
    (buttons[Math.min(focusAfter.index, buttons.length - 1)] ?? headingRef.current)?.focus();
    setFocusAfter(null);
  }, [focusAfter, pending]);

  const resolve = useAction(async (item: PendingDelete, choice: 'keep' | 'delete') => {
    setDone(null);
    const name = recordName(item.kind, item.label);
    if (choice === 'keep') await call('deleted:keep', { kind: item.kind, id: item.id });
    else await call(`${item.kind}:delete`, { id: item.id });
    setDeleting(null);
    setDone(t(choice === 'keep' ? 'sync.pending.kept' : 'sync.pending.deleted', { name }));
    setFocusAfter({
      index: pending.findIndex((p) => p.kind === item.kind && p.id === item.id),
      list: pending,
    });
    onChange();
  });

  if (pending.length === 0 && done === null) return null;
  return (
    <section className="card" aria-labelledby="pending-deletes-title">
      <h3 id="pending-deletes-title" tabIndex={-1} ref={headingRef}>
        {t('sync.pending.title', { count: pending.length })}
      </h3>
      <p className="muted">{t('sync.pending.explain')}</p>
      <div role="status">{done ? <p>{done}</p> : null}</div>
      <ErrorAlert code={deleting ? null : resolve.error} />
      <ul className="plain stack" ref={listRef}>
        {pending.map((item) => {
          const name = recordName(item.kind, item.label);
          return (
            <li key={`${item.kind}:${item.id}`} className="conflict">
              <p>
                <strong>{t(`sync.kinds.${item.kind}`)}</strong>{' '}
                {item.kind === 'person' ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => navigate({ section: 'people', id: item.id })}
                  >
                    {name}
                  </button>
                ) : (
                  name
                )}
              </p>
              <p className="muted">
                {t(item.held ? 'sync.pending.held' : 'sync.pending.changed', {
                  office: office(item.deletedBy),
                })}
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="keep"
                  aria-label={t('sync.pending.keepNamed', { name })}
                  disabled={resolve.busy}
                  onClick={() => void resolve.run(item, 'keep')}
                >
                  {t('sync.pending.keep')}
                </button>
                {item.held ? null : (
                  <button
                    type="button"
                    className="danger-text"
                    aria-label={t('sync.pending.deleteNamed', { name })}
                    disabled={resolve.busy}
                    onClick={() => setDeleting(item)}
                  >
                    {t('sync.pending.delete')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {deleting ? (
        <Dialog
          title={t('sync.pending.confirmTitle', { name: recordName(deleting.kind, deleting.label) })}
          onClose={() => setDeleting(null)}
        >
          <p>{t('sync.pending.confirmExplain')}</p>
          <ErrorAlert code={resolve.error} />
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={resolve.busy}
              onClick={() => void resolve.run(deleting, 'delete')}
            >
              {t('sync.pending.confirmDelete')}
            </button>
            <button type="button" data-autofocus onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
