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

const sectionTitles = {
  A: 'Section A. Expenditures',
  B: 'Section B. Fees for services, federal and state shares',
  C: 'Section C. Incentives',
} as const;
const columnKeys = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** The state's own entries on the report, as the form takes them (dollars). */
const entryFields = [
  ['collectionsAdjustmentCents', 'Line 9, column D: prior-quarter adjustment to the federal share of IV-A collections', true],
  ['fplsFeesCents', 'Line 10: Federal Parent Locator Service fees', false],
  ['csenetFeesCents', 'Line 11: CSENet fees', false],
  ['preOffsetFeesCents', 'Line 12: pre-offset service fees', false],
  ['adjustmentCents', 'Line 13: adjustments (a decrease with a minus sign)', true],
  ['incentiveEstimateCents', "Line 16: the coming quarter's incentive estimate", false],
] as const;
type EntryKey = (typeof entryFields)[number][0];

function FederalEntriesForm({ quarter, entries }: { quarter: string; entries: Record<EntryKey, number> & { note: string | null } }) {
  const [values, setValues] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(entryFields.map(([key]) => [key, (entries[key] / 100).toFixed(2)])),
    note: entries.note ?? '',
  }));
  const save = useAction(() => {
    const cents = Object.fromEntries(
      entryFields.map(([key, label, signed]) => {
        const value = parseDollarsToCents(values[key] ?? '', { signed });
        if (value === null) throw new Error(`${label}: enter dollars and cents.`);
        return [key, value];
      }),
    ) as Record<EntryKey, number>;
    return must(client.PUT('/api/claims/consolidated/entries', { params: { query: { quarter } }, body: { ...cents, note: values.note } }));
  }, [['claims', 'consolidated']]);
  return (
    <ActionForm
      id="federal-entries"
      title={`The state's entries for ${quarter}`}
      submitLabel="Save the entries"
      isPending={save.isPending}
      error={save.error}
      status={save.data ? `Saved: line 14, the net federal share, is now ${formatCents(save.data.rows.find((r) => r.line === '14')!.columns.B)}.` : ''}
      onSubmit={() => save.mutate()}
    >
      {entryFields.map(([key, label]) => (
        <TextField key={key} id={`entry-${key}`} label={label} hint="Dollars and cents" inputMode="decimal" required {...bind(values, setValues, key)} />
      ))}
      <TextField id="entry-note" label="What the line 13 adjustment is" hint="Required when line 13 is not zero" {...bind(values, setValues, 'note')} />
    </ActionForm>
  );
}

export function ConsolidatedReport() {
  const session = useSession();
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
  const file = useAction(() => must(client.POST('/api/claims/consolidated/filings', { params: { query: { quarter } } })), [['claims', 'consolidated']]);
  const data = report.data;
  const latest = data?.filings[0];
  return (
    <section aria-labelledby="consolidated-heading">
      <h2 id="consolidated-heading">Consolidated federal report (OCSE-396)</h2>
      <TextField id="consolidated-quarter" label="Quarter" hint="YYYY-Qn" {...field(quarter, setQuarter)} />
      <ErrorAlert error={report.error} />
      {data ? (
        <>
          <p>
            Federal fiscal year {data.federalFiscalYear}, quarter {data.federalQuarter}: {data.acceptedClaims} accepted claims
            {data.lcsasWithoutAcceptedClaim.length > 0 ? `; ${data.lcsasWithoutAcceptedClaim.length} LCSAs without an accepted claim` : ''}.{' '}
            <a className="usa-link" href={`/api/claims/consolidated.xlsx?quarter=${quarter}`} download>
              XLSX
            </a>{' '}
            ·{' '}
            <a className="usa-link" href={`/api/claims/consolidated.csv?quarter=${quarter}`} download>
              CSV
            </a>{' '}
            ·{' '}
            <a className="usa-link" href={`/api/claims/consolidated.pdf?quarter=${quarter}`} download>
              PDF
            </a>
          </p>
          <p data-testid="federal-deadlines">
            Due to the federal government by {data.federalDueBy}; final after {data.finalAfter}, when it can no longer be filed or revised.{' '}
            {latest
              ? `Filed on ${latest.filedOn}${latest.isLate ? ', late' : ''}${latest.isRevision ? ` (revision ${latest.version})` : ''}.`
              : 'Not filed yet.'}{' '}
            Line 9 comes from {data.collectionsSource.charAt(0).toLowerCase() + data.collectionsSource.slice(1)}.
          </p>
          <p>Choose a Section A line for the LCSA claim lines behind it. A dash marks a box the federal form does not have.</p>
          {(['A', 'B', 'C'] as const).map((section) => (
            <TableRegion key={section} label={sectionTitles[section]}>
              <table className="usa-table usa-table--compact width-full" data-testid={`ocse-396-${section}`}>
                <caption>{sectionTitles[section]}</caption>
                <TableHead columns={['Line', 'Description', 'A Current', 'B Federal', 'C Adjustments', 'D Federal', 'E Estimate', 'F Federal']} />
                <tbody>
                  {data.rows
                    .filter((r) => r.section === section)
                    .map((r) => (
                      <tr key={r.line}>
                        <th scope="row">
                          {section === 'A' ? (
                            <button type="button" className="usa-button usa-button--unstyled" onClick={() => setLine(r.line)}>
                              {r.line}
                              <span className="usa-sr-only"> — show the LCSA lines behind it</span>
                            </button>
                          ) : (
                            r.line
                          )}
                        </th>
                        <td>{r.label}</td>
                        {columnKeys.map((k) => (
                          <td key={k}>{r.open.includes(k) ? formatCents(r.columns[k]) : '—'}</td>
                        ))}
                      </tr>
                    ))}
                </tbody>
              </table>
            </TableRegion>
          ))}
          {hasPermission(session.data, 'claims.review') && !session.data?.user.lcsaId ? (
            <>
              <FederalEntriesForm key={quarter} quarter={quarter} entries={data.entries} />
              {data.canFile ? (
                <ActionForm
                  id="federal-filing"
                  title={`File the ${quarter} report`}
                  submitLabel={latest ? 'File a revised report' : 'File the report'}
                  isPending={file.isPending}
                  error={file.error}
                  status={file.data ? `Filed on ${file.data.filings[0]!.filedOn}${file.data.filings[0]!.isLate ? ', after the due date' : ''}.` : ''}
                  onSubmit={() => file.mutate()}
                  confirm={{
                    title: `File the ${quarter} OCSE-396?`,
                    text: `The report is recorded as filed today, with the figures above.${latest ? ' It becomes a revision of the report filed before.' : ''}`,
                    confirmLabel: 'File it',
                  }}
                >
                  <p>The report as it stands above is recorded as filed today.</p>
                </ActionForm>
              ) : (
                <p>This report cannot be filed now: a quarter is filed once it has ended, and not after {data.finalAfter}.</p>
              )}
            </>
          ) : null}
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
