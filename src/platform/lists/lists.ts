/**
 * Lists that scale: one declaration of a list (its columns, the order it starts in, and how its rows are
 * fetched in the actor's scope) gives three endpoints — the page (`GET path`), and the filtered rows as CSV
 * and XLSX (`GET path/export.csv|.xlsx`, through the safe export cells, audited). Paging, order and filters
 * are the database's work: a source hands its table and condition to windowRows (`order by … limit … offset`, and the count).
 *
 * @example registerList(app, { path: '/api/liens', config: requires('registry.read'), tags, summary, filters, item: LienViewSchema, source: lienList });
 */
import { asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgSelect, PgTable } from 'drizzle-orm/pg-core';
import type { FastifySchema } from 'fastify';
import { type Type, type TProperties, type TSchema, type Static } from 'typebox';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { Db, Tx } from '../db/connect';
import { mayLag } from '../db/replica';
import { AppError } from '../errors';
import { toCsv } from '../export-cells';
import { commonErrorResponses } from '../http/contract';
import { inRequestTransaction, sendDownload, xlsxContentType } from '../http/handler';
import type { ConcordApp } from '../http/types';
import { addTableSheet, newWorkbook, workbookBuffer } from '../xlsx';
import { listExportQuerySchema, listPageSchema, listQuerySchema, maxExportRows, type ListPage, type ListQuery, type SortDirection } from './contract';

export type Cell = string | number | boolean | null;

export interface ListColumn<Row> {
  key: string;
  header: string;
  /** The value written to the export. */
  value(row: Row): Cell;
  /** What the database orders by for this column; without it the column cannot be sorted on. */
  orderBy?: SQL | AnyColumn;
}

/** The rows a request asks for: which order, and which slice. */
export interface ListWindow {
  sort: string;
  dir: SortDirection;
  /** `order by` terms for the column asked for (then the source's own tie-breaker). */
  orderBy: SQL[];
  limit: number;
  offset: number;
  /** The rows are for an export, which `listExport` audits as one row: a source that records its reads need not record this one. */
  isExport?: boolean;
}

/** What an export writes when it differs from the page (e.g. masked SSNs and outbound-safe addresses). */
export interface ListExport<ExportRow, Filters> {
  columns: readonly Pick<ListColumn<ExportRow>, 'key' | 'header' | 'value'>[];
  /** The selected rows in the window's order (the same selection and order as the page's rows). */
  rows(tx: Tx, actor: Actor, filters: Filters & { q?: string }, window: ListWindow): Promise<ExportRow[]>;
}

export interface ListSource<Row, Filters, ExportRow = Row> {
  /** Names the export file and its audit row, e.g. `liens`. */
  name: string;
  columns: readonly ListColumn<Row>[];
  defaultSort: { sort: string; dir: SortDirection };
  /** Whether the rows name people (their export is audited as a read of personal data). */
  personal: boolean;
  /**
   * One slice of the selected rows in the window's order, and how many the filters select — or, for a list too
   * long to count on every page (the audit log), how many up to a bound, with `totalCapped` when more match.
   */
  rows(tx: Tx, actor: Actor, filters: Filters & { q?: string }, window: ListWindow): Promise<{ items: Row[]; total: number; totalCapped?: boolean }>;
  /** The export's own columns and rows; without it the export writes the page's columns. */
  export?: ListExport<ExportRow, Filters>;
  /** More for the export's audit row, e.g. the filters (the audit log's own exports say what was searched). */
  exportDetail?: (filters: Filters & { q?: string }) => Record<string, unknown>;
}

