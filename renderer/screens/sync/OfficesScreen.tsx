import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conflict, Contact } from '../../../shared/sync-channels';
import { call, errorCode, subscribe } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ConflictsView } from './ConflictsView';
import { ContactsSection } from './ContactsSection';
import { ExportWizard } from './ExportWizard';
import { ImportHistory, type HistoryRow } from './ImportHistory';
import { ImportPanel } from './ImportPanel';
import { InboxSettings } from './InboxSettings';
import { OwnCard } from './OwnCard';
import { RedactionSettings } from './RedactionSettings';

const TABS = ['offices', 'send', 'receive', 'conflicts', 'settings'] as const;
type Tab = (typeof TABS)[number];

/** Offices and sync: this office's card, contacts, sending and receiving bundles, conflicts, settings. */
export function OfficesScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('offices');
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [history, setHistory] = useState<HistoryRow[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    Promise.all([call('contact:list'), call('conflict:list'), call('bundle:history')]).then(
      ([c, k, h]) => {
        setContacts(c);
        setConflicts(k);
        setHistory(h);
      },
      (caught: unknown) => setError(errorCode(caught)),
    );
  }, []);
  // Reload on every tab change too: the inbox folder may have imported a bundle in the background.
  useEffect(reload, [reload, tab]);
  useEffect(() => subscribe('sync:imported', reload), [reload]);

  return (
    <section aria-labelledby="section-title" className="stack wide offices">
      <h2 id="section-title" tabIndex={-1}>
        {t('nav.offices')}
      </h2>
      <div role="group" aria-label={t('sync.tabs.label')} className="views">
        {TABS.map((id) => (
          <button type="button" key={id} aria-pressed={tab === id} onClick={() => setTab(id)}>
            {id === 'conflicts'
              ? t('sync.tabs.conflicts', { count: conflicts.length })
              : t(`sync.tabs.${id}`)}
          </button>
        ))}
      </div>
      <ErrorAlert code={error} />
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
        <ConflictsView conflicts={conflicts} contacts={contacts} onChange={reload} />
      ) : null}
      {tab === 'settings' ? (
        <>
          <RedactionSettings />
          <InboxSettings />
        </>
      ) : null}
    </section>
  );
}
