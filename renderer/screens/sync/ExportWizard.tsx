import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../shared/ipc';
import type { Contact, RedactionProfile } from '../../../shared/channels/sync';
import { call, errorCode } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecipientsStep, RedactionStep, ScopeStep, type PickedPerson, type ScopeChoice } from './ExportSteps';
import { base64ToBytes, saveFile } from './files';

const STEPS = ['recipients', 'scope', 'redaction'] as const;

/** Send a bundle: recipients, then scope, then redaction; the result is offered as a file to save. */
export function ExportWizard({ contacts }: { contacts: Contact[] }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirmUnverified, setConfirmUnverified] = useState(false);
  const [scope, setScope] = useState<ScopeChoice>('since-last');
  const [people, setPeople] = useState<PickedPerson[]>([]);
  const [profiles, setProfiles] = useState<RedactionProfile[]>([]);
  const [redaction, setRedaction] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ fileName: string; changeCount: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('redaction:list').then(
      // No profile is preselected: what leaves this office is always an explicit choice.
      setProfiles,
      (caught: unknown) => setError(errorCode(caught)),
    );
  }, []);

  const chosen = contacts.filter((c) => selected.has(c.fingerprint) && c.state !== 'revoked');
  const needsConfirmation = chosen.some((c) => c.state === 'unverified');
  const stepValid = [
    chosen.length > 0 && (!needsConfirmation || confirmUnverified),
    scope !== 'people' || people.length > 0,
    redaction !== '',
  ];

  const toggle = (fingerprint: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(fingerprint)) next.delete(fingerprint);
      else next.add(fingerprint);
      return next;
    });

  const create = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    const input: ChannelInput<'bundle:export'> = {
      to: chosen.map((c) => c.fingerprint),
      scope: scope === 'people' ? { scope, personIds: people.map((p) => p.id) } : { scope },
      redaction,
      ...(needsConfirmation ? { confirmUnverified: true } : {}),
    };
    try {
      const result = await call('bundle:export', input);
      saveFile(base64ToBytes(result.bytes), result.fileName);
      setDone({ fileName: result.fileName, changeCount: result.changeCount });
    } catch (caught) {
      setError(errorCode(caught));
    } finally {
      setBusy(false);
    }
  };

  const current = STEPS[step] ?? 'recipients';
  return (
    <section className="card" aria-labelledby="export-title">
      <h3 id="export-title">{t('sync.export.title')}</h3>
      <p className="muted">{t('sync.export.stepOf', { step: step + 1, total: STEPS.length })}</p>
      {current === 'recipients' ? (
        <RecipientsStep
          contacts={contacts}
          selected={selected}
          onToggle={toggle}
          confirmUnverified={confirmUnverified}
          onConfirmUnverified={setConfirmUnverified}
        />
      ) : null}
      {current === 'scope' ? (
        <ScopeStep scope={scope} onScope={setScope} people={people} onPeople={setPeople} />
      ) : null}
      {current === 'redaction' ? (
        <RedactionStep profiles={profiles} value={redaction} onChange={setRedaction} recipients={chosen} />
      ) : null}
      <div className="actions">
        {step > 0 ? (
          <button type="button" disabled={busy} onClick={() => setStep(step - 1)}>
            {t('sync.export.back')}
          </button>
        ) : null}
        {step < STEPS.length - 1 ? (
          <button
            type="button"
            className="primary"
            disabled={!stepValid[step]}
            onClick={() => setStep(step + 1)}
          >
            {t('sync.export.next')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={busy || !stepValid.every(Boolean)}
            onClick={() => void create()}
          >
            {t('sync.export.create')}
          </button>
        )}
      </div>
      <div role="status" aria-live="polite">
        {busy ? <p aria-busy="true">{t('sync.export.working')}</p> : null}
        {done ? <p>{t('sync.export.done', { count: done.changeCount, file: done.fileName })}</p> : null}
      </div>
      <ErrorAlert code={error} />
    </section>
  );
}
