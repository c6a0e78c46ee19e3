/**
 * The Claims page: what is waiting for you, the LCSA's quarterly claims (import from the XLSX template,
 * the lines with federal and state shares, the workflow), the consolidated OCSE-396 with drill-down, and
 * allocation against claimed and spent.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { ClaimDetail, ClaimSummary, SaveClaim, WorkflowAction } from '../../../../src/modules/claims/contract';
import { todayInCalifornia } from '../../../../src/platform/calendar/contract';
import { client, fileBody, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { centsToInput, formatCents, parseDollarsToCents } from '../../components/money';
import { ErrorAlert, Page } from '../../components/Page';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { ListView, type ListColumn } from '../../components/ListView';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import type { Query } from '../../api';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';
import { bind, field } from '../../components/bind';
import { SelectField } from '../../components/SelectField';
import { lastQuarter, ConsolidatedReport, DashboardSection, BudgetSection } from './ClaimsReports';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
            <Link to="/claims/$claimId" params={{ claimId: item.claimId }} className="usa-link">
              {item.lcsaName}, {item.quarter}
            </Link>
            : {item.message}
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

/** Saves the claim as a new version with one part changed and the rest as it stands. */
function saveVersion(claim: ClaimDetail, change: Partial<Pick<SaveClaim, 'lines' | 'adjustments'>>) {
  const lines = Object.fromEntries(
    claim.lines.map((l) => [l.code, { currentCents: l.columns.A, adjustmentCents: l.columns.C, estimateCents: l.columns.E }]),
  ) as SaveClaim['lines'];
  return must(
    client.POST('/api/claims', {
      body: {
        lcsaId: claim.lcsaId,
        quarter: claim.quarter,
        lines,
        attachments: claim.attachments,
        adjustments: claim.adjustments,
        ...(claim.overAllocationJustification ? { overAllocationJustification: claim.overAllocationJustification } : {}),
        ...change,
      },
    }),
  );
}

const amountColumns = [
  { key: 'currentCents', column: 'A', label: 'current quarter' },
  { key: 'adjustmentCents', column: 'C', label: 'prior-quarter adjustments' },
  { key: 'estimateCents', column: 'E', label: 'next-quarter estimate' },
] as const;

/**
 * The claim's lines edited on the page, as in the XLSX template: current quarter, prior-quarter adjustments
 * (negative for a decrease) and next-quarter estimate, in dollars. Saving makes a new version of the draft.
 */
