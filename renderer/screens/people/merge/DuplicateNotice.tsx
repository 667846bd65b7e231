import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../shared/model';
import { useNavigation } from '../../../app/navigation';
import { useCall } from '../../../app/useCall';

// On the person page: other records that may be this same person (same A-number, or same date of birth and
// a similar name), with the way to compare and merge them.
export function DuplicateNotice({ person }: { person: Person }) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const duplicates = useCall('person:duplicates', {
    givenName: person.givenName,
    familyName: person.familyName,
    ...(person.aNumber ? { aNumber: person.aNumber } : {}),
    ...(person.dateOfBirth ? { dateOfBirth: person.dateOfBirth } : {}),
    excludeId: person.id,
  });
  // A hint, not the record: a lookup that fails shows nothing.
  const found = duplicates.error ? [] : (duplicates.data ?? []);
  if (found.length === 0) return null;
  return (
    <section className="notice" aria-labelledby="duplicate-title">
      <h2 id="duplicate-title">{t('merge.mayBe', { count: found.length })}</h2>
      <ul className="plain">
        {found.map((d) => (
          <li key={d.id}>
            {d.givenName} {d.familyName}{' '}
            <span className="muted">({t(`intake.duplicateReason.${d.reason}`)})</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => navigate({ section: 'people', id: 'merge', from: person.id })}>
        {t('merge.compareAndMerge')}
      </button>
    </section>
  );
}
