import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingDelete } from '../../../shared/channels/deletes';
import type { Conflict, InboxNotice, ListedContact } from '../../../shared/channels/sync';
import { call, errorCode, subscribe } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ConflictsView } from './ConflictsView';
import { ContactsSection } from './ContactsSection';
import { ExportWizard } from './ExportWizard';
import { ImportHistory, type HistoryRow } from './ImportHistory';
import { ImportPanel } from './ImportPanel';
import { InboxNotices } from './InboxNotices';
import { InboxSettings } from './InboxSettings';
import { OwnCard } from './OwnCard';
import { PendingDeletes } from './PendingDeletes';
import { RedactionSettings } from './RedactionSettings';
import { RelaySettings } from './RelaySettings';
import { ScreenHeading } from '../../components/ScreenHeading';

const TABS = ['offices', 'send', 'receive', 'conflicts', 'settings'] as const;
type Tab = (typeof TABS)[number];

/** Offices and sync: this office's card, contacts, sending and receiving bundles, conflicts, settings. */
export function OfficesScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('offices');
  const [contacts, setContacts] = useState<ListedContact[]>([]);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [pending, setPending] = useState<PendingDelete[]>([]);
  const [history, setHistory] = useState<HistoryRow[]>([]);
  const [notices, setNotices] = useState<InboxNotice[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    Promise.all([
      call('contact:list'),
      call('conflict:list'),
      call('bundle:history'),
      call('inbox:notices'),
      call('deleted:pending'),
    ]).then(
      ([c, k, h, n, p]) => {
        setContacts(c);
        setConflicts(k);
        setHistory(h);
        setNotices(n);
        setPending(p);
      },
      (caught: unknown) => setError(errorCode(caught)),
    );
  }, []);
  // Reload on every tab change too: the inbox folder may have imported a bundle in the background.
  useEffect(reload, [reload, tab]);
  useEffect(() => subscribe('sync:imported', reload), [reload]);
  useEffect(() => subscribe('sync:refused', reload), [reload]);

  return (
    <section aria-labelledby="section-title" className="stack wide offices">
      <ScreenHeading>{t('nav.offices')}</ScreenHeading>
      <div role="group" aria-label={t('sync.tabs.label')} className="views">
        {TABS.map((id) => (
          <button type="button" key={id} aria-pressed={tab === id} onClick={() => setTab(id)}>
            {id === 'conflicts'
              ? t('sync.tabs.conflicts', { count: conflicts.length + pending.length })
              : t(`sync.tabs.${id}`)}
          </button>
        ))}
      </div>
      <ErrorAlert code={error} />
      {/* On every tab: a bundle the inbox did not import needs a person's attention. */}
      <InboxNotices notices={notices} onChange={reload} />
      {tab === 'offices' ? (
        <>
          <OwnCard />
          <ContactsSection contacts={contacts} onChange={reload} />
        </>
      ) : null}
      {tab === 'send' ? <ExportWizard contacts={contacts} /> : null}
      {tab === 'receive' ? (
        <>
          <ImportPanel onImported={reload} />
          <ImportHistory rows={history} />
        </>
      ) : null}
      {tab === 'conflicts' ? (
        <>
          <PendingDeletes pending={pending} contacts={contacts} onChange={reload} />
          <ConflictsView conflicts={conflicts} contacts={contacts} onChange={reload} />
        </>
      ) : null}
      {tab === 'settings' ? (
        <>
          <RedactionSettings />
          <InboxSettings />
          <RelaySettings />
        </>
      ) : null}
    </section>
  );
}
