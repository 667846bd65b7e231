import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { pause } from '../../app/latest';
import { useLoad } from '../../app/useCall';
import { Field } from '../../components/Field';

// The people an attorney must not take (conflicts of interest), found by name or A-number and listed by
// name. A person since deleted still counts as a conflict until removed here.
export function ConflictsEditor({ ids, onChange }: { ids: string[]; onChange(ids: string[]): void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const names = useLoad(
    () =>
      Promise.all(
        ids.map(async (id) => {
          try {
            const p = await call('person:get', { id });
            return { id, name: `${p.givenName} ${p.familyName}` };
          } catch {
            return { id, name: t('roster.unknownPerson') };
          }
        }),
      ),
    [ids.join(',')],
  );
  const found = useLoad(
    async (signal) => {
      if (search.trim().length < 2) return [];
      await pause(200, signal);
      return (await call('person:list', { search, limit: 8 })).rows;
    },
    [search],
  );
  return (
    <fieldset className="card stack">
      <legend>{t('roster.conflicts')}</legend>
      <p className="field-help">{t('roster.conflictsHelp')}</p>
      {ids.length === 0 ? <p className="muted">{t('roster.noConflicts')}</p> : null}
      <ul className="plain" aria-label={t('roster.conflicts')}>
        {(names.data ?? []).map(({ id, name }) => (
          <li key={id}>
            {name}{' '}
            <button
              type="button"
              className="ghost small"
              aria-label={t('roster.removeConflict', { name })}
              onClick={() => onChange(ids.filter((other) => other !== id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <Field
        label={t('roster.addConflict')}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ul className="plain">
        {(found.error ? [] : (found.data ?? []))
          .filter((p) => !ids.includes(p.id))
          .map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  onChange([...ids, p.id]);
                  setSearch('');
                }}
              >
                {t('roster.conflictWith', { name: `${p.givenName} ${p.familyName}` })}
              </button>
            </li>
          ))}
      </ul>
    </fieldset>
  );
}
