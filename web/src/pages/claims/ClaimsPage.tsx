/**
 * The Claims page: what is waiting for you, the LCSA's quarterly claims (import from the XLSX template,
 * the lines with federal and state shares, the workflow), the consolidated OCSE-396 with drill-down, and
 * allocation against claimed and spent.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ClaimDetail, SaveBudgetRequest, WorkflowAction } from '../../../../src/modules/claims/contract';
import { client, fileBody, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { BarChart } from '../../components/BarChart';
import { formatCents, parseDollarsToCents } from '../../components/money';
import { ErrorAlert, Page } from '../../components/Page';
import { TableHead } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';
import { bind, field } from '../../components/bind';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The calendar quarter before today's, as YYYY-Qn: the one being claimed. */
function lastQuarter(): string {
  const now = new Date();
  const q = Math.floor(now.getUTCMonth() / 3);
  return q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
}

function stateFiscalYearOf(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const start = Number(quarter.slice(-1)) >= 3 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

function Inbox() {
  const inbox = useQuery({ queryKey: ['claims', 'inbox'], queryFn: () => must(client.GET('/api/claims/inbox')) });
  return (
    <section aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">Waiting for you</h2>
      <ErrorAlert error={inbox.error} />
      {inbox.data && inbox.data.length === 0 ? <p>Nothing is waiting for you.</p> : null}
      <ul className="usa-list" data-testid="claims-inbox">
        {inbox.data?.map((item) => (
          <li key={item.claimId}>
            {item.lcsaName}, {item.quarter}: {item.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ImportForm({ onImported }: { onImported(id: string): void }) {
  const [quarter, setQuarter] = useState(lastQuarter());
  const [file, setFile] = useState<File | null>(null);
  const upload = useAction(async () => {
    if (!file) throw new Error('Choose the filled-in workbook.');
    const claim = await must(client.POST('/api/claims/import', { params: { query: { quarter } }, ...fileBody(file, xlsxType) }));
    onImported(claim.id);
    return claim;
  }, [['claims']]);
  return (
    <ActionForm
      id="claim-import"
      title="Import a claim from the XLSX template"
      submitLabel="Import the claim"
      isPending={upload.isPending}
      error={upload.error}
      status={upload.data ? `Claim for ${upload.data.quarter} saved as version ${upload.data.version}.` : ''}
      onSubmit={() => upload.mutate()}
    >
      <TextField id="import-quarter" label="Quarter" hint="YYYY-Qn, e.g. 2026-Q3" required {...field(quarter, setQuarter)} />
      <p>
        <a className="usa-link" href={`/api/claims/template.xlsx?quarter=${quarter}`} download>
          Download the claim template for {quarter} (XLSX)
        </a>
      </p>
      <label className="usa-label" htmlFor="import-file">
        Filled-in workbook
      </label>
      <input className="usa-file-input" id="import-file" type="file" accept=".xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
    </ActionForm>
  );
}

const actionLabels: Record<WorkflowAction['action'], string> = {
  submit: 'Submit the claim',
  approve: 'Approve (IV-D director)',
  certify: 'Certify (auditor-controller)',
  accept: 'Accept (state)',
  return: 'Return with comments',
};

function availableActions(claim: ClaimDetail, can: (p: string) => boolean): WorkflowAction['action'][] {
  switch (claim.status) {
    case 'draft':
    case 'returned':
      return can('claims.prepare') ? ['submit'] : [];
    case 'submitted':
      return can('claims.approve') ? ['approve', 'return'] : [];
    case 'approved':
      return can('claims.certify') ? ['certify', 'return'] : [];
    case 'certified':
      return can('claims.review') ? ['accept', 'return'] : [];
    default:
      return [];
  }
}

function ClaimPanel({ id }: { id: string }) {
  const session = useSession();
  const claim = useQuery({ queryKey: ['claims', 'detail', id], queryFn: () => must(client.GET('/api/claims/{id}', { params: { path: { id } } })) });
  const [comment, setComment] = useState('');
  const act = useAction(
    (action: WorkflowAction['action']) => must(client.POST('/api/claims/{id}/workflow', { params: { path: { id } }, body: { action, comment } })),
    [['claims']],
  );
  if (!claim.data) return <ErrorAlert error={claim.error} />;
  const c = claim.data;
  const actions = availableActions(c, (p) => hasPermission(session.data, p));
  return (
    <section aria-labelledby="claim-heading" data-testid="claim-detail">
      <h2 id="claim-heading">
        {c.lcsaName}, {c.quarter} (state fiscal year {c.stateFiscalYear}): {c.status}
      </h2>
      <p>
        Version {c.version}; due {c.dueBy}
        {c.submittedOn ? `; first submitted ${c.submittedOn}${c.isLate ? ' (late)' : ''}` : ''}.
      </p>
      <table className="usa-table usa-table--compact width-full">
        <caption>Claim lines: federal share at each line's rate, state share the rest</caption>
        <TableHead
          columns={['Line', 'OCSE-396', 'Current quarter', 'Federal share', 'Adjustments', 'Federal share', 'Next-quarter estimate', 'Federal share']}
        />
        <tbody>
          {c.lines.map((l) => (
            <tr key={l.code}>
              <th scope="row">{l.label}</th>
              <td>{l.ocse396}</td>
              {(['A', 'B', 'C', 'D', 'E', 'F'] as const).map((k) => (
                <td key={k}>{formatCents(l.columns[k])}</td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Total claimed (income subtracted)</th>
            <td />
            {(['A', 'B', 'C', 'D', 'E', 'F'] as const).map((k) => (
              <td key={k}>{formatCents(c.totals[k])}</td>
            ))}
          </tr>
        </tbody>
      </table>
      <p>State share of the current quarter: {formatCents(c.totals.stateCents)}.</p>
      {c.problems.length > 0 ? (
        <div className="usa-alert usa-alert--warning usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">Before it can be submitted:</p>
            <ul>
              {c.problems.map((p) => (
                <li key={p.path + p.message}>{p.message}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {actions.length > 0 ? (
        <form className="usa-form" aria-labelledby="workflow-heading" onSubmit={(e) => e.preventDefault()}>
          <h3 id="workflow-heading">Workflow</h3>
          <ErrorAlert error={act.error} />
          {actions.includes('return') ? <TextField id="workflow-comment" label="Comments (required to return it)" {...field(comment, setComment)} /> : null}
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className={`usa-button margin-top-2${a === 'return' ? ' usa-button--outline' : ''}`}
              disabled={act.isPending}
              onClick={() => act.mutate(a)}
            >
              {actionLabels[a]}
            </button>
          ))}
        </form>
      ) : null}
      <p role="status" aria-live="polite">
        {act.data ? `The claim is now ${act.data.status}.` : ''}
      </p>
      <h3>History</h3>
      <ol className="usa-list">
        {c.events.map((e, i) => (
          <li key={i}>
            {e.on}: {e.fromStatus ?? 'new'} → {e.toStatus} ({e.actorRole.replace(/_/g, ' ')}, version {e.version}){e.comment ? `: “${e.comment}”` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ClaimList({ onOpen }: { onOpen(id: string): void }) {
  const list = useQuery({ queryKey: ['claims', 'list'], queryFn: () => must(client.GET('/api/claims')) });
  return (
    <section aria-labelledby="claims-heading">
      <h2 id="claims-heading">Claims</h2>
      <ErrorAlert error={list.error} />
      {list.data && list.data.length > 0 ? (
        <table className="usa-table usa-table--compact width-full" data-testid="claims-list">
          <caption>{list.data.length} claims, newest quarter first</caption>
          <TableHead columns={['Quarter', 'LCSA', 'Status', 'Total claimed', 'Federal share', 'State share', 'Due by', 'Late']} />
          <tbody>
            {list.data.slice(0, 60).map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <button type="button" className="usa-button usa-button--unstyled" onClick={() => onOpen(c.id)}>
                    {c.quarter}
                    <span className="usa-sr-only"> claim of {c.lcsaName}</span>
                  </button>
                </th>
                <td>{c.lcsaName}</td>
                <td>{c.status}</td>
                <td>{formatCents(c.totalCents)}</td>
                <td>{formatCents(c.federalCents)}</td>
                <td>{formatCents(c.stateCents)}</td>
                <td>{c.dueBy}</td>
                <td>{c.isLate ? 'Late' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function ConsolidatedReport() {
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
        </>
      ) : null}
      {drill.data ? (
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
      ) : null}
    </section>
  );
}

function DashboardSection() {
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
    </section>
  );
}

/** This fiscal year's budget request: its positions and expenses; the preparer adds a position and submits, the state approves or returns it. */
function BudgetSection() {
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

export function ClaimsPage() {
  const session = useSession();
  const [openId, setOpenId] = useState<string | null>(null);
  const canPrepare = hasPermission(session.data, 'claims.prepare');
  if (!hasPermission(session.data, 'claims.read'))
    return <Page title="Expenditure claims" intro="Budgets and quarterly expenditure claims. Your role does not work with claims." />;
  return (
    <Page
      title="Expenditure claims"
      intro="Allocations, quarterly administrative expenditure claims with federal and state shares, and the consolidated federal report."
    >
      <Inbox />
      {canPrepare ? <ImportForm onImported={setOpenId} /> : null}
      <ClaimList onOpen={setOpenId} />
      {openId ? <ClaimPanel id={openId} /> : null}
      <ConsolidatedReport />
      <DashboardSection />
      <BudgetSection />
    </Page>
  );
}