function ClaimLinesForm({ claim }: { claim: ClaimDetail }) {
  const initial = () => Object.fromEntries(claim.lines.flatMap((l) => amountColumns.map((a) => [`${l.code}.${a.key}`, centsToInput(l.columns[a.column])])));
  const [amounts, setAmounts] = useState<Record<string, string>>(initial);
  // A new version (saved here or imported) starts the form again from what it holds.
  useEffect(() => setAmounts(initial()), [claim.id, claim.version]);
  const save = useAction(() => {
    const lines = Object.fromEntries(
      claim.lines.map((l) => [
        l.code,
        Object.fromEntries(
          amountColumns.map((a) => {
            const cents = parseDollarsToCents(amounts[`${l.code}.${a.key}`] ?? '', { signed: a.key === 'adjustmentCents', maxDollarDigits: 9 });
            if (cents === null)
              throw new Error(`${l.label}, ${a.label}: enter dollars and cents${a.key === 'adjustmentCents' ? ' (a decrease with a minus sign)' : ''}.`);
            return [a.key, cents];
          }),
        ),
      ]),
    );
    return saveVersion(claim, { lines: lines as SaveClaim['lines'] });
  }, [['claims']]);
  return (
    <ActionForm
      id="claim-lines"
      isWide
      title="Edit the claim lines"
      submitLabel="Save a new version"
      isPending={save.isPending}
      error={save.error}
      status={save.data ? `Version ${save.data.version} saved: ${formatCents(save.data.totals.A)} claimed this quarter.` : ''}
      onSubmit={() => save.mutate()}
    >
      <p>Amounts in dollars, as in the XLSX template. Each save is a new version; the federal and state shares are worked out from them.</p>
      <TableRegion label="Claim lines to edit">
        <table className="usa-table usa-table--compact width-full" data-testid="claim-lines-form">
          <caption>Claim lines to edit</caption>
          <TableHead columns={['Line', 'Current quarter', 'Prior-quarter adjustments', 'Next-quarter estimate']} />
          <tbody>
            {claim.lines.map((l) => (
              <tr key={l.code}>
                <th scope="row">{l.label}</th>
                {amountColumns.map((a) => {
                  const name = `${l.code}.${a.key}`;
                  return (
                    <td key={a.key}>
                      <input
                        className="usa-input concord-amount"
                        id={`line-${l.code}-${a.key}`}
                        aria-label={`${l.label}, ${a.label} (dollars)`}
                        inputMode="decimal"
                        value={amounts[name] ?? ''}
                        onChange={(event) => setAmounts({ ...amounts, [name]: event.target.value })}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </ActionForm>
  );
}

const exceptionLabels: Record<string, string> = {
  '': 'None: within the two-year limit',
  prior_year_cost_adjustment: 'Adjustment to prior year costs (interim rate)',
  audit_exception: 'Audit exception',
  court_ordered_retroactive_payment: 'Court-ordered retroactive payment',
  good_cause: 'Good cause accepted by the Secretary',
};

/**
 * The prior-quarter adjustments itemised by the quarter they adjust (each line's column C is their sum),
 * with the exception to the two-year claiming limit where one applies (45 CFR 95.19).
 */
function AdjustmentsForm({ claim }: { claim: ClaimDetail }) {
  const blank = { line: claim.lines[0]?.code ?? 'salaries', quarter: '', amount: '', reason: '', exception: '', reference: '' };
  const [item, setItem] = useState(blank);
  // The next list is worked out inside the action, so a bad amount shows as the form's error.
  const save = useAction((next: () => ClaimDetail['adjustments']) => saveVersion(claim, { adjustments: next() }), [['claims']]);
  const added = (): ClaimDetail['adjustments'] => {
    const amountCents = parseDollarsToCents(item.amount, { signed: true, maxDollarDigits: 9 });
    if (amountCents === null) throw new Error('Amount: enter dollars and cents (a decrease with a minus sign).');
    const entry = {
      line: item.line as ClaimDetail['adjustments'][number]['line'],
      quarter: item.quarter.trim(),
      amountCents,
      reason: item.reason,
      ...(item.exception ? { exception: item.exception as NonNullable<ClaimDetail['adjustments'][number]['exception']> } : {}),
      ...(item.reference.trim() ? { reference: item.reference.trim() } : {}),
    };
    return [...claim.adjustments, entry];
  };
  const labelOf = (code: string) => claim.lines.find((l) => l.code === code)?.label ?? code;
  return (
    <section aria-labelledby="adjustments-heading">
      <h3 id="adjustments-heading">Prior-quarter adjustments by quarter</h3>
      <p>Each line's adjustments (column C) are the sum of its items here. An increase for a quarter more than two years back needs an exception.</p>
      {claim.adjustments.length === 0 ? (
        <p>No adjustments itemised.</p>
      ) : (
        <TableRegion label="Adjustments itemised">
          <table className="usa-table usa-table--compact width-full" data-testid="claim-adjustments">
            <caption>Adjustments itemised</caption>
            <TableHead columns={['Line', 'Quarter adjusted', 'Amount', 'Reason', 'Exception', 'Remove']} />
            <tbody>
              {claim.adjustments.map((a, i) => (
                <tr key={`${a.line}-${a.quarter}-${i}`}>
                  <th scope="row">{labelOf(a.line)}</th>
                  <td>{a.quarter}</td>
                  <td>{formatCents(a.amountCents)}</td>
                  <td>{a.reason}</td>
                  <td>{a.exception ? `${exceptionLabels[a.exception]}${a.reference ? `: ${a.reference}` : ''}` : '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      disabled={save.isPending}
                      onClick={() => save.mutate(() => claim.adjustments.filter((_, j) => j !== i))}
                    >
                      Remove
                      <span className="usa-sr-only">
                        {' '}
                        the {a.quarter} adjustment to {labelOf(a.line)}
                      </span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <ActionForm
        id="claim-adjustment"
        title="Itemise an adjustment"
        submitLabel="Add the adjustment"
        isPending={save.isPending}
        error={save.error}
        status={save.data ? `Version ${save.data.version} saved with ${save.data.adjustments.length} adjustments itemised.` : ''}
        onSubmit={() => save.mutate(added, { onSuccess: () => setItem(blank) })}
      >
        <SelectField
          id="adjustment-line"
          label="Line"
          options={claim.lines.map((l) => ({ value: l.code, label: l.label }))}
          value={item.line}
          onChange={(e) => setItem({ ...item, line: e.target.value })}
        />
        <TextField id="adjustment-quarter" label="Quarter adjusted" hint="YYYY-Qn, before this claim's quarter" required {...bind(item, setItem, 'quarter')} />
        <TextField
          id="adjustment-amount"
          label="Amount (dollars)"
          hint="A decrease with a minus sign"
          inputMode="decimal"
          required
          {...bind(item, setItem, 'amount')}
        />
        <TextField id="adjustment-reason" label="Reason" required {...bind(item, setItem, 'reason')} />
        <SelectField
          id="adjustment-exception"
          label="Exception to the two-year limit"
          options={Object.entries(exceptionLabels).map(([value, label]) => ({ value, label }))}
          value={item.exception}
          onChange={(e) => setItem({ ...item, exception: e.target.value })}
        />
        <TextField
          id="adjustment-reference"
          label="Reference for the exception"
          hint="The rate agreement, audit, court order or decision"
          {...bind(item, setItem, 'reference')}
        />
      </ActionForm>
    </section>
  );
}

function ClaimPanel({ id }: { id: string }) {
  const session = useSession();
  const claim = useQuery({ queryKey: ['claims', 'detail', id], queryFn: () => must(client.GET('/api/claims/{id}', { params: { path: { id } } })) });
  const [comment, setComment] = useState('');
  // Submit, approve, certify and accept are asked once more before they are done: each is a signature.
  const [confirming, setConfirming] = useState<WorkflowAction['action'] | null>(null);
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
        {c.submittedOn ? `; first submitted ${c.submittedOn}${c.isLate ? ' (late)' : ''}` : ''}.{' '}
        {(c.status === 'draft' || c.status === 'returned') && c.dueBy < todayInCalifornia() ? (
          <span className="usa-tag bg-secondary-dark" data-testid="claim-overdue">
            Overdue: not submitted by {c.dueBy}
          </span>
        ) : null}
      </p>
      <TableRegion label="Claim lines: federal share at each line's rate, state share the rest">
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
      </TableRegion>
      <p>State share of the current quarter: {formatCents(c.totals.stateCents)}.</p>
      {(c.status === 'draft' || c.status === 'returned') && hasPermission(session.data, 'claims.prepare') && session.data?.user.lcsaId === c.lcsaId ? (
        <>
          <ClaimLinesForm claim={c} />
          <AdjustmentsForm claim={c} />
        </>
      ) : null}
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
              disabled={act.isPending || confirming !== null}
              onClick={() => (a === 'return' ? act.mutate(a) : setConfirming(a))}
            >
              {actionLabels[a]}
            </button>
          ))}
          {confirming ? (
            <ConfirmPanel
              testId="workflow-confirm"
              title={`${actionLabels[confirming]}?`}
              text={`${c.lcsaName}, ${c.quarter}, version ${c.version}: ${formatCents(c.totals.A)} claimed this quarter. This is recorded under your name and cannot be undone here.`}
              confirmLabel={`Yes, ${actionLabels[confirming].charAt(0).toLowerCase() + actionLabels[confirming].slice(1)}`}
              onConfirm={() => {
                act.mutate(confirming);
                setConfirming(null);
              }}
              onCancel={() => setConfirming(null)}
            />
          ) : null}
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

const claimStatuses = ['draft', 'submitted', 'approved', 'certified', 'accepted', 'returned'];

const claimColumns: ListColumn<ClaimSummary>[] = [
  {
    key: 'quarter',
    header: 'Quarter',
    sortable: true,
    cell: (c) => (
      <Link to="/claims/$claimId" params={{ claimId: c.id }} className="usa-link">
        {c.quarter}
        <span className="usa-sr-only"> claim of {c.lcsaName}</span>
      </Link>
    ),
  },
  { key: 'lcsa', header: 'LCSA', sortable: true, cell: (c) => c.lcsaName },
  {
    key: 'status',
    header: 'Status',
    sortable: true,
    cell: (c) =>
      (c.status === 'draft' || c.status === 'returned') && c.dueBy < todayInCalifornia() ? (
        <>
          {c.status} <span className="usa-tag bg-secondary-dark">Overdue</span>
        </>
      ) : (
        c.status
      ),
  },
  { key: 'totalCents', header: 'Total claimed', cell: (c) => formatCents(c.totalCents) },
  { key: 'federalCents', header: 'Federal share', cell: (c) => formatCents(c.federalCents) },
  { key: 'stateCents', header: 'State share', cell: (c) => formatCents(c.stateCents) },
  { key: 'dueBy', header: 'Due by', sortable: true, cell: (c) => c.dueBy },
  { key: 'submittedOn', header: 'Submitted on', sortable: true, cell: (c) => c.submittedOn ?? '—' },
  { key: 'isLate', header: 'Late', cell: (c) => (c.isLate ? 'Late' : '—') },
];

function ClaimList() {
  return (
    <section aria-labelledby="claims-heading">
      <h2 id="claims-heading">Claims</h2>
      <ListView
        id="claims"
        noun="claims"
        exportPath="/api/claims"
        columns={claimColumns}
        filters={[{ name: 'status', label: 'Status', options: [{ value: '', label: 'Any status' }, ...claimStatuses.map((s) => ({ value: s, label: s }))] }]}
        searchLabel="LCSA"
        queryKey={['claims', 'list']}
        load={(query) => must(client.GET('/api/claims', { params: { query: query as Query<'/api/claims'> } }))}
        rowKey={(c) => c.id}
      />
    </section>
  );
}

/** One claim at its own address: its lines, shares, workflow and history. */
export function ClaimPage({ claimId }: { claimId: string }) {
  const session = useSession();
  if (!hasPermission(session.data, 'claims.read')) return <Page title="Expenditure claim" intro="Your role does not work with claims." />;
  return (
    <Page title="Expenditure claim" intro="">
      <p>
        <Link to="/claims" className="usa-link">
          All expenditure claims
        </Link>
      </p>
      <ClaimPanel id={claimId} />
    </Page>
  );
}

export function ClaimsPage() {
  const session = useSession();
  const navigate = useNavigate();
  const canPrepare = hasPermission(session.data, 'claims.prepare');
  if (!hasPermission(session.data, 'claims.read'))
    return <Page title="Expenditure claims" intro="Budgets and quarterly expenditure claims. Your role does not work with claims." />;
  return (
    <Page
      title="Expenditure claims"
      intro="Allocations, quarterly administrative expenditure claims with federal and state shares, and the consolidated federal report."
    >
      <Inbox />
      {canPrepare ? <ImportForm onImported={(claimId) => void navigate({ to: '/claims/$claimId', params: { claimId } })} /> : null}
      <ClaimList />
      <ConsolidatedReport />
      <DashboardSection />
      <BudgetSection />
    </Page>
  );
}