/** The window for a query, or a 400 naming `querystring/sort` with the keys this list can be ordered by. */
export function windowOf<Row>(
  source: Pick<ListSource<Row, never>, 'columns' | 'defaultSort'>,
  query: { sort?: string; dir?: SortDirection },
  limit: number,
  offset: number,
): ListWindow {
  const sortable = source.columns.filter((c) => c.orderBy !== undefined);
  const sort = query.sort ?? source.defaultSort.sort;
  const column = sortable.find((c) => c.key === sort);
  if (!column?.orderBy) {
    throw new AppError('validation', 'sort_unknown', `This list can be sorted by ${sortable.map((c) => c.key).join(', ')}.`, [
      { path: 'querystring/sort', message: `one of ${sortable.map((c) => c.key).join(', ')}` },
    ]);
  }
  const dir = query.dir ?? (query.sort === undefined ? source.defaultSort.dir : 'asc');
  const orderBy = [dir === 'asc' ? sql`${column.orderBy} asc nulls last` : sql`${column.orderBy} desc nulls last`];
  return { sort, dir, orderBy, limit, offset };
}

/** The source's stable tie-breaker after the window's order (a unique column, so pages never overlap). */
function sqlOrder(window: ListWindow, ...tieBreakers: AnyColumn[]): SQL[] {
  return [...window.orderBy, ...tieBreakers.map((c) => (window.dir === 'asc' ? asc(c) : desc(c)))];
}

/** One window of a query (joins and all, made with `.$dynamic()`): the window's order, then the tie-breakers. */
export function inWindow<Q extends PgSelect>(query: Q, window: ListWindow, ...tieBreakers: AnyColumn[]): Promise<Awaited<Q>> {
  return query
    .orderBy(...sqlOrder(window, ...tieBreakers))
    .limit(window.limit)
    .offset(window.offset) as unknown as Promise<Awaited<Q>>;
}

/**
 * One window of a query (inWindow), and how many rows the count query — the same joins and condition,
 * selecting `{ n: count }` — finds.
 */
export async function windowSelect<Q extends PgSelect>(
  query: Q,
  count: PromiseLike<{ n: number }[]>,
  window: ListWindow,
  ...tieBreakers: AnyColumn[]
): Promise<{ rows: Awaited<Q>; total: number }> {
  const rows = await inWindow(query, window, ...tieBreakers);
  const [total] = await count;
  return { rows, total: total?.n ?? 0 };
}

/** The count column of windowSelect's count query. */
export const countAll = sql<number>`count(*)::int`;

/**
 * How many rows a query selects, reading no further than `cap` + 1 of them: `total` is exact up to `cap`, and
 * `totalCapped` says that more match (the count of a log with millions of rows stays as cheap as one page).
 */
export async function boundedCount(tx: Db, query: PgSelect, cap: number): Promise<{ total: number; totalCapped: boolean }> {
  const [row] = await tx.select({ n: countAll }).from(query.limit(cap + 1).as('bounded'));
  const n = row?.n ?? 0;
  return n > cap ? { total: cap, totalCapped: true } : { total: n, totalCapped: false };
}

/** One window of a table's rows that match, in the window's order (then the tie-breakers), and how many match. */
export async function windowRows<T extends PgTable>(
  tx: Tx,
  table: T,
  where: SQL | undefined,
  window: ListWindow,
  ...tieBreakers: AnyColumn[]
): Promise<{ rows: T['$inferSelect'][]; total: number }> {
  const { rows, total } = await windowSelect(
    tx
      .select()
      .from(table as PgTable)
      .where(where)
      .$dynamic(),
    tx
      .select({ n: countAll })
      .from(table as PgTable)
      .where(where),
    window,
    ...tieBreakers,
  );
  return { rows: rows as T['$inferSelect'][], total };
}

export async function listPage<Row, Filters>(tx: Tx, actor: Actor, source: ListSource<Row, Filters>, query: ListQuery & Filters): Promise<ListPage<Row>> {
  const window = windowOf(source, query, query.pageSize, (query.page - 1) * query.pageSize);
  const { items, total, totalCapped } = await source.rows(tx, actor, query, window);
  return { items, page: query.page, pageSize: query.pageSize, total, ...(totalCapped ? { totalCapped } : {}), sort: window.sort, dir: window.dir };
}

export type ExportFormat = 'csv' | 'xlsx';

