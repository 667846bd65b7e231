import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  flexRender,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { formatANumber } from '../../../shared/anumber';
import type { Person } from '../../../shared/model';
import { useDates } from '../../app/format';
import { useNavigation } from '../../app/navigation';
import { HoldBadge } from './PersonActions';
import type { PeopleQuery } from './usePeoplePages';

// The People table: TanStack Table owns the columns and the sort state (sorting itself happens in SQLite,
// `manualSorting`), and TanStack Virtual renders only the rows on screen, so 100,000 rows scroll smoothly.

const features = tableFeatures({ rowSortingFeature });
const ROW_HEIGHT = 40;

interface Props {
  total: number;
  rowAt(index: number): Person | undefined;
  ensure(index: number): void;
  sort: PeopleQuery['sort'];
  onSort(sort: PeopleQuery['sort']): void;
  sortable: boolean;
}

export function PeopleTable({ total, rowAt, ensure, sort, onSort, sortable }: Props) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const dates = useDates();
  const scrollRef = useRef<HTMLDivElement>(null);

  const columns = useMemo<ColumnDef<typeof features, Person>[]>(
    () => [
      {
        id: 'familyName',
        header: () => t('person.name'),
        accessorFn: (p) => `${p.familyName}, ${p.givenName}`,
        cell: (info) => (
          <span className="name-cell">
            <button
              type="button"
              className="link"
              onClick={() => navigate({ section: 'people', id: info.row.original.id })}
            >
              {info.getValue<string>()}
            </button>
            {info.row.original.legalHold ? <HoldBadge short /> : null}
          </span>
        ),
      },
      {
        id: 'aNumber',
        header: () => t('person.aNumber'),
        enableSorting: false,
        accessorFn: (p) => (p.aNumber ? formatANumber(p.aNumber) : ''),
      },
      {
        id: 'priority',
        header: () => t('person.priority'),
        accessorFn: (p) => (p.priority ? t(`enums.priority.${p.priority}`) : ''),
      },
      {
        id: 'caseStatus',
        header: () => t('person.caseStatus'),
        accessorFn: (p) => (p.caseStatus ? t(`enums.caseStatus.${p.caseStatus}`) : ''),
      },
      {
        id: 'detainedAt',
        header: () => t('person.detainedAt'),
        accessorFn: (p) => (p.detainedAt ? dates.date(p.detainedAt) : ''),
      },
      { id: 'updatedAt', header: () => t('person.updatedAt'), accessorFn: (p) => dates.date(p.updatedAt) },
    ],
    [t, navigate, dates],
  );

  const sorting: SortingState = [{ id: sort.field, desc: sort.direction === 'desc' }];
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const visible = items.map((item) => rowAt(item.index)).filter((p): p is Person => p !== undefined);
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  // Ask for the pages the viewport shows (the first and the last visible row cover at most two pages).
  useEffect(() => {
    if (total > 0) {
      ensure(first);
      ensure(last);
    }
  }, [first, last, total, ensure]);

  const table = useTable({
    features,
    columns,
    data: visible,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first) onSort({ field: first.id, direction: first.desc ? 'desc' : 'asc' });
    },
  });
  const rowsById = new Map(table.getRowModel().rows.map((row) => [row.id, row]));

  return (
    <div className="grid-table" role="table" aria-label={t('people.tableLabel')} aria-rowcount={total + 1}>
      <div role="rowgroup" className="grid-head">
        {table.getHeaderGroups().map((group) => (
          <div role="row" key={group.id} className="grid-row">
            {group.headers.map((header) => {
              const canSort = sortable && header.column.getCanSort();
              // Searches come back best match first (and views in their own order): no column sort applies then.
              const direction = sortable ? header.column.getIsSorted() : false;
              return (
                <div
                  role="columnheader"
                  key={header.id}
                  className="grid-cell"
                  aria-sort={
                    direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined
                  }
                >
                  {canSort ? (
                    <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span aria-hidden="true">
                        {direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ''}
                      </span>
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div ref={scrollRef} className="grid-body" role="rowgroup" data-testid="people-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const person = rowAt(item.index);
            const row = person ? rowsById.get(person.id) : undefined;
            return (
              <div
                role="row"
                key={item.key}
                aria-rowindex={item.index + 2}
                // Rows are measured, not fixed: a long name wraps instead of being cut.
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="grid-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  minHeight: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {row ? (
                  row.getAllCells().map((cell) => (
                    <div role="cell" key={cell.id} className="grid-cell">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </div>
                  ))
                ) : (
                  <div role="cell" className="grid-cell muted">
                    {t('people.loading')}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
