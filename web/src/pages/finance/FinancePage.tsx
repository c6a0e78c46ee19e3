/**
 * The Finance page: adjustments waiting for a second finance user's approval, the audit request and
 * complaint queue against its deadlines, stored balances that differ from the replay, and the OCSE-34.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { client, must, type Query } from '../../api';
import type { AuditRequestView } from '../../../../src/modules/finance/contract';
import { ListView, type ListColumn } from '../../components/ListView';
import { formatCents } from '../../components/money';
import { ErrorAlert, Loading, Page } from '../../components/Page';
import { TableHead, TableRegion } from '../../components/Table';
import { hasPermission, useSession } from '../../session';
import { queueStateLabels } from './CaseFinance';
import { Ocse34Section } from './Ocse34Section';

function CaseLink({ caseId, caseNumber }: { caseId: string; caseNumber: string }) {
  return (
    <Link to="/cases/$caseId" params={{ caseId }} className="usa-link">
      {caseNumber}
    </Link>
  );
}

function ApprovalQueue() {
  const session = useSession();
  const queryClient = useQueryClient();
  const canApprove = hasPermission(session.data, 'finance.approve');
  const pending = useQuery({
    queryKey: ['adjustments', 'pending'],
    queryFn: () => must(client.GET('/api/finance/adjustments', { params: { query: { status: 'pending' } } })),
  });
  const [message, setMessage] = useState('');
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
      must(client.POST('/api/finance/adjustments/{id}/decision', { params: { path: { id } }, body: { decision } })),
    onSuccess: async (decided) => {
      setMessage(`Adjustment on case ${decided.caseNumber} ${decided.status}.`);
      await queryClient.invalidateQueries({ queryKey: ['adjustments'] });
    },
  });
  return (
    <section aria-labelledby="approvals-heading">
      <h2 id="approvals-heading">Adjustments waiting for approval</h2>
      <p>An adjustment takes effect only when a finance user other than the one who proposed it approves it.</p>
      <ErrorAlert error={pending.error ?? decide.error} />
      <p role="status" aria-live="polite">
        {message}
      </p>
      {pending.isPending ? <Loading what="the approval queue" /> : null}
      {pending.data && pending.data.length === 0 ? <p>Nothing waiting.</p> : null}
      {pending.data && pending.data.length > 0 ? (
        <TableRegion label="Pending adjustments, oldest first">
          <table className="usa-table usa-table--compact width-full" data-testid="approval-queue">
            <caption>Pending adjustments, oldest first</caption>
            <TableHead columns={['Case', 'Effective', 'Adjustment', 'Amount', 'Justification', 'Decision']} />
            <tbody>
              {pending.data.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <CaseLink caseId={a.caseId} caseNumber={a.caseNumber} />
                  </th>
                  <td>{a.effectiveOn}</td>
                  <td>{a.detail}</td>
                  <td>{a.amountCents === null ? '—' : formatCents(a.amountCents)}</td>
                  <td>{a.justification}</td>
                  <td>
                    {canApprove && a.proposedBy !== session.data?.user.id ? (
                      <div className="display-flex">
                        <button
                          type="button"
                          className="usa-button usa-button--small"
                          aria-label={`Approve adjustment on case ${a.caseNumber}`}
                          onClick={() => decide.mutate({ id: a.id, decision: 'approve' })}
                        >
                          Approve
                        </button>
                        <button
                          type="button"
                          className="usa-button usa-button--small usa-button--secondary"
                          aria-label={`Reject adjustment on case ${a.caseNumber}`}
                          onClick={() => decide.mutate({ id: a.id, decision: 'reject' })}
                        >
                          Reject
                        </button>
                      </div>
                    ) : (
                      <span>{a.proposedBy === session.data?.user.id ? 'Yours: another user decides' : 'Needs an approver'}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </section>
  );
}

const auditRequestColumns: ListColumn<AuditRequestView>[] = [
  { key: 'caseNumber', header: 'Case', cell: (r) => <CaseLink caseId={r.caseId} caseNumber={r.caseNumber} /> },
  {
    key: 'kind',
    header: 'Kind',
    sortable: true,
    cell: (r) => (r.kind === 'complaint' ? `Complaint${r.isFiledLate ? ' (filed after 90 days)' : ''}` : 'Arrears audit'),
  },
  { key: 'receivedOn', header: 'Received', sortable: true, cell: (r) => r.receivedOn },
  { key: 'dueOn', header: 'Due', sortable: true, cell: (r) => (r.extendedTo && r.kind === 'complaint' ? `${r.extendedTo} (extended)` : r.dueOn) },
  {
    key: 'state',
    header: 'State',
    cell: (r) => (
      <span className={`usa-tag ${r.state === 'overdue' ? 'bg-secondary-dark' : r.state === 'due_soon' ? 'bg-accent-warm-dark' : 'bg-base-dark'}`}>
        {queueStateLabels[r.state]}
      </span>
    ),
  },
  { key: 'daysLeft', header: 'Days left', cell: (r) => r.daysLeft ?? '—' },
  { key: 'completedOn', header: 'Completed', sortable: true, cell: (r) => r.completedOn ?? '—' },
];

function AuditQueue() {
  return (
    <section aria-labelledby="audit-queue-heading">
      <h2 id="audit-queue-heading">Audit requests and complaints</h2>
      <p>Arrears audits are due 30 days after the request (CSS Letter 15-12); complaints 30 days after receipt, extendable once by 30 (FC 17800).</p>
      <ListView
        id="audits"
        noun="audit requests and complaints"
        one="audit request or complaint"
        exportPath="/api/finance/audit-requests"
        columns={auditRequestColumns}
        filters={[
          {
            name: 'status',
            label: 'Status',
            options: [
              { value: 'open', label: 'Open' },
              { value: 'completed', label: 'Completed' },
              { value: 'all', label: 'Open and completed' },
            ],
          },
          {
            name: 'overdue',
            label: 'Deadline',
            options: [
              { value: '', label: 'Any deadline' },
              { value: 'true', label: 'Overdue only' },
            ],
          },
          {
            name: 'kind',
            label: 'Kind',
            options: [
              { value: '', label: 'Audits and complaints' },
              { value: 'arrears_audit', label: 'Arrears audits' },
              { value: 'complaint', label: 'Complaints' },
            ],
          },
        ]}
        searchLabel="Case number or requester"
        queryKey={['audit-requests', 'queue']}
        load={(query) => must(client.GET('/api/finance/audit-requests', { params: { query: query as unknown as Query<'/api/finance/audit-requests'> } }))}
        rowKey={(r) => r.id}
      />
    </section>
  );
}

function Discrepancies() {
  const report = useQuery({
    queryKey: ['discrepancies'],
    queryFn: () => must(client.GET('/api/finance/discrepancies', { params: { query: { limit: 200 } } })),
  });
  return (
    <section aria-labelledby="discrepancies-heading">
      <h2 id="discrepancies-heading">Balances that differ from the replay</h2>
      <p>Balances converted from another system, compared with Concord's replay of the same case on the same date.</p>
      <ErrorAlert error={report.error} />
      {report.data ? (
        <p>
          {report.data.checked} checked, {report.data.matching} match, {report.data.discrepancies.length} differ.
        </p>
      ) : null}
      {report.data && report.data.discrepancies.length > 0 ? (
        <TableRegion label="Differences (stored minus replayed)">
          <table className="usa-table usa-table--compact width-full" data-testid="discrepancies">
            <caption>Differences (stored minus replayed)</caption>
            <TableHead columns={['Case', 'As of', 'Source', 'Principal', 'Interest', 'Held']} />
            <tbody>
              {report.data.discrepancies.map((d) => (
                <tr key={d.caseId}>
                  <th scope="row">
                    <CaseLink caseId={d.caseId} caseNumber={d.caseNumber} />
                  </th>
                  <td>{d.asOf}</td>
                  <td>{d.source}</td>
                  <td>{formatCents(d.differenceCents.principalCents)}</td>
                  <td>{formatCents(d.differenceCents.interestCents)}</td>
                  <td>{formatCents(d.differenceCents.futuresCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </section>
  );
}

export function FinancePage() {
  return (
    <Page
      title="Finance"
      intro="Statewide-consistent financial case management: approvals, account audits and complaints, balance discrepancies and the quarterly OCSE-34."
    >
      <ApprovalQueue />
      <AuditQueue />
      <Discrepancies />
      <Ocse34Section />
    </Page>
  );
}
