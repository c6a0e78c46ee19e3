/**
 * A list paged, sorted and filtered by the server (platform/lists), its state in the page's address so a view
 * can be bookmarked, shared and returned to with Back: `?liens.status=recorded&liens.sort=dueBy&liens.page=2`.
 * Headers sort (USWDS sortable table: `aria-sort` on the sorted column), the pager says where you are and how
 * many rows there are, and the export links take exactly the rows the filters select.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { ListPage, SortDirection } from '../../../src/platform/lists/contract';
import { ErrorAlert, Loading } from './Page';
import { SelectField } from './SelectField';
import { TableRegion } from './Table';
import { TextField } from './TextField';
import { field } from './bind';
import { optionalDate } from './dates';

export interface ListColumn<Row> {
  key: string;
  header: string;
  /** Whether the server can order by it. */
  sortable?: boolean;
  cell(row: Row): ReactNode;
}

export interface ListFilter {
  name: string;
  label: string;
  /** The first option is what the list shows when the address names none. */
  options: readonly { value: string; label: string }[];
}

/**
 * A filter typed rather than chosen (text, an email, a date as people type it) or a yes-only checkbox. Typed
 * filters apply with the Apply button (a date that is not one is named in words); a checkbox at once.
 */
export interface ListField {
  name: string;
  label: string;
  kind: 'text' | 'email' | 'date' | 'checkbox';
  hint?: string;
}

export type ListRequest = Record<string, string | number>;

const pageSizes = [25, 50, 100];

/** The list's state as the address holds it, under the list's own prefix. */
function useListState(id: string, filters: readonly ListFilter[], fields: readonly ListField[]) {
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const navigate = useNavigate();
  const read = (name: string) => {
    const value = search[`${id}.${name}`];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  };
  const page = Math.max(1, Number(read('page') ?? 1) || 1);
  const pageSize = pageSizes.includes(Number(read('size'))) ? Number(read('size')) : pageSizes[0]!;
  const dir = read('dir');
  const state = {
    page,
    pageSize,
    sort: read('sort'),
    dir: dir === 'asc' || dir === 'desc' ? (dir as SortDirection) : undefined,
    q: read('q') ?? '',
    // `any` in the address: the option with no value ("any status") chosen over a default that has one.
    filters: Object.fromEntries(filters.map((f) => [f.name, read(f.name) === 'any' ? '' : (read(f.name) ?? f.options[0]?.value ?? '')])),
    fields: Object.fromEntries(fields.map((f) => [f.name, read(f.name) ?? ''])),
  };
  const update = (changes: Record<string, string | number | undefined>) =>
    void navigate({
      to: '.',
      search: (previous: Record<string, unknown>) => {
        const next = { ...previous };
        for (const [name, value] of Object.entries(changes)) {
          if (value === undefined || value === '') delete next[`${id}.${name}`];
          // The router writes a string that reads as a number or true/false in quotes: those are kept as such.
          else next[`${id}.${name}`] = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : value === 'true' ? true : value;
        }
        return next;
      },
    } as never);
  return { state, update };
}

