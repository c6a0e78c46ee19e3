/**
 * The finance parts of the case page: the statement summary and download, the ledger with filters,
 * adjustments (proposed here, approved on the Finance page by someone else) and audit requests.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import {
  adjustmentKinds,
  ledgerEntryKinds,
  sourceLabels,
  type AccountView,
  type AdjustmentKind,
  type AuditRequestView,
} from '../../../../src/modules/finance/contract';
import { client, must, type Body, type Query } from '../../api';
import { formatCents, parseDollarsToCents } from '../../components/money';
import { enteredDate, optionalDate } from '../../components/dates';
import { ActionForm } from '../../components/ActionForm';
import { DateRangeFields } from '../../components/DateRangeFields';
import { ErrorAlert } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { Pager, TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';
import { bind, field } from '../../components/bind';

export const adjustmentLabels: Record<AdjustmentKind, string> = {
  misapplied_receipt: 'Misapplied receipt',
  refund_over_collection: 'Refund of over-collection',
  compromise: 'Compromise (FC 17560)',
  court_arrears_determination: 'Court arrears determination',
};

export const queueStateLabels: Record<AuditRequestView['state'], string> = {
  on_time: 'On time',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  completed_on_time: 'Completed on time',
  completed_late: 'Completed late',
};

export function StatementSummary({ caseId, account }: { caseId: string; account: AccountView }) {
  const s = account.summary;
  const { distributedCents: paid, uraCents } = account.balances;
  return (
    <>
      <ul className="usa-list" data-testid="account-balances">
        <li>Current support due this month: {formatCents(s.currentDueCents)}</li>
        <li>
          Arrears: {formatCents(s.arrearsCents)} ({formatCents(s.assignedArrearsCents)} assigned to the state, {formatCents(s.familyArrearsCents)} owed to the
          family)
        </li>
        <li>
          Interest owed: {formatCents(s.interestCents)}
          {s.interestAccruedCents > 0 ? ` (of it ${formatCents(s.interestAccruedCents)} accrued since the last posting, posted at month end)` : ''}
        </li>
        <li>Total owed: {formatCents(s.totalOwedCents)}</li>
        <li>Held for future months: {formatCents(s.futuresCents)}</li>
      </ul>
      <ul className="usa-list" data-testid="account-distribution">
        <li>
          Distributed: {formatCents(paid.family)} to the family, {formatCents(paid.state)} retained by the state and {formatCents(paid.federal)} by the federal
          government
        </li>
        <li>Unreimbursed assistance (URA): {formatCents(uraCents)}</li>
      </ul>
      <p>
        <a className="usa-link" href={`/api/cases/${caseId}/statement.pdf?asOf=${account.asOf}`} download>
          Download the account statement as of {account.asOf} (PDF)
        </a>
      </p>
    </>
  );
}

function Details({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="margin-y-2">
      <summary className="text-bold">{summary}</summary>
      {children}
    </details>
  );
}

/** The case's payments newest first: where each dollar went on the day it came in; the ledger below is the detail. */
export function PaymentsView({ caseId }: { caseId: string }) {
  const payments = useQuery({
    queryKey: ['payments', caseId],
    queryFn: () => must(client.GET('/api/cases/{id}/payments', { params: { path: { id: caseId } } })),
  });
  const [isShowingAll, setShowingAll] = useState(false);
  const data = payments.data;
  const shown = data && !isShowingAll ? data.slice(0, 12) : data;
  return (
    <section aria-labelledby="payments-heading" id="payments">
      <h2 id="payments-heading">Payments</h2>
      <ErrorAlert error={payments.error} />
      {data && data.length === 0 ? <p>No payment has been received on this case.</p> : null}
      {data && data.length > 0 ? (
        <TableRegion label="Payments, newest first">
          <table className="usa-table usa-table--compact usa-table--striped width-full" data-testid="payments">
            <caption>
              {data.length} payments{shown!.length < data.length ? ` (the latest ${shown!.length} shown)` : ''}, newest first: what each paid on the day it was
              received, and who received it. The ledger entries below are the double-entry detail.
            </caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Amount</th>
                <th scope="col">Source</th>
                <th scope="col">Current support</th>
                <th scope="col">Arrears</th>
                <th scope="col">Interest</th>
                <th scope="col">Held for later months</th>
                <th scope="col">To the family</th>
                <th scope="col">To the state</th>
                <th scope="col">To the federal government</th>
              </tr>
            </thead>
            <tbody>
              {shown!.map((p) => (
                <tr key={p.receiptId}>
                  <th scope="row" className="text-no-wrap">
                    {p.receivedOn}
                  </th>
                  <td>
                    {formatCents(p.amountCents)}
                    {p.isReversed ? <span className="usa-tag margin-left-1">Reversed</span> : null}
                  </td>
                  <td>
                    {sourceLabels[p.source]}
                    <span className="display-block font-sans-3xs">Receipt {p.receiptId}</span>
                  </td>
                  <td>{formatCents(p.currentCents)}</td>
                  <td>{formatCents(p.arrearsCents)}</td>
                  <td>{formatCents(p.interestCents)}</td>
                  <td>{formatCents(p.heldAsFuturesCents)}</td>
                  <td>{formatCents(p.familyCents)}</td>
                  <td>{formatCents(p.stateCents)}</td>
                  <td>{formatCents(p.federalCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {data && data.length > 12 ? (
        <button type="button" className="usa-button usa-button--outline margin-top-1" onClick={() => setShowingAll(!isShowingAll)}>
          {isShowingAll ? 'Show the latest 12 payments' : `Show all ${data.length} payments`}
        </button>
      ) : null}
    </section>
  );
}

export function LedgerView({ caseId }: { caseId: string }) {
  const [filter, setFilter] = useState<{ kind: NonNullable<Query<'/api/cases/{id}/ledger'>['kind']> | ''; from: string; to: string }>({
    kind: '',
    from: '',
    to: '',
  });
  const [draft, setDraft] = useState(filter);
  const [page, setPage] = useState(1);
  const ledger = useQuery({
    queryKey: ['ledger', caseId, filter, page],
    queryFn: () => {
      const query = { page, pageSize: 25, kind: filter.kind || undefined, from: optionalDate('From', filter.from), to: optionalDate('To', filter.to) };
      return must(client.GET('/api/cases/{id}/ledger', { params: { path: { id: caseId }, query } }));
    },
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilter(draft);
  };
  return (
    <Details summary="Ledger entries">
      <form className="usa-form usa-form--large" onSubmit={apply} aria-label="Filter the ledger">
        <SelectField
          id="ledger-kind"
          label="Kind of entry"
          {...bind(draft, setDraft, 'kind')}
          options={[{ value: '', label: 'All kinds' }, ...ledgerEntryKinds.map((k) => ({ value: k, label: k.replace('_', ' ') }))]}
        />
        <DateRangeFields idPrefix="ledger" draft={draft} onChange={(next) => setDraft(next)} />
        <button type="submit" className="usa-button margin-top-2">
          Show entries
        </button>
      </form>
      <ErrorAlert error={ledger.error} />
      {ledger.data ? (
        <>
          <TableRegion label="Ledger entries">
            <table className="usa-table usa-table--compact width-full" data-testid="ledger">
              <caption>
                {ledger.data.total} entries; page {ledger.data.page}
              </caption>
              <TableHead columns={['Date', 'Kind', 'About', 'Postings (debit +, credit −)']} />
              <tbody>
                {ledger.data.items.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">{e.date}</th>
                    <td>{e.kind.replace('_', ' ')}</td>
                    <td className="font-mono-3xs">{e.ref}</td>
                    <td>
                      {e.postings.map((p) => (
                        <div key={p.account}>
                          {p.account.split(':')[0]!.replace(/_/g, ' ')} {formatCents(p.amountCents)}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <Pager
            label="Ledger pages"
            hasPrevious={page > 1}
            hasNext={page * ledger.data.pageSize < ledger.data.total}
            onPrevious={() => setPage(page - 1)}
            onNext={() => setPage(page + 1)}
          />
        </>
      ) : null}
    </Details>
  );
}

function ProposeAdjustmentForm({ caseId }: { caseId: string }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<AdjustmentKind>('compromise');
  const [effectiveText, setEffectiveText] = useState('');
  const [amount, setAmount] = useState('');
  const [appliesTo, setAppliesTo] = useState<'interest' | 'assigned_principal'>('interest');
  const [receiptId, setReceiptId] = useState('');
  const [justification, setJustification] = useState('');
  const [message, setMessage] = useState('');
  const propose = useMutation({
    mutationFn: () => {
      const cents = parseDollarsToCents(amount);
      const needsAmount = kind !== 'misapplied_receipt';
      if (needsAmount && cents === null) throw new Error('Amount: enter dollars and cents, for example 250.00.');
      const amountCents = cents ?? 0;
      const effectiveOn = enteredDate('Effective on', effectiveText);
      const body: Body<'/api/cases/{id}/adjustments'> =
        kind === 'misapplied_receipt'
          ? { kind, effectiveOn, collectionId: receiptId, justification }
          : kind === 'court_arrears_determination'
            ? { kind, effectiveOn, principalCents: amountCents, justification }
            : kind === 'compromise'
              ? { kind, effectiveOn, amountCents, appliesTo, justification }
              : { kind, effectiveOn, amountCents, justification };
      return must(client.POST('/api/cases/{id}/adjustments', { params: { path: { id: caseId } }, body }));
    },
    onSuccess: async () => {
      setMessage('Adjustment proposed. Another finance user must approve it before it takes effect.');
      await queryClient.invalidateQueries({ queryKey: ['adjustments', caseId] });
    },
  });
  return (
    <ActionForm
      id="propose-adjustment"
      title="Propose an adjustment"
      heading="h4"
      submitLabel="Propose adjustment"
      isPending={propose.isPending}
      error={propose.error}
      status={message}
      onSubmit={() => {
        setMessage('');
        propose.mutate();
      }}
    >
      <SelectField
        id="adjustment-kind"
        label="Reason code"
        {...field(kind, setKind)}
        options={adjustmentKinds.map((k) => ({ value: k, label: adjustmentLabels[k] }))}
      />
      <TextField id="adjustment-effective" label="Effective on" hint="MM/DD/YYYY" required {...field(effectiveText, setEffectiveText)} />
      {kind === 'misapplied_receipt' ? (
        <TextField id="adjustment-receipt" label="Receipt id" required {...field(receiptId, setReceiptId)} />
      ) : (
        <TextField
          id="adjustment-amount"
          label={kind === 'court_arrears_determination' ? 'Arrears the court determined (dollars)' : 'Amount (dollars)'}
          inputMode="decimal"
          required
          {...field(amount, setAmount)}
        />
      )}
      {kind === 'compromise' ? (
        <SelectField
          id="adjustment-applies-to"
          label="Compromise of"
          {...field(appliesTo, setAppliesTo)}
          options={[
            { value: 'interest', label: 'Interest' },
            { value: 'assigned_principal', label: 'State-owed (assigned) arrears' },
          ]}
        />
      ) : null}
      <label className="usa-label" htmlFor="adjustment-justification">
        Justification
      </label>
      <textarea className="usa-textarea" id="adjustment-justification" required {...field(justification, setJustification)} />
    </ActionForm>
  );
}

export function AdjustmentsView({ caseId }: { caseId: string }) {
  const session = useSession();
  const adjustments = useQuery({
    queryKey: ['adjustments', caseId],
    queryFn: () => must(client.GET('/api/cases/{id}/adjustments', { params: { path: { id: caseId } } })),
  });
  return (
    <Details summary={`Adjustments (${adjustments.data?.length ?? '…'})`}>
      <ErrorAlert error={adjustments.error} />
      {adjustments.data && adjustments.data.length > 0 ? (
        <TableRegion label="Adjustments on this case, newest first">
          <table className="usa-table usa-table--compact width-full">
            <caption>Adjustments on this case, newest first</caption>
            <TableHead columns={['Effective', 'Reason', 'Amount', 'Status', 'Justification']} />
            <tbody>
              {adjustments.data.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.effectiveOn}</th>
                  <td>{a.detail}</td>
                  <td>{a.amountCents === null ? '—' : formatCents(a.amountCents)}</td>
                  <td>{a.status}</td>
                  <td>{a.justification}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <p>No adjustments.</p>
      )}
      {hasPermission(session.data, 'finance.adjust') ? <ProposeAdjustmentForm caseId={caseId} /> : null}
    </Details>
  );
}

function LogAuditRequestForm({ caseId }: { caseId: string }) {
  type Form = Pick<Body<'/api/cases/{id}/audit-requests'>, 'kind' | 'requestedBy'> & { receivedOn: string; knewOn: string; summary: string };
  const [form, setForm] = useState<Form>({ kind: 'arrears_audit', requestedBy: 'obligor', receivedOn: '', knewOn: '', summary: '' });
  const log = useAction(
    () =>
      must(
        client.POST('/api/cases/{id}/audit-requests', {
          params: { path: { id: caseId } },
          body: {
            kind: form.kind,
            requestedBy: form.requestedBy,
            receivedOn: enteredDate('Received on', form.receivedOn),
            summary: form.summary,
            ...(form.knewOn ? { knewOn: enteredDate('Parent knew of the matter on', form.knewOn) } : {}),
          },
        }),
      ),
    [['audit-requests', caseId]],
  );
  return (
    <ActionForm
      id="log-audit"
      title="Log an audit request or complaint"
      heading="h4"
      submitLabel="Log request"
      isPending={log.isPending}
      error={log.error}
      status={log.isSuccess ? `Logged: due ${log.data.dueOn}.` : ''}
      onSubmit={() => log.mutate()}
    >
      <SelectField
        id="audit-kind"
        label="Kind"
        {...bind(form, setForm, 'kind')}
        options={[
          { value: 'arrears_audit', label: 'Arrears audit request (due in 30 days)' },
          { value: 'complaint', label: 'Complaint (resolution due in 30 days)' },
        ]}
      />
      <SelectField
        id="audit-requested-by"
        label="Requested by"
        {...bind(form, setForm, 'requestedBy')}
        options={[
          { value: 'obligor', label: 'Paying parent' },
          { value: 'obligee', label: 'Receiving parent' },
          { value: 'other_party', label: 'Other party' },
        ]}
      />
      <TextField id="audit-received" label="Received on" hint="MM/DD/YYYY" required {...bind(form, setForm, 'receivedOn')} />
      {form.kind === 'complaint' ? (
        <TextField id="audit-knew" label="Parent knew of the matter on" hint="MM/DD/YYYY; starts the 90-day filing window" {...bind(form, setForm, 'knewOn')} />
      ) : null}
      <label className="usa-label" htmlFor="audit-summary">
        Summary
      </label>
      <textarea className="usa-textarea" id="audit-summary" required {...bind(form, setForm, 'summary')} />
    </ActionForm>
  );
}

export function AuditRequestsView({ caseId }: { caseId: string }) {
  const session = useSession();
  const requests = useQuery({
    queryKey: ['audit-requests', caseId],
    queryFn: () => must(client.GET('/api/cases/{id}/audit-requests', { params: { path: { id: caseId } } })),
  });
  return (
    <Details summary={`Audit requests and complaints (${requests.data?.length ?? '…'})`}>
      <ErrorAlert error={requests.error} />
      {requests.data && requests.data.length > 0 ? (
        <TableRegion label="Requests on this case, soonest due first">
          <table className="usa-table usa-table--compact width-full">
            <caption>Requests on this case, soonest due first</caption>
            <TableHead columns={['Received', 'Kind', 'Due', 'State', 'Summary']} />
            <tbody>
              {requests.data.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.receivedOn}</th>
                  <td>{r.kind === 'complaint' ? 'Complaint' : 'Arrears audit'}</td>
                  <td>{r.extendedTo ? `${r.dueOn} (extended to ${r.extendedTo})` : r.dueOn}</td>
                  <td>{queueStateLabels[r.state]}</td>
                  <td>{r.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <p>No audit requests.</p>
      )}
      {hasPermission(session.data, 'finance.audits') ? <LogAuditRequestForm caseId={caseId} /> : null}
    </Details>
  );
}
