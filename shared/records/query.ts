import { z } from 'zod';

// List queries shared by every kind: equality filters on indexed fields, one sort key, paging.
export const ListQuery = z
  .object({
    filters: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
    search: z.string().max(200).optional(),
    sort: z
      .object({ field: z.string().max(40), direction: z.enum(['asc', 'desc']) })
      .strict()
      .optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    offset: z.number().int().min(0).max(10_000_000).optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof ListQuery>;

export interface ListResult<T> {
  rows: T[];
  total: number;
}

export const listResult = <T extends z.ZodType>(row: T) =>
  z.object({ rows: z.array(row), total: z.number().int() });
