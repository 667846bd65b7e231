import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorCode } from '../../../shared/errors';
import type { Person } from '../../../shared/model';
import type { PeopleView } from '../../../shared/records/queries';
import { call, errorCode } from '../../api';

// Server-side paging for the People table: the database sorts, filters and searches; the UI asks only for
// the pages the virtualized list shows. Changing the query drops the cache.

export const PAGE_SIZE = 200;

export interface PeopleQuery {
  search: string;
  filters: Record<string, string>;
  sort: { field: string; direction: 'asc' | 'desc' };
  view: PeopleView | null;
}

export function usePeoplePages(query: PeopleQuery) {
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, Person[]>>(new Map());
  const [error, setError] = useState<ErrorCode | null>(null);
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify(query);

  const fetchPage = useCallback(
    async (page: number) => {
      const parsed = JSON.parse(key) as PeopleQuery;
      const offset = page * PAGE_SIZE;
      if (parsed.view) return call('person:view', { view: parsed.view, limit: PAGE_SIZE, offset });
      const filters = Object.fromEntries(Object.entries(parsed.filters).filter(([, v]) => v !== ''));
      return call('person:list', {
        ...(parsed.search.trim() ? { search: parsed.search } : {}),
        ...(Object.keys(filters).length ? { filters } : {}),
        sort: parsed.sort,
        limit: PAGE_SIZE,
        offset,
      });
    },
    [key],
  );

  const load = useCallback(
    (page: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      const mine = generation.current;
      fetchPage(page).then(
        (result) => {
          if (mine !== generation.current) return;
          setTotal(result.total);
          setPages((current) => new Map(current).set(page, result.rows));
        },
        (e: unknown) => {
          if (mine === generation.current) setError(errorCode(e));
        },
      );
    },
    [fetchPage],
  );

  useEffect(() => {
    generation.current++;
    loading.current = new Set();
    setPages(new Map());
    setError(null);
    load(0);
  }, [load]);

  const rowAt = useCallback(
    (index: number): Person | undefined => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [pages],
  );
  const ensure = useCallback(
    (index: number) => {
      const page = Math.floor(index / PAGE_SIZE);
      if (!pages.has(page)) load(page);
    },
    [pages, load],
  );
  const reload = () => {
    generation.current++;
    loading.current = new Set();
    setPages(new Map());
    load(0);
  };
  return { total, rowAt, ensure, error, reload, pages };
}
