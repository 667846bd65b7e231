import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction } from '../../app/useCall';
import { splitList, useDraft } from '../../app/useDraft';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';

// Adding an attorney quickly; specialties and conflicts are edited on their page.
export function AddAttorney({ onAdded }: { onAdded(): void }) {
  const { t } = useTranslation();
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
    onAdded();
  });
  const add = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <form className="card inline-form" onSubmit={add} aria-label={t('attorney.add')}>
      <h2>{t('attorney.add')}</h2>
      <ErrorAlert code={create.error} />
      <Field label={`${t('person.givenName')} *`} {...bind('givenName')} required />
      <Field label={`${t('person.familyName')} *`} {...bind('familyName')} required />
      <Field label={t('attorney.organization')} {...bind('organization')} />
      <Field label={t('volunteer.languages')} {...bind('languages')} help={t('intake.languagesHelp')} />
      <Field label={t('attorney.capacity')} type="number" min={0} {...bind('capacity')} />
      <button type="submit">{t('attorney.add')}</button>
    </form>
  );
}
