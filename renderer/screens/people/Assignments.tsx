import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSIGNMENT_ROLES, type Assignment, type Person } from '../../../shared/model';
import type { ChannelOutput } from '../../../shared/ipc';
import { call } from '../../api';
import { useEnumOptions } from '../../app/format';
import { useAction, useCall, useLoad } from '../../app/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';

type Suggestion = ChannelOutput<'attorney:suggest'>[number];

// Assign an attorney: suggestions rank shared language and free capacity and never include a conflict;
// going over capacity needs a second, explicit confirmation; the core refuses conflicts and a second lead.
export function Assignments({ person, onChange }: { person: Person; onChange(): void }) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const list = useLoad(async () => {
    const result = await call('assignment:list', { filters: { personId: person.id }, limit: 100 });
    const names: Record<string, string> = {};
    for (const a of result.rows) {
      const attorney = await call('attorney:get', { id: a.attorneyId }).catch(() => null);
      if (attorney) names[a.attorneyId] = `${attorney.givenName} ${attorney.familyName}`;
    }
    return { assignments: result.rows, names };
  }, [person.id]);
  const assignments = list.data?.assignments ?? [];
  const names = list.data?.names ?? {};
  const suggested = useCall('attorney:suggest', { personId: person.id });
  const suggestions: Suggestion[] = suggested.error ? [] : (suggested.data ?? []);
  // Free capacity changes with every assignment made or closed here.
  const refresh = () => {
    list.reload();
    suggested.reload();
  };
  const [attorneyId, setAttorneyId] = useState('');
  const [role, setRole] = useState('LEAD');
  const [overCapacity, setOverCapacity] = useState<{ active: number; capacity: number | null } | null>(null);

  const assignment = useAction(async (confirmed: boolean) => {
    if (!attorneyId) return;
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
      assignedOn: new Date().toISOString().slice(0, 10),
    });
    setOverCapacity(null);
    setAttorneyId('');
    refresh();
    onChange();
  });
  const assign = (confirmed: boolean) => void assignment.run(confirmed);

  const closing = useAction(async (id: string) => {
    await call('assignment:update', { id, patch: { status: 'CLOSED' } });
    refresh();
  });
  const error = assignment.error ?? closing.error ?? list.error;

  return (
    <section aria-labelledby="assignments-title" className="card">
      <h3 id="assignments-title">{t('assign.title')}</h3>
      {assignments.length === 0 ? <p className="muted">{t('assign.none')}</p> : null}
      <ul className="plain">
        {assignments.map((a) => (
          <li key={a.id}>
            {names[a.attorneyId] ?? '…'} — {t(`enums.assignmentRole.${a.role}`)},{' '}
            {t(`enums.assignmentStatus.${a.status}`)}
            {a.status === 'ACTIVE' || a.status === 'ACCEPTED' ? (
              <button type="button" className="ghost small" onClick={() => void closing.run(a.id)}>
                {t('assign.close')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <SelectField
        label={t('assign.attorney')}
        value={attorneyId}
        emptyLabel={t('assign.choose')}
        options={suggestions.map((s) => ({
          value: s.attorney.id,
          label: s.conflict
            ? t('assign.conflictOption', { name: `${s.attorney.givenName} ${s.attorney.familyName}` })
            : t('assign.suggestion', {
                name: `${s.attorney.givenName} ${s.attorney.familyName}`,
                languages: s.sharedLanguages.join(', ') || '—',
                free: s.freeCapacity ?? '∞',
              }),
        }))}
        onChange={(value) => {
          setAttorneyId(value);
          setOverCapacity(null);
        }}
      />
      <SelectField
        label={t('assign.role')}
        value={role}
        options={enumOptions('assignmentRole', ASSIGNMENT_ROLES)}
        onChange={setRole}
      />
      {overCapacity ? (
        <div role="alert" className="alert">
          <p>{t('assign.overCapacity', { active: overCapacity.active, capacity: overCapacity.capacity })}</p>
          <button type="button" onClick={() => assign(true)}>
            {t('assign.assignAnyway')}
          </button>
        </div>
      ) : null}
      <ErrorAlert code={error} />
      <button type="button" className="primary" disabled={!attorneyId} onClick={() => assign(false)}>
        {t('assign.assign')}
      </button>
    </section>
  );
}
