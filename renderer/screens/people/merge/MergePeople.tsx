import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../shared/model';
import { call } from '../../../api';
import { useAnnounce } from '../../../app/announcer';
import { useNavigation } from '../../../app/navigation';
import { useAction, useCall } from '../../../app/useCall';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ScreenHeading } from '../../../components/ScreenHeading';
import { mergePlan } from './merge-fields';
import { PickOther } from './PickOther';
import { useFieldLabel, useShowValue } from './useShowValue';

// Two records that turn out to be one person, made one: pick the other record, then choose side by side the
// value of each field the two hold differently. The record this screen started from stays (its id, links and
// history); blanks are filled from the other and lists joined; the other's events, assignments and reports
// move over and the other goes to Recently deleted (person:merge, every step an ordinary edit that syncs).

const nameOf = (p: Person) => `${p.givenName} ${p.familyName}`;

export function MergePeople({ keepId }: { keepId: string }) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const keep = useCall('person:get', { id: keepId });
  const [otherId, setOtherId] = useState<string | null>(null);
  const back = () => navigate({ section: 'people', id: keepId });
  return (
    <section aria-labelledby="section-title" className="stack wide merge">
      <div className="title-row">
        <ScreenHeading>
          {keep.data ? t('merge.title', { name: nameOf(keep.data) }) : t('merge.titleLoading')}
        </ScreenHeading>
        <button type="button" onClick={back}>
          {t('merge.back')}
        </button>
      </div>
      <ErrorAlert code={keep.error} />
      <p>{t('merge.intro')}</p>
      {keep.data ? (
        otherId ? (
          <Compare keep={keep.data} otherId={otherId} onOther={() => setOtherId(null)} />
        ) : (
          <PickOther keep={keep.data} onPick={setOtherId} />
        )
      ) : null}
    </section>
  );
}

function Compare({ keep, otherId, onOther }: { keep: Person; otherId: string; onOther(): void }) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const announce = useAnnounce();
  const label = useFieldLabel();
  const show = useShowValue();
  const other = useCall('person:get', { id: otherId });
  // The button that led here is gone: the comparison's heading takes focus once it is shown.
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = other.data !== undefined;
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);
  // Fields whose value comes from the other record; every other chosen field keeps this record's.
  const [take, setTake] = useState<ReadonlySet<string>>(new Set());
  const merge = useAction(async () => {
    const result = await call('person:merge', { keepId: keep.id, otherId, take: [...take] });
    announce(
      t('merge.done', {
        name: nameOf(result.person),
        events: result.moved.events,
        assignments: result.moved.assignments,
      }),
    );
    navigate({ section: 'people', id: keep.id });
  });
  if (!other.data) return <ErrorAlert code={other.error} />;
  const theirs = other.data;
  const plan = mergePlan(keep, theirs);
  const pick = (field: string, fromOther: boolean) =>
    setTake((current) => {
      const next = new Set(current);
      if (fromOther) next.add(field);
      else next.delete(field);
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void merge.run();
  };
  const valueOf = (p: Person, field: string) => show(field, (p as unknown as Record<string, unknown>)[field]);
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <h2 id="merge-compare" ref={heading} tabIndex={-1}>
        {t('merge.compareTitle', { keep: nameOf(keep), other: nameOf(theirs) })}
      </h2>
      {plan.choose.length > 0 ? (
        <div className="merge-grid" role="group" aria-labelledby="merge-compare">
          <div className="merge-head" aria-hidden="true">
            <span />
            <span>{t('merge.thisRecord')}</span>
            <span>{t('merge.otherRecord')}</span>
          </div>
          {plan.choose.map((field) => (
            <fieldset key={field} className="merge-row">
              <legend>{label(field)}</legend>
              <label>
                <input
                  type="radio"
                  name={`merge-${field}`}
                  checked={!take.has(field)}
                  onChange={() => pick(field, false)}
                />
                <span className="visually-hidden">{t('merge.thisRecord')}: </span>
                {valueOf(keep, field)}
              </label>
              <label>
                <input
                  type="radio"
                  name={`merge-${field}`}
                  checked={take.has(field)}
                  onChange={() => pick(field, true)}
                />
                <span className="visually-hidden">{t('merge.otherRecord')}: </span>
                {valueOf(theirs, field)}
              </label>
            </fieldset>
          ))}
        </div>
      ) : (
        <p>{t('merge.nothingToChoose')}</p>
      )}
      {plan.filled.length > 0 ? (
        <p>{t('merge.filled', { fields: plan.filled.map(label).join(', ') })}</p>
      ) : null}
      {plan.joined.length > 0 ? (
        <p>{t('merge.joined', { fields: plan.joined.map(label).join(', ') })}</p>
      ) : null}
      <p className="notice">{t('merge.explain', { keep: nameOf(keep), other: nameOf(theirs) })}</p>
      <ErrorAlert code={merge.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={merge.busy}>
          {t('merge.confirm', { other: nameOf(theirs), keep: nameOf(keep) })}
        </button>
        <button type="button" onClick={onOther}>
          {t('merge.chooseAnother')}
        </button>
      </div>
    </form>
  );
}
