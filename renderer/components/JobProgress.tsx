import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobKind, JobProgress as Progress } from '../../shared/channels/jobs';
import { call, subscribe } from '../api';

// How far a long job (an import, a backup) has come, and a button to cancel it. Shown while the screen's
// call is out; the job's own events say how far it is. A cancelled job rolls back whole: its call then fails
// with CANCELLED, which the screen shows like any other error.

export function JobProgress({ kinds }: { kinds: readonly JobKind[] }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const wanted = kinds.join(',');

  useEffect(
    () =>
      subscribe('job:progress', (p) => {
        if (wanted.split(',').includes(p.kind)) setProgress(p);
      }),
    [wanted],
  );

  const cancel = () => {
    if (!progress) return;
    setCancelling(true);
    // A job that has just finished is not cancelled; its own answer arrives anyway.
    void call('job:cancel', { jobId: progress.jobId }).catch(() => undefined);
  };

  const label = t(`jobs.kinds.${progress?.kind ?? kinds[0] ?? 'csv-import'}`);
  return (
    <div className="job-progress" role="group" aria-label={label}>
      <progress
        aria-label={label}
        max={progress && progress.total > 0 ? progress.total : undefined}
        value={progress && progress.total > 0 ? progress.done : undefined}
      />
      <span aria-live="polite">
        {cancelling
          ? t('jobs.cancelling')
          : progress && progress.total > 0
            ? t('jobs.progress', { done: progress.done, total: progress.total })
            : t('jobs.starting')}
      </span>
      <button type="button" onClick={cancel} disabled={!progress || cancelling}>
        {t('jobs.cancel')}
      </button>
    </div>
  );
}
