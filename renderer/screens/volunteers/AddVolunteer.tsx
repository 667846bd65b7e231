import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Volunteer } from '../../../shared/model';
import { call } from '../../api';
import { useAction } from '../../app/useCall';
import { splitList, useDraft } from '../../app/useDraft';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';

// Adding a volunteer quickly: a name and a way to reach them; the rest is edited on their page.
export function AddVolunteer({ onAdded }: { onAdded(v: Volunteer): void }) {
  const { t } = useTranslation();
  const { draft, bind, reset } = useDraft({
    givenName: '',
    familyName: '',
    phone: '',
    languages: '',
    counties: '',
  });
  const create = useAction(async () => {
    const created = await call('volunteer:create', {
      givenName: draft.givenName,
      familyName: draft.familyName,
      ...(draft.phone ? { phone: draft.phone } : {}),
      ...(draft.languages ? { languages: splitList(draft.languages) } : {}),
      ...(draft.counties ? { counties: splitList(draft.counties) } : {}),
      status: 'ACTIVE',
    });
    reset();
    onAdded(created);
  });
  const add = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <form className="card inline-form" onSubmit={add} aria-label={t('volunteer.add')}>
      <h2>{t('volunteer.add')}</h2>
      <ErrorAlert code={create.error} />
      <Field label={`${t('person.givenName')} *`} {...bind('givenName')} required />
      <Field label={`${t('person.familyName')} *`} {...bind('familyName')} required />
      <Field label={t('person.phone')} {...bind('phone')} />
      <Field label={t('volunteer.languages')} {...bind('languages')} help={t('intake.languagesHelp')} />
      <Field label={t('volunteer.counties')} {...bind('counties')} />
      <button type="submit">{t('volunteer.add')}</button>
    </form>
  );
}
