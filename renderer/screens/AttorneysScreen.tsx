import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useAction, useLoad } from '../app/useCall';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { splitList, useDraft } from '../app/useDraft';
import { ScreenHeading } from '../components/ScreenHeading';

// Attorneys with their capacity and current active case count.
export function AttorneysScreen() {
  const { t } = useTranslation();
  const attorneys = useLoad(async () => {
    const result = await call('attorney:list', { limit: 1000 });
    return Promise.all(
      result.rows.map(async (attorney) => ({
        attorney,
        active: (
          await call('assignment:list', {
            filters: { attorneyId: attorney.id, status: 'ACTIVE' },
            limit: 1,
          })
        ).total,
      })),
    );
  }, []);
  const rows = attorneys.data ?? [];
  const { draft, bind, reset } = useDraft({
    givenName: '',
    familyName: '',
    organization: '',
    languages: '',
    capacity: '',
  });

  const create = useAction(async () => {
    await call('attorney:create', {
      givenName: draft.givenName,
      familyName: draft.familyName,
      ...(draft.organization ? { organization: draft.organization } : {}),
      ...(draft.languages ? { languages: splitList(draft.languages) } : {}),
      ...(draft.capacity ? { capacity: Number(draft.capacity) } : {}),
      status: 'ACTIVE',
    });
    reset();
    attorneys.reload();
  });
  const add = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };

  return (
    <section aria-labelledby="section-title" className="stack wide">
      <ScreenHeading>{t('nav.attorneys')}</ScreenHeading>
      <ErrorAlert code={create.error ?? attorneys.error} />
      <table className="simple">
        <caption className="visually-hidden">{t('nav.attorneys')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.name')}</th>
            <th scope="col">{t('attorney.organization')}</th>
            <th scope="col">{t('volunteer.languages')}</th>
            <th scope="col">{t('attorney.activeCases')}</th>
            <th scope="col">{t('attorney.capacity')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ attorney, active }) => (
            <tr
              key={attorney.id}
              className={attorney.capacity !== undefined && active >= attorney.capacity ? 'full' : undefined}
            >
              <td>
                {attorney.givenName} {attorney.familyName}
              </td>
              <td>{attorney.organization ?? ''}</td>
              <td>{(attorney.languages ?? []).join(', ')}</td>
              <td>{active}</td>
              <td>{attorney.capacity ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card inline-form" onSubmit={add} aria-label={t('attorney.add')}>
        <h3>{t('attorney.add')}</h3>
        <Field label={`${t('person.givenName')} *`} {...bind('givenName')} required />
        <Field label={`${t('person.familyName')} *`} {...bind('familyName')} required />
        <Field label={t('attorney.organization')} {...bind('organization')} />
        <Field label={t('volunteer.languages')} {...bind('languages')} help={t('intake.languagesHelp')} />
        <Field label={t('attorney.capacity')} type="number" min={0} {...bind('capacity')} />
        <button type="submit">{t('attorney.add')}</button>
      </form>
    </section>
  );
}
