import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { client, must } from '../../api';
import { Pager, TableHead, TableRegion } from '../../components/Table';
import { ErrorAlert, Loading, Page } from '../../components/Page';
import { field } from '../../components/bind';

export function CasesPage() {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [caseNumber, setCaseNumber] = useState('');
  const cases = useQuery({
    queryKey: ['cases', page, caseNumber],
    queryFn: () => must(client.GET('/api/cases', { params: { query: { page, pageSize: 25, caseNumber: caseNumber || undefined } } })),
    placeholderData: keepPreviousData,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setCaseNumber(search.trim());
  };
  const lastPage = cases.data ? Math.max(1, Math.ceil(cases.data.total / cases.data.pageSize)) : 1;
  return (
    <Page title="Cases" intro="Cases in your scope. LCSA staff see their own LCSA's cases; state staff see all.">
      <form className="usa-search usa-search--small margin-bottom-3" role="search" onSubmit={submit}>
        <label className="usa-sr-only" htmlFor="case-search">
          Case number starts with
        </label>
        <input className="usa-input" id="case-search" type="search" {...field(search, setSearch)} placeholder="Case number" />
        <button className="usa-button" type="submit" aria-label="Search case numbers">
          <span className="usa-search__submit-text">Search</span>
        </button>
      </form>
      <p>
        <a className="usa-link" href={`/api/cases/export.csv${caseNumber ? `?caseNumber=${encodeURIComponent(caseNumber)}` : ''}`} download>
          Download these cases as CSV
        </a>{' '}
        (SSNs masked; confidential addresses withheld; up to 10,000 cases)
      </p>
      <ErrorAlert error={cases.error} />
      {cases.isPending ? <Loading what="cases" /> : null}
      {cases.data ? (
        <>
          <TableRegion label="Cases">
            <table className="usa-table usa-table--striped width-full">
              <caption>
                {cases.data.total.toLocaleString()} cases{caseNumber ? ` with numbers starting ${caseNumber}` : ''}; page {page} of {lastPage}
              </caption>
              <TableHead columns={['Case number', 'Obligor', 'LCSA', 'Status', 'Opened']} />
              <tbody>
                {cases.data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to="/cases/$caseId" params={{ caseId: c.id }}>
                        {c.caseNumber}
                      </Link>
                    </th>
                    <td>{c.obligorName ?? '—'}</td>
                    <td>{c.lcsaId}</td>
                    <td>{c.status}</td>
                    <td>{c.openedOn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <Pager
            label="Pages of cases"
            hasPrevious={page > 1}
            hasNext={page < lastPage}
            onPrevious={() => setPage(page - 1)}
            onNext={() => setPage(page + 1)}
          />
        </>
      ) : null}
    </Page>
  );
}
