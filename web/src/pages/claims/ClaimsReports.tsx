/** The statewide views of claims: the consolidated OCSE-396, the dashboard of who has claimed, and LCSA budget requests against allocations. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SaveBudgetRequest } from '../../../../src/modules/claims/contract';
import { client, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { BarChart } from '../../components/BarChart';
import { formatCents, parseDollarsToCents } from '../../components/money';
import { ErrorAlert } from '../../components/Page';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';
import { bind, field } from '../../components/bind';

/** The calendar quarter before today's, as YYYY-Qn: the one being claimed. */
export function lastQuarter(): string {
  const now = new Date();
  const q = Math.floor(now.getUTCMonth() / 3);
  return q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
}

function stateFiscalYearOf(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const start = Number(quarter.slice(-1)) >= 3 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export function ConsolidatedReport() {
  const [quarter, setQuarter] = useState(lastQuarter());
  const [line, setLine] = useState<string | null>(null);
  const report = useQuery({
    queryKey: ['claims', 'consolidated', quarter],
    queryFn: () => must(client.GET('/api/claims/consolidated', { params: { query: { quarter } } })),
    enabled: /^\d{4}-Q[1-4]$/.test(quarter),
  });
  const drill = useQuery({
    queryKey: ['claims', 'drill', quarter, line],
    queryFn: () => must(client.GET('/api/claims/consolidated/drill-down', { params: { query: { quarter, line: line ?? '' } } })),
    enabled: line !== null,
  });
  return (
    <section aria-labelledby="consolidated-heading">
      <h2 id="consolidated-heading">Consolidated federal report (OCSE-396)</h2>
      <TextField id="consolidated-quarter" label="Quarter" hint="YYYY-Qn" {...field(quarter, setQuarter)} />
      <ErrorAlert error={report.error} />
      {report.data ? (
        <>
          <p>
            Federal fiscal year {report.data.federalFiscalYear}, quarter {report.data.federalQuarter}: {report.data.acceptedClaims} accepted claims
            {report.data.lcsasWithoutAcceptedClaim.length > 0 ? `; ${report.data.lcsasWithoutAcceptedClaim.length} LCSAs without an accepted claim` : ''}.{' '}
            <a className="usa-link" href={`/api/claims/consolidated.xlsx?quarter=${quarter}`} download>
              XLSX
            </a>{' '}
            ·{' '}
            <a className="usa-link" href={`/api/claims/consolidated.csv?quarter=${quarter}`} download>
              CSV
            </a>
          </p>
          <TableRegion label="Section A, columns A–F">
            <table className="usa-table usa-table--compact width-full" data-testid="ocse-396">
              <caption>Section A, columns A–F</caption>
              <TableHead columns={['Line', 'Description', 'A Current', 'B Federal', 'C Adjustments', 'D Federal', 'E Estimate', 'F Federal']} />
              <tbody>
                {report.data.rows.map((r) => (
                  <tr key={r.line}>
                    <th scope="row">
                      <button type="button" className="usa-button usa-button--unstyled" onClick={() => setLine(r.line)}>
                        {r.line}
                        <span className="usa-sr-only"> — show the LCSA lines behind it</span>
                      </button>
                    </th>
                    <td>{r.label}</td>
                    {(['A', 'B', 'C', 'D', 'E', 'F'] as const).map((k) => (
                      <td key={k}>{formatCents(r.columns[k])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      ) : null}
      {drill.data ? (
        <TableRegion label="Line by LCSA">
          <table className="usa-table usa-table--compact width-full" data-testid="drill-down">
            <caption>
              Line {drill.data.line} ({drill.data.label}) by LCSA: {formatCents(drill.data.total.A)} in all
            </caption>
            <TableHead columns={['LCSA', 'A Current', 'B Federal', 'C Adjustments', 'E Estimate']} />
            <tbody>
              {drill.data.lcsas.map((l) => (
                <tr key={l.claimId}>
                  <th scope="row">{l.lcsaName}</th>
                  <td>{formatCents(l.columns.A)}</td>
                  <td>{formatCents(l.columns.B)}</td>
                  <td>{formatCents(l.columns.C)}</td>
                  <td>{formatCents(l.columns.E)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </section>
  );
}

export function DashboardSection() {
  const year = stateFiscalYearOf(lastQuarter());
  const dashboard = useQuery({
    queryKey: ['claims', 'dashboard', year],
    queryFn: () => must(client.GET('/api/claims/dashboard', { params: { query: { stateFiscalYear: year } } })),
  });
  if (!dashboard.data) return <ErrorAlert error={dashboard.error} />;
  const top = [...dashboard.data.lcsas].sort((a, b) => b.allocationCents - a.allocationCents).slice(0, 10);
  const rows = [...top, dashboard.data.statewide];
  return (
    <section aria-labelledby="dashboard-heading">
      <h2 id="dashboard-heading">Allocation and spending, {year}</h2>
      <BarChart
        title="Share of the allocation spent (accepted claims), largest LCSAs"
        bars={top.map((r) => ({ label: r.lcsaName, value: r.allocationCents === 0 ? 0 : Math.round((r.spentCents / r.allocationCents) * 100) }))}
        format={(v) => `${v}%`}
      />
      <TableRegion label="Largest LCSAs and statewide">
        <table className="usa-table usa-table--compact width-full" data-testid="claims-dashboard">
          <caption>Largest LCSAs and statewide</caption>
          <TableHead columns={['LCSA', 'Allocation', 'Claimed', 'Spent', 'Unspent', 'Cost per case', 'Collections per $1 spent']} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.lcsaId}>
                <th scope="row">{r.lcsaName}</th>
                <td>{formatCents(r.allocationCents)}</td>
                <td>{formatCents(r.claimedCents)}</td>
                <td>{formatCents(r.spentCents)}</td>
                <td>{formatCents(r.unspentCents)}</td>
                <td>{r.costPerCaseCents === null ? '—' : formatCents(r.costPerCaseCents)}</td>
                <td>{r.collectionsPerDollar === null ? '—' : `$${r.collectionsPerDollar.toFixed(2)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

/** This fiscal year's budget request: its positions and expenses; the preparer adds a position and submits, the state approves or returns it. */
export function BudgetSection() {
  const session = useSession();
  const currentYear = stateFiscalYearOf(`${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`);
  const requests = useQuery({
    queryKey: ['claims', 'budgets', currentYear],
    queryFn: () => must(client.GET('/api/claims/budget-requests', { params: { query: { stateFiscalYear: currentYear } } })),
  });
  const canPrepare = hasPermission(session.data, 'claims.prepare');
  const canReview = hasPermission(session.data, 'claims.review');
  // The preparer's own request; for the state, the first waiting for a decision.
  const mine = canPrepare ? requests.data?.[0] : requests.data?.find((r) => r.status === 'submitted');
  const [position, setPosition] = useState({ classification: '', fte: '', salary: '', benefits: '45', justification: '' });
  const [comment, setComment] = useState('');
  const addPosition = useAction(() => {
    const averageSalaryCents = parseDollarsToCents(position.salary);
    if (averageSalaryCents === null) throw new Error('Give the average salary in dollars.');
    const body: SaveBudgetRequest = {
      lcsaId: session.data!.user.lcsaId!,
      stateFiscalYear: currentYear,
      positions: [
        ...(mine?.positions.map(({ salariesCents: _s, benefitsCents: _b, ...p }) => p) ?? []),
        {
          classification: position.classification,
          fte: Number(position.fte),
          averageSalaryCents,
          benefitsRateBasisPoints: Math.round(Number(position.benefits) * 100),
          justification: position.justification,
        },
      ],
      items: mine?.items ?? [],
    };
    return must(client.POST('/api/claims/budget-requests', { body }));
  }, [['claims', 'budgets']]);
  const decide = useAction(
    (action: 'submit' | 'approve' | 'return') =>
      must(client.POST('/api/claims/budget-requests/{id}/decision', { params: { path: { id: mine!.id } }, body: { action, comment } })),
    [['claims', 'budgets']],
  );
  return (
    <section aria-labelledby="budget-heading">
      <h2 id="budget-heading">Budget requests, {currentYear}</h2>
      <ErrorAlert error={requests.error} />
      {requests.data && requests.data.length === 0 ? <p>No budget request yet.</p> : null}
      {requests.data && requests.data.length > 0 ? (
        <TableRegion label="Positions, salaries and benefits, operating expenses and equipment">
          <table className="usa-table usa-table--compact width-full" data-testid="budget-requests">
            <caption>Positions, salaries and benefits, operating expenses and equipment</caption>
            <TableHead columns={['LCSA', 'Status', 'FTE', 'Salaries', 'Benefits', 'Operating expenses', 'Equipment', 'Total']} />
            <tbody>
              {requests.data.slice(0, 50).map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.lcsaId}</th>
                  <td>
                    {r.status}
                    {r.reviewComment ? `: “${r.reviewComment}”` : ''}
                  </td>
                  <td>{r.fte}</td>
                  <td>{formatCents(r.salariesCents)}</td>
                  <td>{formatCents(r.benefitsCents)}</td>
                  <td>{formatCents(r.operatingExpensesCents)}</td>
                  <td>{formatCents(r.equipmentCents)}</td>
                  <td>{formatCents(r.totalCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {canPrepare && (!mine || mine.status === 'draft' || mine.status === 'returned') ? (
        <ActionForm
          id="budget-position"
          title="Add a position to the budget request"
          submitLabel="Add the position"
          isPending={addPosition.isPending}
          error={addPosition.error}
          status={addPosition.data ? `Budget request saved: ${addPosition.data.fte} FTE, ${formatCents(addPosition.data.totalCents)} in all.` : ''}
          onSubmit={() => addPosition.mutate()}
        >
          <TextField id="position-class" label="Classification" required {...bind(position, setPosition, 'classification')} />
          <TextField id="position-fte" label="FTE" inputMode="decimal" required {...bind(position, setPosition, 'fte')} />
          <TextField id="position-salary" label="Average salary (dollars)" inputMode="decimal" required {...bind(position, setPosition, 'salary')} />
          <TextField id="position-benefits" label="Benefits (% of salary)" inputMode="decimal" required {...bind(position, setPosition, 'benefits')} />
          <TextField id="position-why" label="Justification" hint="At least 10 characters" required {...bind(position, setPosition, 'justification')} />
        </ActionForm>
      ) : null}
      {mine && ((canPrepare && (mine.status === 'draft' || mine.status === 'returned')) || (canReview && mine.status === 'submitted')) ? (
        <form className="usa-form" aria-labelledby="budget-decision-heading" onSubmit={(e) => e.preventDefault()}>
          <h3 id="budget-decision-heading">{canPrepare ? 'Submit the budget request' : `Decide ${mine.lcsaId}'s budget request`}</h3>
          <ErrorAlert error={decide.error} />
          {canReview ? <TextField id="budget-comment" label="Comments (required to return it)" {...field(comment, setComment)} /> : null}
          {(canPrepare ? (['submit'] as const) : (['approve', 'return'] as const)).map((a) => (
            <button key={a} type="button" className="usa-button margin-top-2" disabled={decide.isPending} onClick={() => decide.mutate(a)}>
              {a === 'submit' ? 'Submit' : a === 'approve' ? 'Approve' : 'Return with comments'}
            </button>
          ))}
        </form>
      ) : null}
      <p role="status" aria-live="polite" data-testid="budget-status">
        {decide.data ? `The budget request is now ${decide.data.status}.` : ''}
      </p>
    </section>
  );
}
