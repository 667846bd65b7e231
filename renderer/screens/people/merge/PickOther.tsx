import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../shared/model';
import { call } from '../../../api';
import { useDates } from '../../../app/format';
import { useCall, useLoad } from '../../../app/useCall';
import { ErrorAlert } from '../../../components/ErrorAlert';

// The other record of the same person: the likely duplicates first (same A-number, or same date of birth and
// a similar name), or any record found by name, A-number or phone.

type Candidate = {
  id: string;
  givenName: string;
  familyName: string;
  aNumber?: string;
  dateOfBirth?: string;
};

export function PickOther({ keep, onPick }: { keep: Person; onPick(id: string): void }) {
  const { t } = useTranslation();
  const dates = useDates();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const duplicates = useCall('person:duplicates', {
    givenName: keep.givenName,
    familyName: keep.familyName,
    ...(keep.aNumber ? { aNumber: keep.aNumber } : {}),
    ...(keep.dateOfBirth ? { dateOfBirth: keep.dateOfBirth } : {}),
    excludeId: keep.id,
  });
  const found = useLoad(
    async () =>
      search.trim().length < 2
        ? null
        : (await call('person:list', { search: search.trim(), limit: 10 })).rows.filter(
            (p) => p.id !== keep.id,
          ),
    [search, keep.id],
  );
  const describe = (p: Candidate) =>
    [
      `${p.givenName} ${p.familyName}`,
      p.aNumber ? `A${p.aNumber}` : null,
      p.dateOfBirth ? t('merge.born', { date: dates.date(p.dateOfBirth) }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
  const likely = duplicates.data ?? [];
  return (
    <div className="stack">
      <section className="card" aria-labelledby="merge-likely">
        <h2 id="merge-likely">{t('merge.likelyTitle')}</h2>
        <ErrorAlert code={duplicates.error} />
        {likely.length === 0 && !duplicates.loading ? <p>{t('merge.noneLikely')}</p> : null}
        <ul className="plain merge-candidates">
          {likely.map((d) => (
            <li key={d.id}>
              <button type="button" onClick={() => onPick(d.id)}>
                {t('merge.compareWith', { name: `${d.givenName} ${d.familyName}` })}
              </button>{' '}
              <span className="muted">({t(`intake.duplicateReason.${d.reason}`)})</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="merge-find">
        <h2 id="merge-find">{t('merge.findTitle')}</h2>
        <label htmlFor={searchId}>{t('merge.search')}</label>
        <input
          id={searchId}
          type="search"
          value={search}
          autoComplete="off"
          onChange={(event) => setSearch(event.target.value)}
        />
        <ErrorAlert code={found.error} />
        {found.data ? (
          found.data.length === 0 ? (
            <p>{t('merge.noMatch')}</p>
          ) : (
            <ul className="plain merge-candidates" aria-label={t('merge.results')}>
              {found.data.map((p) => (
                <li key={p.id}>
                  <button type="button" onClick={() => onPick(p.id)}>
                    {t('merge.compareWith', { name: describe(p) })}
                  </button>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>
    </div>
  );
}
