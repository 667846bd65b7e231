import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_KEEP_DAYS, type DeletedItem } from '../../../shared/channels/deletes';
import { call } from '../../api';
import { useDates } from '../../app/format';
import { useAction, useCall } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { Dialog } from '../sync/Dialog';
import { useRecordName, useTakenAlong } from './labels';
import { ScreenHeading } from '../../components/ScreenHeading';

// Recently deleted: what waits here before it is erased for good, with Restore and Erase now per record,
// Erase all now, and how many days this office keeps deleted records.

/** A row of the list: a record, and what went with it (a person's events, assignments and deadlines). */
interface Row {
  item: DeletedItem;
  along: DeletedItem[];
}

/**
 * What belongs to a record (its owner, as the core reports it) and was deleted in the same write shares its
 * deletion time and comes back with it on restore. It is shown inside the owner's row rather than as a row of
 * its own, which a coordinator could restore without her. Deleted at another time, it is a row of its own.
 */
const keyOf = (item: { kind: string; id: string }) => `${item.kind}:${item.id}`;

function groupRows(items: DeletedItem[]): Row[] {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  const along = new Map<string, DeletedItem[]>();
  const rows: Row[] = [];
  for (const item of items) {
    const owner = item.owner ? byKey.get(keyOf(item.owner)) : undefined;
    if (owner && owner.deletedAt === item.deletedAt) {
      along.set(keyOf(owner), [...(along.get(keyOf(owner)) ?? []), item]);
    } else {
      rows.push({ item, along: [] });
    }
  }
  return rows.map((row) => ({ ...row, along: along.get(keyOf(row.item)) ?? [] }));
}

