import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, CUSTODY_STATUSES, PRIORITIES } from '../../../shared/model';
import { PEOPLE_VIEWS, type PeopleView } from '../../../shared/records/queries';
import { useEnumOptions } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { IntakeForm } from './IntakeForm';
import { IntakeFromReport } from './IntakeFromReport';
import { MergePeople } from './merge/MergePeople';
import { PeopleTable } from './PeopleTable';
import { PersonDetail } from './PersonDetail';
import { usePeoplePages, type PeopleQuery } from './usePeoplePages';
import { ScreenHeading } from '../../components/ScreenHeading';

export function PeopleScreen() {
  const { location } = useNavigation();
  if (location.id === 'new')
    return location.from ? <IntakeFromReport reportId={location.from} /> : <IntakeForm />;
  if (location.id === 'merge' && location.from) return <MergePeople keepId={location.from} />;
  if (location.id) return <PersonDetail id={location.id} />;
  return <PeopleList />;
}

function PeopleList() {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const { navigate } = useNavigation();
  const [query, setQuery] = useState<PeopleQuery>({
    search: '',
    filters: {},
    sort: { field: 'familyName', direction: 'asc' },
    view: null,
  });
  const pages = usePeoplePages(query);
  const setFilter = (field: string, value: string) =>
    setQuery((q) => ({ ...q, view: null, filters: { ...q.filters, [field]: value } }));
  const setView = (view: PeopleView | null) => setQuery((q) => ({ ...q, view, search: '', filters: {} }));

  return (
    <section aria-labelledby="section-title" className="stack wide people">
      <div className="title-row">
        <ScreenHeading>{t('nav.people')}</ScreenHeading>
        <button
          type="button"
          className="primary"
          onClick={() => navigate({ section: 'people', id: 'new' })}
          aria-keyshortcuts="Control+I"
        >
          {t('people.newIntake')}
        </button>
      </div>
      <div role="group" aria-label={t('people.views')} className="views">
        <button type="button" aria-pressed={query.view === null} onClick={() => setView(null)}>
          {t('people.allPeople')}
        </button>
        {PEOPLE_VIEWS.map((view) => (
          <button type="button" key={view} aria-pressed={query.view === view} onClick={() => setView(view)}>
            {t(`people.view.${view}`)}
          </button>
        ))}
      </div>
      <div className="filters">
        <Field
          label={t('people.search')}
          type="search"
          value={query.search}
          onChange={(event) => setQuery((q) => ({ ...q, view: null, search: event.target.value }))}
          help={t('people.searchHelp')}
        />
        <SelectField
          label={t('person.caseStatus')}
          value={query.filters.caseStatus ?? ''}
          emptyLabel={t('common.any')}
          options={enumOptions('caseStatus', CASE_STATUSES)}
          onChange={(v) => setFilter('caseStatus', v)}
        />
        <SelectField
          label={t('person.priority')}
          value={query.filters.priority ?? ''}
          emptyLabel={t('common.any')}
          options={enumOptions('priority', PRIORITIES)}
          onChange={(v) => setFilter('priority', v)}
        />
        <SelectField
          label={t('person.custodyStatus')}
          value={query.filters.custodyStatus ?? ''}
          emptyLabel={t('common.any')}
          options={enumOptions('custodyStatus', CUSTODY_STATUSES)}
          onChange={(v) => setFilter('custodyStatus', v)}
        />
      </div>
      <ErrorAlert code={pages.error} />
      <p role="status" className="muted">
        {pages.total === null ? t('people.loading') : t('people.count', { count: pages.total })}
      </p>
      {pages.total ? (
        <PeopleTable
          total={pages.total}
          rowAt={pages.rowAt}
          ensure={pages.ensure}
          sort={query.sort}
          sortable={query.view === null && query.search.trim() === ''}
          onSort={(sort) => setQuery((q) => ({ ...q, sort }))}
        />
      ) : null}
    </section>
  );
}