export function ListView<Row>({
  id,
  noun,
  one = noun.endsWith('ies') ? `${noun.slice(0, -3)}y` : noun.replace(/s$/, ''),
  exportPath,
  columns,
  filters = [],
  fields = [],
  searchLabel,
  queryKey,
  load,
  rowKey,
  rowHeader,
  footer,
  renderItems,
  refetchInterval,
  fixed = {},
}: {
  /** Prefix of the list's state in the address, and the test id of its table. */
  id: string;
  /** What the rows are, plural ("liens"). */
  noun: string;
  /** What one row is, when dropping the plural's "s" ("liens" → "lien", "entries" → "entry") does not say it. */
  one?: string;
  /** The list's API path: its exports are `${exportPath}/export.csv` and `.xlsx`. */
  exportPath: string;
  columns: readonly ListColumn<Row>[];
  filters?: readonly ListFilter[];
  /** Filters typed or ticked (see ListField), after the chosen ones. */
  fields?: readonly ListField[];
  /** The label of the free-text box; no box without it. */
  searchLabel?: string;
  queryKey: readonly unknown[];
  load(request: ListRequest): Promise<ListPage<Row>>;
  rowKey(row: Row): string;
  /** The column whose cell names the row for screen readers (a row header); the first when not given. */
  rowHeader?: string;
  /** What follows the table, given the page shown and the request (e.g. a form acting on these rows). */
  footer?(page: ListPage<Row>, request: ListRequest): ReactNode;
  /** The page's rows drawn otherwise than as a table (e.g. cards); the sortable columns are then offered as a sort choice. */
  renderItems?(items: Row[]): ReactNode;
  /** How often to reload while the page shown needs it (e.g. jobs still running), in milliseconds. */
  refetchInterval?(page: ListPage<Row> | undefined): number | false;
  /** Filters this view always applies (e.g. one queue of two), sent with every request and export. */
  fixed?: ListRequest;
}) {
  const { state, update } = useListState(id, filters, fields);
  const [text, setText] = useState(state.q);
  useEffect(() => setText(state.q), [state.q]);
  const [typed, setTyped] = useState(state.fields);
  const [typedError, setTypedError] = useState<Error | null>(null);
  const typedKey = JSON.stringify(state.fields);
  useEffect(() => setTyped(JSON.parse(typedKey) as Record<string, string>), [typedKey]);
  const typedFields = fields.filter((f) => f.kind !== 'checkbox');
  const request: ListRequest = { ...fixed, page: state.page, pageSize: state.pageSize };
  if (state.sort) request.sort = state.sort;
  if (state.dir) request.dir = state.dir;
  if (state.q) request.q = state.q;
  for (const [name, value] of Object.entries({ ...state.filters, ...state.fields })) if (value) request[name] = value;
  const list = useQuery({
    queryKey: [...queryKey, request],
    queryFn: () => load(request),
    placeholderData: keepPreviousData,
    refetchInterval: refetchInterval ? (query) => refetchInterval(query.state.data) : undefined,
  });
  const exportQuery = new URLSearchParams(Object.entries(request).flatMap(([k, v]) => (k === 'page' || k === 'pageSize' ? [] : [[k, String(v)]]))).toString();
  const data = list.data;
  // A list counted only so far (totalCapped) goes on while its pages are full.
  const lastPage = data ? Math.max(1, Math.ceil(data.total / data.pageSize), data.totalCapped && data.items.length === data.pageSize ? data.page + 1 : 1) : 1;
  const headerKey = rowHeader ?? columns[0]?.key;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      const values = Object.fromEntries(
        typedFields.map((f) => {
          const value = (typed[f.name] ?? '').trim();
          return [f.name, f.kind === 'date' ? optionalDate(f.label, value) : value];
        }),
      );
      setTypedError(null);
      update({ q: text.trim(), ...values, page: undefined });
    } catch (error) {
      setTypedError(error as Error);
    }
  };
  const sortBy = (key: string) => {
    const dir = data?.sort === key && data.dir === 'asc' ? 'desc' : 'asc';
    update({ sort: key, dir, page: undefined });
  };
  const counted = data?.totalCapped ? `More than ${data.total.toLocaleString('en-US')}` : data?.total.toLocaleString('en-US');
  const pages = data?.totalCapped ? `page ${data.page} (narrow the filters to count them all)` : `page ${data?.page} of ${lastPage}`;
  const summary = data ? `${counted} ${data.total === 1 && !data.totalCapped ? one : noun}${data.total === 0 ? '' : `, ${pages}`}` : '';
  return (
    <div className="concord-list" data-testid={`${id}-list`}>
      <form className="concord-filters margin-bottom-2" onSubmit={submit} aria-label={`Filter ${noun}`}>
        {searchLabel ? (
          <div className="concord-filter">
            <label className="usa-label" htmlFor={`${id}-q`}>
              {searchLabel}
            </label>
            <input className="usa-input" id={`${id}-q`} type="text" inputMode="search" {...field(text, setText)} />
          </div>
        ) : null}
        {filters.map((f) => (
          <div className="concord-filter" key={f.name}>
            <SelectField
              id={`${id}-${f.name}`}
              label={f.label}
              value={state.filters[f.name]}
              options={f.options}
              onChange={(event) => {
                const value = event.target.value;
                update({ [f.name]: value === f.options[0]?.value ? undefined : value === '' ? 'any' : value, page: undefined });
              }}
            />
          </div>
        ))}
        {typedFields.map((f) => (
          <div className="concord-filter" key={f.name}>
            <TextField
              id={`${id}-${f.name}`}
              label={f.label}
              hint={f.hint ?? (f.kind === 'date' ? 'MM/DD/YYYY' : undefined)}
              type={f.kind === 'email' ? 'email' : 'text'}
              {...field(typed[f.name] ?? '', (value) => setTyped({ ...typed, [f.name]: value }))}
            />
          </div>
        ))}
        {fields
          .filter((f) => f.kind === 'checkbox')
          .map((f) => (
            <div className="concord-filter usa-checkbox" key={f.name}>
              <input
                className="usa-checkbox__input"
                id={`${id}-${f.name}`}
                type="checkbox"
                checked={state.fields[f.name] === 'true'}
                onChange={(event) => update({ [f.name]: event.target.checked ? 'true' : undefined, page: undefined })}
              />
              <label className="usa-checkbox__label" htmlFor={`${id}-${f.name}`}>
                {f.label}
              </label>
            </div>
          ))}
        {searchLabel || typedFields.length > 0 ? (
          <button className="usa-button" type="submit">
            Apply
          </button>
        ) : null}
      </form>
      <ErrorAlert error={typedError ?? list.error} />
      {list.isPending ? <Loading what={noun} /> : null}
      {data ? (
        <>
          <div className="display-flex flex-wrap flex-justify flex-align-center">
            <p className="margin-y-1" role="status" aria-live="polite">
              {summary}
            </p>
            <p className="margin-y-1">
              Download these {noun}:{' '}
              <a className="usa-link" href={`${exportPath}/export.csv?${exportQuery}`} download>
                CSV
              </a>{' '}
              ·{' '}
              <a className="usa-link" href={`${exportPath}/export.xlsx?${exportQuery}`} download>
                XLSX
              </a>
            </p>
          </div>
          {renderItems ? (
            <>
              <SortChoice id={id} columns={columns} sort={data.sort} dir={data.dir} onSort={(sort, dir) => update({ sort, dir, page: undefined })} />
              {renderItems(data.items)}
            </>
          ) : (
            <TableRegion label={`${noun[0]!.toUpperCase()}${noun.slice(1)}`}>
              <table className="usa-table usa-table--compact usa-table--striped width-full" data-testid={id}>
                <caption className="usa-sr-only">{summary}</caption>
                <thead>
                  <tr>
                    {columns.map((c) => {
                      const sorted = data.sort === c.key;
                      return (
                        <th key={c.key} scope="col" aria-sort={sorted ? (data.dir === 'asc' ? 'ascending' : 'descending') : c.sortable ? 'none' : undefined}>
                          {c.sortable ? (
                            <button type="button" className="usa-button usa-button--unstyled concord-sort" onClick={() => sortBy(c.key)}>
                              {c.header}
                              <span aria-hidden="true">{sorted ? (data.dir === 'asc' ? ' ▲' : ' ▼') : ' ⇅'}</span>
                              <span className="usa-sr-only">{sorted ? `, sorted ${data.dir === 'asc' ? 'ascending' : 'descending'}` : ', sort'}</span>
                            </button>
                          ) : (
                            c.header
                          )}
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((row) => (
                    <tr key={rowKey(row)}>
                      {columns.map((c) =>
                        c.key === headerKey ? (
                          <th scope="row" key={c.key}>
                            {c.cell(row)}
                          </th>
                        ) : (
                          <td key={c.key}>{c.cell(row)}</td>
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
          <ListPager
            id={id}
            noun={noun}
            page={data.page}
            lastPage={lastPage}
            pageSize={data.pageSize}
            onPage={(page) => update({ page: page === 1 ? undefined : page })}
            onSize={(size) => update({ size: size === pageSizes[0] ? undefined : size, page: undefined })}
          />
          {footer ? footer(data, request) : null}
        </>
      ) : null}
    </div>
  );
}

/** The order of a list drawn without a table: which column, and which way. */
function SortChoice<Row>({
  id,
  columns,
  sort,
  dir,
  onSort,
}: {
  id: string;
  columns: readonly ListColumn<Row>[];
  sort: string;
  dir: SortDirection;
  onSort(sort: string, dir: SortDirection): void;
}) {
  const options = columns
    .filter((c) => c.sortable)
    .flatMap((c) => [
      { value: `${c.key}.asc`, label: `${c.header}, ascending` },
      { value: `${c.key}.desc`, label: `${c.header}, descending` },
    ]);
  return (
    <div className="concord-filter margin-bottom-2">
      <SelectField
        id={`${id}-order`}
        label="Order"
        value={`${sort}.${dir}`}
        options={options}
        onChange={(event) => {
          const [key, way] = event.target.value.split('.');
          onSort(key!, way === 'desc' ? 'desc' : 'asc');
        }}
      />
    </div>
  );
}

/** USWDS pagination: previous, the first and last pages, those beside the current one, next; and rows per page. */
function ListPager({
  id,
  noun,
  page,
  lastPage,
  pageSize,
  onPage,
  onSize,
}: {
  id: string;
  noun: string;
  page: number;
  lastPage: number;
  pageSize: number;
  onPage(page: number): void;
  onSize(size: number): void;
}) {
  const shown = [...new Set([1, page - 1, page, page + 1, lastPage])].filter((p) => p >= 1 && p <= lastPage).sort((a, b) => a - b);
  const [size, setSize] = useState(String(pageSize));
  useEffect(() => setSize(String(pageSize)), [pageSize]);
  return (
    <div className="display-flex flex-wrap flex-justify flex-align-end">
      <nav aria-label={`Pages of ${noun}`} className="margin-y-1">
        <ul className="concord-pager">
          <li>
            <button type="button" className="usa-button usa-button--outline" disabled={page <= 1} onClick={() => onPage(page - 1)}>
              Previous<span className="usa-sr-only"> page</span>
            </button>
          </li>
          {shown.map((p, index) => (
            <li key={p}>
              {index > 0 && p - shown[index - 1]! > 1 ? <span aria-hidden="true">…</span> : null}
              <button
                type="button"
                className={`usa-button ${p === page ? '' : 'usa-button--unstyled'} concord-page`}
                aria-current={p === page ? 'page' : undefined}
                aria-label={`Page ${p}${p === lastPage ? ', last page' : ''}`}
                onClick={() => onPage(p)}
              >
                {p}
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="usa-button usa-button--outline" disabled={page >= lastPage} onClick={() => onPage(page + 1)}>
              Next<span className="usa-sr-only"> page</span>
            </button>
          </li>
        </ul>
      </nav>
      <div className="margin-y-1">
        <SelectField
          id={`${id}-size`}
          label="Rows per page"
          value={size}
          onChange={(event) => {
            setSize(event.target.value);
            onSize(Number(event.target.value));
          }}
          options={pageSizes.map((s) => ({ value: String(s), label: String(s) }))}
        />
      </div>
    </div>
  );
}
