import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SILENT_AFTER_DAYS,
  type AddedContact,
  type Contact,
  type ListedContact,
} from '../../../shared/channels/sync';
import { call, errorCode } from '../../api';
import { useDates } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { Dialog } from './Dialog';
import { DropZone, fingerprintGroups } from './DropZone';
import { VerifyDialog } from './VerifyDialog';

/** Other offices: import their card, verify it by reading fingerprints aloud, revoke it with a reason. */
export function ContactsSection({ contacts, onChange }: { contacts: ListedContact[]; onChange(): void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<AddedContact | null>(null);
  const [verifying, setVerifying] = useState<Contact | null>(null);
  const [revoking, setRevoking] = useState<Contact | null>(null);

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      onChange();
    } catch (caught) {
      setError(errorCode(caught));
    }
  };

  // A silent office holds back pruning everywhere: the coordinator is told, next to the office's name.
  const silent = (c: ListedContact) => c.silentDays !== null && c.silentDays > SILENT_AFTER_DAYS;

  const importCard = (file: File) =>
    void run(async () => {
      setAdded(null);
      setAdded(await call('contact:add', { card: await file.text() }));
    });

  return (
    <section className="card" aria-labelledby="contacts-title">
      <h3 id="contacts-title">{t('sync.contacts.title')}</h3>
      <DropZone label={t('sync.contacts.import')} accept=".amparo-card,.json,.txt" onFile={importCard} />
      {added ? (
        <p role="status">
          {t('sync.contacts.added', { name: added.officeName, state: t(`sync.state.${added.state}`) })}
        </p>
      ) : null}
      {added && added.resembles.length > 0 ? (
        <div role="alert" className="notice warning">
          <p>
            {added.resembles.some((r) => r.own)
              ? t('sync.contacts.resemblesOwn', { name: added.officeName })
              : t('sync.contacts.resembles', {
                  name: added.officeName,
                  others: added.resembles.map((r) => r.officeName).join(', '),
                })}
          </p>
          <p>{t('sync.contacts.resemblesAdvice')}</p>
        </div>
      ) : null}
      <ErrorAlert code={error} />
      {contacts.some(silent) ? <p className="notice warning">{t('sync.contacts.silentExplain')}</p> : null}
      {contacts.length === 0 ? (
        <p className="muted">{t('sync.contacts.none')}</p>
      ) : (
        <table className="simple">
          <caption className="visually-hidden">{t('sync.contacts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sync.contacts.office')}</th>
              <th scope="col">{t('sync.contacts.fingerprint')}</th>
              <th scope="col">{t('sync.contacts.state')}</th>
              <th scope="col">{t('sync.contacts.lastBundle')}</th>
              <th scope="col">{t('sync.contacts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {contacts.map((contact) => (
              <tr key={contact.fingerprint}>
                <td>{contact.officeName}</td>
                <td className="mono">{fingerprintGroups(contact.fingerprint).slice(0, 2).join(' ')}…</td>
                <td>
                  <span className={`state state-${contact.state}`}>{t(`sync.state.${contact.state}`)}</span>
                  {contact.state === 'verified' && contact.verifiedAt ? (
                    <span className="muted"> {dates.dateTime(contact.verifiedAt)}</span>
                  ) : null}
                  {contact.state === 'revoked' && contact.revokedAt ? (
                    <span className="muted">
                      {' '}
                      {t('sync.contacts.revokedOn', {
                        date: dates.dateTime(contact.revokedAt),
                        reason: contact.revokedReason ?? '',
                      })}
                    </span>
                  ) : null}
                </td>
                <td>
                  {contact.lastBundleAt ? dates.dateTime(contact.lastBundleAt) : t('sync.contacts.noBundle')}
                  {silent(contact) ? (
                    <>
                      {' '}
                      <span className="state state-silent">
                        {t('sync.contacts.silent', { count: contact.silentDays ?? 0 })}
                      </span>
                    </>
                  ) : null}
                </td>
                <td>
                  <div className="actions">
                    {contact.state === 'unverified' ? (
                      <button type="button" onClick={() => setVerifying(contact)}>
                        {t('sync.contacts.verify', { name: contact.officeName })}
                      </button>
                    ) : null}
                    {contact.state !== 'revoked' ? (
                      <button type="button" className="danger" onClick={() => setRevoking(contact)}>
                        {t('sync.contacts.revoke', { name: contact.officeName })}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {verifying ? (
        <VerifyDialog
          contact={verifying}
          onClose={() => setVerifying(null)}
          onConfirm={(fingerprint) => {
            setVerifying(null);
            setAdded(null);
            void run(() => call('contact:verify', { fingerprint }));
          }}
        />
      ) : null}
      {revoking ? (
        <RevokeDialog
          contact={revoking}
          onClose={() => setRevoking(null)}
          onRevoke={(reason) => {
            const fingerprint = revoking.fingerprint;
            setRevoking(null);
            void run(() => call('contact:revoke', { fingerprint, reason }));
          }}
        />
      ) : null}
    </section>
  );
}

function RevokeDialog(props: { contact: Contact; onClose(): void; onRevoke(reason: string): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const missing = attempted && reason.trim() === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (reason.trim() !== '') props.onRevoke(reason.trim());
  };
  return (
    <Dialog title={t('sync.revoke.title', { name: props.contact.officeName })} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <p>{t('sync.revoke.explain')}</p>
        <Field
          label={t('sync.revoke.reason')}
          value={reason}
          required
          maxLength={500}
          autoFocus
          onChange={(event) => setReason(event.target.value)}
          error={missing ? t('sync.revoke.reasonRequired') : undefined}
        />
        <div className="actions">
          <button type="submit" className="danger">
            {t('sync.revoke.confirm')}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('sync.verify.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
