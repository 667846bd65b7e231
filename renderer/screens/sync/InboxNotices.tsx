import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxNotice } from '../../../shared/channels/sync';
import { call, errorCode } from '../../api';
import { useDates } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VerifyDialog } from './VerifyDialog';

/**
 * Bundle files the inbox folder watcher did not import, while they are still in the folder: who sent them
 * (when the signature names a contact), which file, and why. A bundle from an unverified office waits
 * here: verifying the office (after comparing fingerprints) imports it.
 */
export function InboxNotices({ notices, onChange }: { notices: InboxNotice[]; onChange(): void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [verifying, setVerifying] = useState<{ officeName: string; fingerprint: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(errorCode(caught));
    } finally {
      onChange();
    }
  };

  if (notices.length === 0 && error === null) return null;
  return (
    <section className="card inbox-notices" aria-labelledby="inbox-notices-title">
      <h3 id="inbox-notices-title">{t('sync.notices.title', { count: notices.length })}</h3>
      <p className="muted">{t('sync.notices.explain')}</p>
      <ErrorAlert code={error} />
      <ul>
        {notices.map((notice) => {
          const sender = notice.sender?.officeName ?? t('sync.notices.unknownSender');
          return (
            <li key={notice.id} className="notice warning">
              <p>
                <strong>{t('sync.notices.item', { file: notice.file, sender })}</strong>{' '}
                <span className="muted">{dates.dateTime(notice.refusedAt)}</span>
              </p>
              <p>{t(`errors.${notice.code}`)}</p>
              <div className="actions">
                {notice.sender?.state === 'unverified' ? (
                  <button type="button" className="primary" onClick={() => setVerifying(notice.sender)}>
                    {t('sync.notices.verify', { name: notice.sender.officeName })}
                  </button>
                ) : null}
                <button
                  type="button"
                  onClick={() => void run(() => call('inbox:dismiss', { id: notice.id }))}
                >
                  {t('sync.notices.dismiss', { file: notice.file })}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {verifying ? (
        <VerifyDialog
          contact={verifying}
          onClose={() => setVerifying(null)}
          onConfirm={(fingerprint) => {
            setVerifying(null);
            void run(() => call('contact:verify', { fingerprint }));
          }}
        />
      ) : null}
    </section>
  );
}
