import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AmparoError } from '../../../shared/errors';
import type { BundleSummary } from '../../../shared/channels/sync';
import { call, errorCode } from '../../api';
import { useDates } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { DropZone } from './DropZone';
import { IncomingDeletes, useDeleteCounts } from './IncomingDeletes';
import { bytesToBase64 } from './files';

interface Refusal {
  code: string;
  /** For BUNDLE_FUTURE_CLOCK, the sender's clock (ISO), which the message names. */
  senderClock: string | null;
}

function refusal(caught: unknown): Refusal {
  const code = errorCode(caught);
  const issues = caught instanceof AmparoError ? (caught.issues ?? []) : [];
  const clock = (issues.find((issue) => issue.path === 'senderClock') ?? issues[0])?.message;
  const senderClock =
    code === 'BUNDLE_FUTURE_CLOCK' && clock && !Number.isNaN(Date.parse(clock)) ? clock : null;
  return { code, senderClock };
}

/** Receive a bundle: preview what it would change, then apply it in one transaction or cancel. */
export function ImportPanel({ onImported }: { onImported(): void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [bytes, setBytes] = useState<string | null>(null);
  const [preview, setPreview] = useState<BundleSummary | null>(null);
  const [applied, setApplied] = useState<BundleSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Refusal | null>(null);
  const [confirmed, setConfirmed] = useState(false);

  const reset = () => {
    setBytes(null);
    setPreview(null);
    setConfirmed(false);
  };

  const pick = async (file: File) => {
    reset();
    setApplied(null);
    setError(null);
    setBusy(true);
    try {
      const encoded = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      setPreview(await call('bundle:preview', { bytes: encoded }));
      setBytes(encoded);
    } catch (caught) {
      setError(refusal(caught));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (bytes === null) return;
    setBusy(true);
    setError(null);
    try {
      setApplied(await call('bundle:import', { bytes, ...(confirmed ? { confirmUnverified: true } : {}) }));
      reset();
      onImported();
    } catch (caught) {
      setError(refusal(caught));
    } finally {
      setBusy(false);
    }
  };

  // Importing from an office whose fingerprint nobody compared takes the same explicit consent as sending
  // to one: the bundle may come from an impostor.
  const needsConfirmation = preview !== null && preview.sender.state !== 'verified';
  const deleteCounts = useDeleteCounts();
  const counts = (summary: BundleSummary) =>
    t('sync.import.counts', { new: summary.new, updated: summary.updated, conflicts: summary.conflicts }) +
    deleteCounts(summary);

  return (
    <section className="card" aria-labelledby="import-title">
      <h3 id="import-title">{t('sync.import.title')}</h3>
      <DropZone label={t('sync.import.file')} accept=".amparo" disabled={busy} onFile={(f) => void pick(f)} />
      {/* Checking and importing a bundle are jobs in the core: progress, and a way to stop them. */}
      {busy ? <JobProgress kinds={['bundle-preview', 'bundle-import']} /> : null}
      <div role="status" aria-live="polite">
        {busy ? <p aria-busy="true">{t('sync.import.working')}</p> : null}
        {applied ? (
          <p>
            {applied.alreadyImported
              ? t('sync.import.alreadyImported')
              : t('sync.import.applied', { counts: counts(applied) })}
          </p>
        ) : null}
      </div>
      {preview ? (
        <section className="preview" aria-labelledby="preview-title">
          <h4 id="preview-title">{t('sync.import.preview')}</h4>
          <dl className="fields">
            <dt>{t('sync.import.sender')}</dt>
            <dd>{preview.sender.officeName}</dd>
            <dt>{t('sync.import.senderState')}</dt>
            <dd>
              <span className={`state state-${preview.sender.state}`}>
                {t(`sync.state.${preview.sender.state}`)}
              </span>
            </dd>
            <dt>{t('sync.import.created')}</dt>
            <dd>{dates.dateTime(preview.createdAt)}</dd>
            <dt>{t('sync.import.changes')}</dt>
            <dd>{counts(preview)}</dd>
          </dl>
          <IncomingDeletes summary={preview} />
          {preview.alreadyImported ? <p className="notice">{t('sync.import.alreadyImported')}</p> : null}
          {needsConfirmation && !preview.alreadyImported ? (
            <>
              <p className="notice warning">
                {t('sync.import.unverified', { name: preview.sender.officeName })}
              </p>
              <label className="check">
                <input
                  type="checkbox"
                  checked={confirmed}
                  onChange={(event) => setConfirmed(event.target.checked)}
                />
                {t('sync.import.confirmUnverified')}
              </label>
            </>
          ) : null}
          <div className="actions">
            {preview.alreadyImported ? null : (
              <button
                type="button"
                className="primary"
                disabled={busy || (needsConfirmation && !confirmed)}
                onClick={() => void apply()}
              >
                {t('sync.import.apply')}
              </button>
            )}
            <button type="button" disabled={busy} onClick={reset}>
              {t('sync.import.cancel')}
            </button>
          </div>
        </section>
      ) : null}
      <ErrorAlert code={error?.code ?? null} />
      {error?.senderClock ? (
        <p className="field-error">
          {t('sync.import.senderClock', { date: dates.dateTime(error.senderClock) })}
        </p>
      ) : null}
    </section>
  );
}