/** Every selected row (at most maxExportRows) as a CSV or XLSX file; the export is audited. */
export async function listExport<Row, Filters, ExportRow>(
  tx: Tx,
  actor: Actor,
  source: ListSource<Row, Filters, ExportRow>,
  query: Omit<ListQuery, 'page' | 'pageSize'> & Filters,
  format: ExportFormat,
): Promise<{ fileName: string; contentType: string; body: string | Uint8Array }> {
  const window = { ...windowOf(source, query, maxExportRows, 0), isExport: true };
  const own = source.export;
  // With an export of its own, the page's rows only count the selection (an empty window).
  const { items, total, totalCapped } = await source.rows(tx, actor, query, own ? { ...window, limit: 0 } : window);
  if (total > maxExportRows || totalCapped) {
    const matching = totalCapped ? `More than ${total.toLocaleString('en-US')}` : total.toLocaleString('en-US');
    throw new AppError(
      'validation',
      'export_too_large',
      `${matching} rows match; an export holds at most ${maxExportRows.toLocaleString('en-US')}. Narrow the filters and export again.`,
    );
  }
  const rows: unknown[] = own ? await own.rows(tx, actor, query, window) : items;
  const columns = (own?.columns ?? source.columns) as readonly Pick<ListColumn<unknown>, 'key' | 'header' | 'value'>[];
  await recordAudit(tx, actor, {
    action: `${source.name}.export`,
    entityType: 'list',
    entityId: source.name,
    isPiiRead: source.personal,
    detail: { ...source.exportDetail?.(query), rows: rows.length, format },
  });
  const header = columns.map((c) => c.header);
  if (format === 'csv') {
    const body = toCsv([header, ...rows.map((row) => columns.map((c) => c.value(row)))]);
    return { fileName: `${source.name}.csv`, contentType: 'text/csv; charset=utf-8', body };
  }
  const workbook = newWorkbook();
  addTableSheet(
    workbook,
    source.name,
    columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length + 2) })),
    rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, c.value(row)]))),
  );
  return { fileName: `${source.name}.xlsx`, contentType: xlsxContentType, body: await workbookBuffer(workbook) };
}

export interface ListRoute<Item extends TSchema, Filters extends TProperties> {
  path: string;
  config: object;
  tags: string[];
  summary: string;
  filters: Filters;
  item: Item;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the export's row type is the source's own business
  source: ListSource<Static<Item>, Static<ReturnType<typeof Type.Object<Filters>>>, any>;
}

/** The page, CSV and XLSX endpoints of one list, with the same filters and order. */
export function registerList<Item extends TSchema, Filters extends TProperties>(app: ConcordApp, list: ListRoute<Item, Filters>): void {
  type Query = ListQuery & Static<ReturnType<typeof Type.Object<Filters>>>;
  const pageSchema: FastifySchema = {
    tags: list.tags,
    summary: `${list.summary} — paged, sorted and filtered`,
    querystring: listQuerySchema(list.filters),
    response: { 200: listPageSchema(list.item), ...commonErrorResponses },
  };
  app.get(list.path, { config: list.config, schema: pageSchema }, (request) =>
    inRequestTransaction(request, (tx, actor) => listPage(tx, actor, list.source, request.query as Query)),
  );
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `${list.path}/export.${format}`,
      {
        // An export may lag: with a read replica, it is read there (db/replica.ts).
        config: mayLag(list.config),
        schema: {
          tags: list.tags,
          summary: `${list.summary} — every selected row as ${format.toUpperCase()} (at most ${maxExportRows.toLocaleString('en-US')})`,
          querystring: listExportQuerySchema(list.filters),
          produces: [format === 'csv' ? 'text/csv' : xlsxContentType],
        },
      },
      async (request, reply) => {
        const file = await inRequestTransaction(request, (tx, actor) => listExport(tx, actor, list.source, request.query as Query, format));
        return sendDownload(reply, file);
      },
    );
  }
}
