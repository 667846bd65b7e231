import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSIGNMENT_ROLES, SPECIALTIES, type Assignment, type Person } from '../../../shared/model';
import type { ChannelOutput } from '../../../shared/ipc';
import { dayIn } from '../../../shared/time';
import { call } from '../../api';
import { useEnumOptions } from '../../app/format';
import { useOfficeZone } from '../../app/office-zone';
import { useAction, useCall, useLoad } from '../../app/useCall';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';

type Suggestion = ChannelOutput<'attorney:suggest'>[number];
type Specialty = (typeof SPECIALTIES)[number];

const fullName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`;

// Assign an attorney: suggestions come ranked by the core (room first, then the specialty asked for,
// languages in common and free capacity) and never include a conflict; going over capacity turns the one
// Assign button into "Assign anyway"; ending an assignment asks first, naming the attorney and the person.
export function Assignments({ person, onChange }: { person: Person; onChange(): void }) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const zone = useOfficeZone();
  const list = useLoad(async () => {
    const result = await call('assignment:list', { filters: { personId: person.id }, limit: 100 });
    const names: Record<string, string> = {};
    for (const a of result.rows) {
      const attorney = await call('attorney:get', { id: a.attorneyId }).catch(() => null);
      if (attorney) names[a.attorneyId] = fullName(attorney);
    }
    return { assignments: result.rows, names };
  }, [person.id]);
  const assignments = list.data?.assignments ?? [];
  const names = list.data?.names ?? {};
  const [specialty, setSpecialty] = useState<Specialty | ''>('');
  const suggested = useCall('attorney:suggest', {
    personId: person.id,
    ...(specialty ? { specialty } : {}),
  });
  const suggestions: Suggestion[] = suggested.error ? [] : (suggested.data ?? []);
  // Free capacity changes with every assignment made or closed here.
  const refresh = () => {
    list.reload();
    suggested.reload();
  };
  const [attorneyId, setAttorneyId] = useState('');
  const [role, setRole] = useState('LEAD');
  const [overCapacity, setOverCapacity] = useState<{ active: number; capacity: number | null } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [ending, setEnding] = useState<Assignment | null>(null);
  const attorneyField = useRef<HTMLDivElement>(null);
  const chosenName = (() => {
    const s = suggestions.find((x) => x.attorney.id === attorneyId);
    return s ? fullName(s.attorney) : '';
  })();

  const assignment = useAction(async (confirmed: boolean) => {
    if (!attorneyId) return;
    setDone(null);
    const check = await call('assignment:check', { personId: person.id, attorneyId });
    if (check.overCapacity && !confirmed) {
      setOverCapacity({ active: check.activeCases, capacity: check.capacity });
      return;
    }
    await call('assignment:create', {
      personId: person.id,
      attorneyId,
      role: role as Assignment['role'],
      status: 'ACTIVE',
      assignedOn: dayIn(new Date(), zone),
    });
    setDone(t('assign.done', { attorney: chosenName, person: fullName(person) }));
    setOverCapacity(null);
    setAttorneyId('');
    refresh();
    onChange();
    // The Assign button is disabled now that nothing is chosen: focus goes back to the attorney list.
    attorneyField.current?.querySelector('select')?.focus();
  });

  const closing = useAction(async (id: string) => {
    await call('assignment:update', { id, patch: { status: 'CLOSED' } });
    refresh();
  });
  // An ended assignment loses its End button once the list reloads: focus then goes to the attorney list
  // rather than to the page body.
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!refocus || ending || list.loading) return;
    attorneyField.current?.querySelector('select')?.focus();
    setRefocus(false);
  }, [refocus, ending, list.loading]);
  const error = assignment.error ?? closing.error ?? list.error;

  const freeText = (s: Suggestion) =>
    s.freeCapacity === null
      ? t('assign.noLimit')
      : s.freeCapacity <= 0
        ? t('assign.full')
        : t('assign.free', { count: s.freeCapacity });

  return (
    <section aria-labelledby="assignments-title" className="card">
      <h3 id="assignments-title">{t('assign.title')}</h3>
      {assignments.length === 0 ? <p className="muted">{t('assign.none')}</p> : null}
      <ul className="plain">
        {assignments.map((a) => (
          <li key={a.id} className="assignment-row">
            <span>
              {names[a.attorneyId] ?? '…'} — {t(`enums.assignmentRole.${a.role}`)},{' '}
              {t(`enums.assignmentStatus.${a.status}`)}
            </span>
            {a.status === 'ACTIVE' || a.status === 'ACCEPTED' ? (
              <button
                type="button"
                className="small"
                aria-label={t('assign.endFor', { attorney: names[a.attorneyId] ?? '' })}
                onClick={() => setEnding(a)}
              >
                {t('assign.end')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {done ? <p role="status">{done}</p> : null}
      <SelectField
        label={t('assign.specialty')}
        value={specialty}
        emptyLabel={t('common.any')}
        options={enumOptions('specialty', SPECIALTIES)}
        onChange={(value) => setSpecialty(value as Specialty | '')}
      />
      <div ref={attorneyField}>
        <SelectField
          label={t('assign.attorney')}
          value={attorneyId}
          emptyLabel={t('assign.choose')}
          options={suggestions.map((s) => ({
            value: s.attorney.id,
            label: s.conflict
              ? t('assign.conflictOption', { name: fullName(s.attorney) })
              : t('assign.suggestion', {
                  name: fullName(s.attorney),
                  free: freeText(s),
                  languages: s.sharedLanguages.join(', ') || '—',
                }) + (s.specialtyMatch ? ` · ${t(`enums.specialty.${specialty}`)}` : ''),
          }))}
          onChange={(value) => {
            setAttorneyId(value);
            setOverCapacity(null);
          }}
        />
      </div>
      <SelectField
        label={t('assign.role')}
        value={role}
        options={enumOptions('assignmentRole', ASSIGNMENT_ROLES)}
        onChange={setRole}
      />
      {overCapacity ? (
        <p role="alert" className="alert">
          {t('assign.overCapacity', {
            name: chosenName,
            count: overCapacity.active,
            capacity: overCapacity.capacity,
          })}
        </p>
      ) : null}
      <ErrorAlert code={error} />
      <button
        type="button"
        className="primary"
        disabled={!attorneyId || assignment.busy}
        onClick={() => void assignment.run(overCapacity !== null)}
      >
        {overCapacity ? t('assign.assignAnyway') : t('assign.assign')}
      </button>
      {ending ? (
        <ConfirmDialog
          title={t('assign.endTitle')}
          confirmLabel={t('assign.end')}
          cancelLabel={t('assign.keep')}
          danger
          busy={closing.busy}
          onCancel={() => setEnding(null)}
          onConfirm={() =>
            void closing.run(ending.id).then((ok) => {
              if (!ok) return;
              setRefocus(true);
              setEnding(null);
            })
          }
        >
          <p>{t('assign.endBody', { attorney: names[ending.attorneyId] ?? '', person: fullName(person) })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
