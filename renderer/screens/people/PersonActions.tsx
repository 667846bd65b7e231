import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_KEEP_DAYS } from '../../../shared/channels/deletes';
import { HEARING_KINDS, type Person } from '../../../shared/model';
import { call } from '../../api';
import { useDates } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { useAction, useLoad } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { useTakenAlong } from '../deleted/labels';
import { Dialog } from '../sync/Dialog';

// Deleting a person and her legal hold, on the person page. A delete goes to Recently deleted (or is erased
// at once for someone who asks to be forgotten); a case on legal hold can't be deleted, and says so.

const fullName = (person: Person) => `${person.givenName} ${person.familyName}`;

/**
 * The "Legal hold" badge, beside the name on the person page and in the people list, where a short word
 * leaves the name its room (screen readers still hear the whole label).
 */
export function HoldBadge({ short = false }: { short?: boolean }) {
  const { t } = useTranslation();
  if (!short) return <span className="badge hold">{t('hold.badge')}</span>;
  return (
    <span className="badge hold" title={t('hold.badge')}>
      <span aria-hidden="true">{t('hold.badgeShort')}</span>
      <span className="visually-hidden">{t('hold.badge')}</span>
    </span>
  );
}

/** Under the name of a held person: since when, why, and the way to lift it. */
export function HoldNotice({ person, onChange }: { person: Person; onChange(): void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [clearing, setClearing] = useState(false);
  const clear = useAction(async () => {
    await call('hold:clear', { personId: person.id });
    setClearing(false);
    onChange();
  });
  if (!person.legalHold) return null;
  return (
    <section className="notice hold-notice" aria-labelledby="hold-title">
      <h3 id="hold-title" tabIndex={-1}>
        {t('hold.title')}
      </h3>
      <p>
        {t('hold.since', { date: dates.dateTime(person.legalHold.since) })}{' '}
        <strong>{person.legalHold.reason}</strong>
      </p>
      <p>{t('hold.explain')}</p>
      <ErrorAlert code={clearing ? null : clear.error} />
      <button type="button" onClick={() => setClearing(true)}>
        {t('hold.clear')}
      </button>
      {clearing ? (
        <Dialog title={t('hold.clearTitle', { name: fullName(person) })} onClose={() => setClearing(false)}>
          <p>{t('hold.clearExplain')}</p>
          <ErrorAlert code={clear.error} />
          <div className="actions">
            <button type="button" className="primary" disabled={clear.busy} onClick={() => void clear.run()}>
              {t('hold.clearConfirm')}
            </button>
            <button type="button" data-autofocus onClick={() => setClearing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

/**
 * The end of the profile: place a legal hold, merge with another record of her, delete the person (or why
 * she can't be deleted).
 */
export function PersonActions({ person, onChange }: { person: Person; onChange(): void }) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const heldId = useId();
  const [dialog, setDialog] = useState<'hold' | 'delete' | null>(null);
  const held = person.legalHold !== undefined;
  const holdButton = useRef<HTMLButtonElement>(null);
  const wasHeld = useRef(held);
  // The button that opened a hold dialog goes away once the hold changes: keep keyboard focus on the page,
  // on the hold notice or on the button that can place a hold again.
  useEffect(() => {
    if (wasHeld.current === held) return;
    wasHeld.current = held;
    if (document.activeElement === null || document.activeElement === document.body) {
      (held ? document.getElementById('hold-title') : holdButton.current)?.focus();
    }
  }, [held]);
  return (
    <div className="person-actions">
      {held ? null : (
        <button type="button" ref={holdButton} onClick={() => setDialog('hold')}>
          {t('hold.set')}
        </button>
      )}
      <button type="button" onClick={() => navigate({ section: 'people', id: 'merge', from: person.id })}>
        {t('merge.open')}
      </button>
      <button
        type="button"
        className="danger"
        disabled={held}
        aria-describedby={held ? heldId : undefined}
        onClick={() => setDialog('delete')}
      >
        {t('person.delete')}
      </button>
      {held ? (
        <p id={heldId} className="field-help">
          {t('hold.cantDelete')}
        </p>
      ) : null}
      {dialog === 'hold' ? (
        <HoldDialog
          person={person}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChange();
          }}
        />
      ) : null}
      {dialog === 'delete' ? <DeleteDialog person={person} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

function HoldDialog(props: { person: Person; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const missing = attempted && reason.trim() === '';
  const hold = useAction(async () => {
    await call('hold:set', { personId: props.person.id, reason: reason.trim() });
    props.onDone();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (reason.trim() !== '') void hold.run();
  };
  return (
    <Dialog title={t('hold.setTitle', { name: fullName(props.person) })} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <p>{t('hold.setExplain')}</p>
        <Field
          label={t('hold.reason')}
          value={reason}
          required
          maxLength={200}
          data-autofocus
          help={t('hold.reasonHelp')}
          onChange={(event) => setReason(event.target.value)}
          error={missing ? t('hold.reasonRequired') : undefined}
        />
        <ErrorAlert code={hold.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={hold.busy}>
            {t('hold.setConfirm')}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** What would go with her, and how long Recently deleted keeps it, for the confirmation. */
function useDeletePreview(personId: string) {
  return useLoad(async () => {
    const [events, assignments, deadlines, deleted] = await Promise.all([
      call('event:list', { filters: { personId }, limit: 1000 }),
      call('assignment:list', { filters: { personId }, limit: 1 }),
      call('deadline:list', { filters: { personId }, limit: 1 }),
      call('deleted:list'),
    ]);
    const now = Date.now();
    const hearings: readonly string[] = HEARING_KINDS;
    const next = events.rows
      .filter((e) => hearings.includes(e.kind) && Date.parse(e.at) >= now)
      .map((e) => e.at)
      .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    return {
      takes: {
        events: events.total,
        assignments: assignments.total,
        deadlines: deadlines.total,
        nextHearing: next ?? null,
      },
      keepDays: deleted.keepDays,
    };
  }, [personId]);
}

function DeleteDialog({ person, onClose }: { person: Person; onClose(): void }) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const takenAlong = useTakenAlong();
  const preview = useDeletePreview(person.id);
  const softId = useId();
  const eraseId = useId();
  // The person page closes after a delete: the People list's heading takes focus (AppShell does that).
  const remove = useAction(async (eraseNow: boolean) => {
    await call('person:delete', { id: person.id, ...(eraseNow ? { eraseNow: true } : {}) });
    navigate({ section: 'people' });
  });
  const along = preview.data ? takenAlong(preview.data.takes) : null;
  const keepDays = preview.data?.keepDays;
  return (
    <Dialog title={t('person.deleteDialog.title', { name: fullName(person) })} onClose={onClose}>
      <p aria-busy={preview.loading}>
        {preview.data
          ? along
            ? t('person.deleteDialog.takes', { what: along })
            : t('person.deleteDialog.takesNothing')
          : t('people.loading')}
      </p>
      <ErrorAlert code={remove.error ?? preview.error} />
      <div className="delete-choices">
        <div className="choice">
          <button
            type="button"
            className="primary"
            disabled={remove.busy || (preview.data === undefined && preview.error === null)}
            aria-describedby={softId}
            onClick={() => void remove.run(false)}
          >
            {t('person.deleteDialog.delete')}
          </button>
          <p id={softId} className="field-help">
            {keepDays === 0
              ? t('person.deleteDialog.deleteExplainOff')
              : t('person.deleteDialog.deleteExplain', { count: keepDays ?? DEFAULT_KEEP_DAYS })}
          </p>
        </div>
        <div className="choice">
          <button
            type="button"
            className="danger"
            disabled={remove.busy}
            aria-describedby={eraseId}
            onClick={() => void remove.run(true)}
          >
            {t('person.deleteDialog.eraseNow')}
          </button>
          <p id={eraseId} className="field-help">
            {t('person.deleteDialog.eraseExplain')}
          </p>
        </div>
      </div>
      <div className="actions">
        <button type="button" data-autofocus onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
