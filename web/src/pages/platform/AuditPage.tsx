import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { client, must } from '../../api';
import { Pager, TableHead, TableRegion } from '../../components/Table';
import { ErrorAlert, Loading, Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { DateRangeFields } from '../../components/DateRangeFields';
import { optionalDate } from '../../components/dates';
import { bind, checkbox } from '../../components/bind';

interface Filters {
  action: string;
  actorEmail: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
  isPiiReadOnly: boolean;
}

const noFilters: Filters = { action: '', actorEmail: '', entityType: '', entityId: '', from: '', to: '', isPiiReadOnly: false };

/** The API's filter from the form's (dates as typed become calendar dates, or an error naming the field). */
function filterOf(filters: Filters) {
  return {
    action: filters.action || undefined,
    actorEmail: filters.actorEmail || undefined,
    entityType: filters.entityType || undefined,
    entityId: filters.entityId || undefined,
    from: optionalDate('From', filters.from),
    to: optionalDate('To', filters.to),
    isPiiRead: filters.isPiiReadOnly || undefined,
  };
}

function exportHref(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filterOf(filters))) if (value !== undefined) params.set(key, String(value));
  return `/api/audit/export.csv${params.size > 0 ? `?${params}` : ''}`;
}

export function AuditPage() {
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [filters, setFilters] = useState<Filters>(draft);
  const [page, setPage] = useState(1);
  const entries = useQuery({
    queryKey: ['audit', filters, page],
    queryFn: () => must(client.GET('/api/audit', { params: { query: { page, pageSize: 50, ...filterOf(filters) } } })),
  });
  const verify = useMutation({ mutationFn: () => must(client.GET('/api/audit/verify')) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilters(draft);
  };
  return (
    <Page title="Audit log" intro="Every write and every read of personal data, hash-chained so that tampering shows.">
      <form className="usa-form maxw-tablet" onSubmit={submit}>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">Search</legend>
          <TextField id="audit-action" label="Action starts with" hint="For example case.read or auth.sign_in" {...bind(draft, setDraft, 'action')} />
          <TextField id="audit-person" label="Person (email)" type="email" {...bind(draft, setDraft, 'actorEmail')} />
          <TextField id="audit-entity-type" label="Record type" hint="For example case, lien or claim" {...bind(draft, setDraft, 'entityType')} />
          <TextField id="audit-entity" label="Record id" {...bind(draft, setDraft, 'entityId')} />
          <DateRangeFields<Filters> idPrefix="audit" draft={draft} onChange={setDraft} />
          <div className="usa-checkbox margin-top-2">
            <input className="usa-checkbox__input" id="audit-pii" type="checkbox" {...checkbox(draft, setDraft, 'isPiiReadOnly')} />
            <label className="usa-checkbox__label" htmlFor="audit-pii">
              Reads of personal data only
            </label>
          </div>
          <button className="usa-button margin-top-2" type="submit">
            Search
          </button>
        </fieldset>
      </form>
      <div className="margin-y-3">
        <button type="button" className="usa-button usa-button--outline" onClick={() => verify.mutate()} disabled={verify.isPending}>
          Verify the hash chain
        </button>
        <div role="status" aria-live="polite">
          {verify.data ? (verify.data.isIntact ? `Intact: ${verify.data.rowsChecked} rows checked.` : `Broken at row ${verify.data.brokenAtId}.`) : null}
        </div>
      </div>
      <ErrorAlert error={entries.error ?? verify.error} />
      {entries.data ? (
        <p>
          <a className="usa-link" href={exportHref(filters)} download>
            Download these entries as CSV
          </a>{' '}
          (the whole selection, up to 10,000 entries; the download is itself audited)
        </p>
      ) : null}
      {entries.isPending ? <Loading what="audit entries" /> : null}
      {entries.data ? (
        <>
          <TableRegion label="Audit entries">
            <table className="usa-table usa-table--compact width-full">
              <caption>Audit entries, newest first (page {page})</caption>
              <TableHead columns={['When', 'Action', 'Who', 'Record', 'Outcome']} />
              <tbody>
                {entries.data.items.map((e) => (
                  <tr key={e.id}>
                    <td>{new Date(e.occurredAt).toLocaleString()}</td>
                    <th scope="row">
                      {e.action}
                      {e.isPiiRead ? ' (personal data)' : ''}
                    </th>
                    <td>
                      {e.actorName ? (
                        <>
                          {e.actorName} <span className="text-base">({e.actorEmail})</span>
                          <br />
                        </>
                      ) : null}
                      {e.actorRole}
                      {e.lcsaId ? ` · ${e.lcsaId}` : ''}
                    </td>
                    <td>{e.entityId ? `${e.entityType} ${e.entityId}` : e.entityType}</td>
                    <td>{e.outcome}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <Pager
            label="Pages of audit entries"
            hasPrevious={page > 1}
            hasNext={entries.data.hasMore}
            onPrevious={() => setPage(page - 1)}
            onNext={() => setPage(page + 1)}
            previousText="Newer"
            nextText="Older"
          />
        </>
      ) : null}
    </Page>
  );
}
