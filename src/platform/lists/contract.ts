/**
 * The shape every list endpoint shares (lists.ts): a page of the rows the filters select, in the order
 * asked for, with how many there are in all. No Node imports: the web app uses it.
 *
 * @example GET /api/liens?status=recorded&sort=dueBy&dir=desc&page=2&pageSize=25&q=fresno
 */
import { Type, type TProperties, type TSchema } from 'typebox';

export const sortDirections = ['asc', 'desc'] as const;
export type SortDirection = (typeof sortDirections)[number];

/** Paging, order and the free-text filter; each list adds its own filters beside them. */
export const listQueryProperties = {
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
  sort: Type.Optional(Type.String({ pattern: '^[A-Za-z]{1,40}$', description: 'A column key the list can be ordered by' })),
  dir: Type.Optional(Type.Enum(sortDirections)),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Text the rows are narrowed to (what it matches is in the summary)' })),
};

export interface ListQuery {
  page: number;
  pageSize: number;
  sort?: string;
  dir?: SortDirection;
  q?: string;
}

export function listQuerySchema<P extends TProperties>(filters: P) {
  return Type.Object({ ...listQueryProperties, ...filters });
}

/** The export of a list takes the same filters and order, without the page. */
export function listExportQuerySchema<P extends TProperties>(filters: P) {
  const { sort, dir, q } = listQueryProperties;
  return Type.Object({ sort, dir, q, ...filters });
}

export function listPageSchema<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer({ description: 'How many rows the filters select, on every page' }),
    totalCapped: Type.Optional(Type.Boolean({ description: 'More rows match than `total`: the list counts only so far (the audit log)' })),
    sort: Type.String(),
    dir: Type.Enum(sortDirections),
  });
}

export interface ListPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  /** More rows match than `total` (a list that counts only so far). */
  totalCapped?: boolean;
  sort: string;
  dir: SortDirection;
}

/** The most rows one export holds: a wider selection is refused with the count, to be narrowed. */
export const maxExportRows = 10_000;
