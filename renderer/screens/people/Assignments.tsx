import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSIGNMENT_ROLES, type Assignment, type Person } from '../../../shared/model';
import type { ChannelOutput } from '../../../shared/ipc';
import { call, errorCode } from '../../api';
import { useEnumOptions } from '../../app/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';

type Suggestion = ChannelOutput<'attorney:suggest'>[number];

// Assign an attorney: suggestions rank shared language and free capacity and never include a conflict;
// going over capacity needs a second, explicit confirmation; the core refuses conflicts and a second lead.
export function Assignments({ person, onChange }: { person: Person; onChange(): void }) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const [assignments, setAssignments] = useState<Assignment[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [attorneyId, setAttorneyId] = useState('');
  const [role, setRole] = useState('LEAD');
  const [overCapacity, setOverCapacity] = useState<{ active: number; capacity: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    call('assignment:list', { filters: { personId: person.id }, limit: 100 }).then(
      async (result) => {
        setAssignments(result.rows);
        const found: Record<string, string> = {};
        for (const a of result.rows) {
          const attorney = await call('attorney:get', { id: a.attorneyId }).catch(() => null);
          if (attorney) found[a.attorneyId] = `${attorney.givenName} ${attorney.familyName}`;
        }
        setNames(found);
      },
      (e: unknown) => setError(errorCode(e)),
    );
    call('attorney:suggest', { personId: person.id }).then(setSuggestions, () => setSuggestions([]));
  }, [person.id, refresh]);

  const assign = async (confirmed: boolean) => {
    setError(null);
    if (!attorneyId) return;
    try {
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
      setRefresh((r) => r + 1);
      onChange();
    } catch (caught) {
      setError(errorCode(caught));
    }
  };

  const close = async (id: string) => {
    await call('assignment:update', { id, patch: { status: 'CLOSED' } }).then(
      () => setRefresh((r) => r + 1),
      (e: unknown) => setError(errorCode(e)),
    );
  };

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
              <button type="button" className="ghost small" onClick={() => void close(a.id)}>
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
          <button type="button" onClick={() => void assign(true)}>
            {t('assign.assignAnyway')}
          </button>
        </div>
      ) : null}
      <ErrorAlert code={error} />
      <button type="button" className="primary" disabled={!attorneyId} onClick={() => void assign(false)}>
        {t('assign.assign')}
      </button>
    </section>
  );
}