export function RecentlyDeleted() {
  const { t } = useTranslation();
  const dates = useDates();
  const recordName = useRecordName();
  const takenAlong = useTakenAlong();
  const list = useCall('deleted:list');
  const rows = groupRows(list.data?.items ?? []);
  const keepDays = list.data?.keepDays;
  const [done, setDone] = useState<string | null>(null);
  const [erasing, setErasing] = useState<Row | null>(null);
  const [erasingAll, setErasingAll] = useState(false);
  // After a row goes, focus moves to the row now in its place (or the heading when none is left).
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focusIndex === null) return;
    const buttons = tableRef.current?.querySelectorAll<HTMLElement>('tr button.restore') ?? [];
    (buttons[Math.min(focusIndex, buttons.length - 1)] ?? headingRef.current)?.focus();
    setFocusIndex(null);
  }, [focusIndex, list.data]);

  const nameOf = (row: Row) => recordName(row.item.kind, row.item.label);

  /** Runs a change (which says what it did), then shows the list as it is now. */
  const action = useAction(async (work: () => Promise<string>, index: number) => {
    setDone(null);
    const message = await work();
    list.replace(await call('deleted:list'));
    setErasing(null);
    setErasingAll(false);
    setDone(message);
    setFocusIndex(index);
  });

  const restore = (row: Row, index: number) =>
    void action.run(async () => {
      await call('deleted:restore', { kind: row.item.kind, id: row.item.id });
      return t('deleted.restored', { name: nameOf(row) });
    }, index);

  const erase = (row: Row) =>
    void action.run(
      async () => {
        // What went with a person goes first, so nothing of hers is left waiting without her.
        for (const item of row.along) await call('deleted:erase', { kind: item.kind, id: item.id });
        await call('deleted:erase', { kind: row.item.kind, id: row.item.id });
        return t('deleted.erased', { name: nameOf(row) });
      },
      rows.findIndex((r) => keyOf(r.item) === keyOf(row.item)),
    );

  const eraseAll = () =>
    void action.run(async () => {
      const result = await call('deleted:erase', { all: true });
      return t('deleted.erasedAll', { count: result.erased });
    }, 0);

  const alongText = (row: Row) => {
    if (row.along.length === 0) return null;
    const count = (kind: string) => row.along.filter((item) => item.kind === kind).length;
    return takenAlong({
      events: count('event'),
      assignments: count('assignment'),
      deadlines: count('deadline'),
      nextHearing: null,
    });
  };
  const total = list.data?.items.length ?? 0;

  return (
    <section aria-labelledby="section-title" className="stack wide deleted">
      <ScreenHeading ref={headingRef}>{t('deleted.title')}</ScreenHeading>
      <p className="intro">
        {keepDays === 0
          ? t('deleted.introOff')
          : t('deleted.intro', { count: keepDays ?? DEFAULT_KEEP_DAYS })}
      </p>
      <div role="status" aria-live="polite">
        {done ? <p className="notice">{done}</p> : null}
      </div>
      {/* While a confirmation is open, its own alert says what went wrong. */}
      <ErrorAlert code={erasing || erasingAll ? list.error : (action.error ?? list.error)} />
      {list.data && rows.length === 0 ? <p className="muted">{t('deleted.empty')}</p> : null}
      {rows.length > 0 ? (
        <>
          <table className="simple deleted-table">
            <caption className="visually-hidden">{t('deleted.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('deleted.kind')}</th>
                <th scope="col">{t('deleted.name')}</th>
                <th scope="col">{t('deleted.deletedAt')}</th>
                <th scope="col">{t('deleted.eraseAfter')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('deleted.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody ref={tableRef}>
              {rows.map((row, index) => {
                const name = nameOf(row);
                const along = alongText(row);
                return (
                  <tr key={keyOf(row.item)}>
                    <td>{t(`sync.kinds.${row.item.kind}`)}</td>
                    <th scope="row" className="name">
                      {name}
                      {along ? (
                        <span className="muted along">{t('deleted.withAlong', { what: along })}</span>
                      ) : null}
                    </th>
                    <td className="when">{dates.dateTime(row.item.deletedAt)}</td>
                    <td className="when">{dates.date(row.item.eraseAfter)}</td>
                    <td>
                      <div className="row-actions">
                        <button
                          type="button"
                          className="small restore"
                          aria-label={t('deleted.restoreNamed', { name })}
                          disabled={action.busy}
                          onClick={() => restore(row, index)}
                        >
                          {t('deleted.restore')}
                        </button>
                        <button
                          type="button"
                          className="small danger-text"
                          aria-label={t('deleted.eraseNamed', { name })}
                          disabled={action.busy}
                          onClick={() => setErasing(row)}
                        >
                          {t('deleted.erase')}
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div>
            <button
              type="button"
              className="danger"
              disabled={action.busy}
              onClick={() => setErasingAll(true)}
            >
              {t('deleted.eraseAll')}
            </button>
          </div>
        </>
      ) : null}
      <KeepDaysForm keepDays={keepDays} onSaved={list.reload} />

      {erasing ? (
        <Dialog
          title={t('deleted.confirmEraseTitle', { name: nameOf(erasing) })}
          onClose={() => setErasing(null)}
        >
          <p>{t('deleted.confirmErase')}</p>
          {alongText(erasing) ? <p>{t('deleted.confirmEraseAlong', { what: alongText(erasing) })}</p> : null}
          <ErrorAlert code={action.error} />
          <div className="actions">
            <button type="button" className="danger" disabled={action.busy} onClick={() => erase(erasing)}>
              {t('deleted.confirmEraseButton')}
            </button>
            <button type="button" data-autofocus onClick={() => setErasing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      ) : null}
      {erasingAll ? (
        <Dialog title={t('deleted.confirmEraseAllTitle')} onClose={() => setErasingAll(false)}>
          <p>{t('deleted.confirmEraseAll', { count: total })}</p>
          <ErrorAlert code={action.error} />
          <div className="actions">
            <button type="button" className="danger" disabled={action.busy} onClick={eraseAll}>
              {t('deleted.eraseAll')}
            </button>
            <button type="button" data-autofocus onClick={() => setErasingAll(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

/** How many days deleted records wait before they are erased: 0 to 365, 0 meaning at once. */
function KeepDaysForm({ keepDays, onSaved }: { keepDays: number | undefined; onSaved(): void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState<string | null>(null);
  const value = typed ?? (keepDays === undefined ? '' : String(keepDays));
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const store = useAction(async (days: number) => {
    const result = await call('deleted:setKeepDays', { days });
    setTyped(null);
    setSaved(result.keepDays);
    onSaved();
  });

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const days = Number(value);
    const ok = value.trim() !== '' && Number.isInteger(days) && days >= 0 && days <= 365;
    setInvalid(!ok);
    if (!ok) {
      store.reset();
      return;
    }
    void store.run(days);
  };

  return (
    <form className="card keep-days" onSubmit={save} noValidate aria-labelledby="keep-days-title">
      <h3 id="keep-days-title">{t('deleted.keepTitle')}</h3>
      <Field
        label={t('deleted.keepDays')}
        type="number"
        inputMode="numeric"
        min={0}
        max={365}
        step={1}
        value={value}
        onChange={(event) => {
          setTyped(event.target.value);
          setInvalid(false);
        }}
        help={t('deleted.keepHelp')}
        error={invalid ? t('deleted.keepInvalid') : undefined}
      />
      <ErrorAlert code={store.error} />
      <div role="status">
        {saved !== null ? (
          <p>{saved === 0 ? t('deleted.keepSavedOff') : t('deleted.keepSaved', { count: saved })}</p>
        ) : null}
      </div>
      <div>
        <button type="submit" disabled={store.busy}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
