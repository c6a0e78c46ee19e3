/**
 * The Liens page: the recording work queue by due date (record tasks come from the orders under the
 * 45-day policy), and the recorder's answer for a lien; the case page shows an obligor's liens statewide.
 */
import { ParentLienRequests } from './ParentLienRequests';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { LienView, RecordingAnswer, SubordinationView } from '../../../../src/modules/liens/contract';
import { BarChart } from '../../components/BarChart';
import { client, must, type Query } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { formatCents, parseDollarsToCents } from '../../components/money';
import { ErrorAlert, Page, RecordPage } from '../../components/Page';
import { useSticky } from '../../components/useSticky';
import { Facts } from '../../components/Facts';
import { SelectField } from '../../components/SelectField';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { ListView, type ListColumn } from '../../components/ListView';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';
import { firstOfYear, todayInCalifornia } from '../../../../src/platform/calendar/contract';
import { enteredDate } from '../../components/dates';
import { bind, field } from '../../components/bind';

const statusOptions = [
  { value: 'to_record', label: 'To record' },
  { value: 'submitted', label: 'Submitted to the recorder' },
  { value: 'rejected', label: 'Rejected by the recorder' },
  { value: 'recorded', label: 'Recorded' },
  { value: 'partially_released', label: 'Partly released' },
  { value: 'released', label: 'Released' },
  { value: 'subordinated', label: 'Subordinated' },
];

const instrumentLabels: Record<string, string> = {
  abstract_of_support_judgment: 'Abstract of support judgment',
  certified_order: 'Certified order (arrears)',
  federal_notice_of_lien: 'Federal notice of lien',
};

export function LienTable({ liens, caption, testId }: { liens: LienView[]; caption: string; testId: string }) {
  return (
    <TableRegion label={caption}>
      <table className="usa-table usa-table--compact width-full" data-testid={testId}>
        <caption>{caption}</caption>
        <TableHead columns={['Case', 'County', 'Recording LCSA', 'Document', 'Status', 'Due by', 'Days left', 'Instrument number', 'Recorded on']} />
        <tbody>
          {liens.map((l) => (
            <tr key={l.id}>
              <th scope="row">
                <Link to="/cases/$caseId" params={{ caseId: l.caseId }} className="usa-link">
                  {l.caseNumber}
                </Link>
              </th>
              <td>{l.countyName}</td>
              <td>{l.lcsaName}</td>
              <td>{instrumentLabels[l.instrument] ?? l.instrument}</td>
              <td>
                {l.status.replace(/_/g, ' ')}
                {l.rejectionReason ? `: ${l.rejectionReason}` : ''}
                {l.heldReason ? ' · held: bankruptcy stay' : ''}
              </td>
              <td>{l.dueBy}</td>
              <td>{l.daysLeft ?? '—'}</td>
              <td>{l.instrumentNumber ?? '—'}</td>
              <td>{l.recordedOn ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function RecordingForm({ liens }: { liens: LienView[] }) {
  const [lienId, setLienId] = useState('');
  const [outcome, setOutcome] = useState<RecordingAnswer['outcome']>('recorded');
  const [form, setForm] = useState({ date: '', instrumentNumber: '', fee: '', reason: '' });
  const answer = useAction(() => {
    const id = lienId || liens[0]?.id;
    if (!id) throw new Error('Choose a lien.');
    const fee = parseDollarsToCents(form.fee || '0');
    const body: RecordingAnswer =
      outcome === 'recorded'
        ? { outcome, recordedOn: enteredDate('Recorded on', form.date), instrumentNumber: form.instrumentNumber, feeCents: fee ?? 0 }
        : outcome === 'submitted'
          ? { outcome, submittedOn: enteredDate('Submitted on', form.date) }
          : { outcome, reason: form.reason };
    return must(client.POST('/api/liens/{id}/recording', { params: { path: { id } }, body }));
  }, [['liens']]);
  return (
    <ActionForm
      id="recording-answer"
      title="Record the recorder's answer"
      submitLabel="Save answer"
      isPending={answer.isPending}
      error={answer.error}
      status={answer.isSuccess ? `Lien on case ${answer.data.caseNumber} in ${answer.data.countyName}: ${answer.data.status}.` : ''}
      onSubmit={() => answer.mutate()}
    >
      <SelectField
        id="recording-lien"
        label="Lien"
        {...field(lienId, setLienId)}
        options={liens.map((l) => ({ value: l.id, label: `Case ${l.caseNumber}, ${l.countyName} (due ${l.dueBy})` }))}
      />
      <SelectField
        id="recording-outcome"
        label="Answer"
        {...field(outcome, setOutcome)}
        options={[
          { value: 'recorded', label: 'Recorded' },
          { value: 'submitted', label: 'Submitted' },
          { value: 'rejected', label: 'Rejected' },
        ]}
      />
      {outcome === 'rejected' ? (
        <TextField id="recording-reason" label="Why the recorder rejected it" required {...bind(form, setForm, 'reason')} />
      ) : (
        <TextField
          id="recording-date"
          label={outcome === 'recorded' ? 'Recorded on' : 'Submitted on'}
          hint="MM/DD/YYYY"
          required
          {...bind(form, setForm, 'date')}
        />
      )}
      {outcome === 'recorded' ? (
        <>
          <TextField id="recording-number" label="Instrument number" required {...bind(form, setForm, 'instrumentNumber')} />
          <TextField id="recording-fee" label="Recording fee (dollars)" inputMode="decimal" {...bind(form, setForm, 'fee')} />
        </>
      ) : null}
    </ActionForm>
  );
}

/** Deadlines and results this year, per LCSA, with the workbook. */
function LienReportSection() {
  const today = todayInCalifornia();
  const query = { from: firstOfYear(today), to: today };
  const report = useQuery({ queryKey: ['liens', 'report', query], queryFn: () => must(client.GET('/api/liens/report', { params: { query } })) });
  const rows = report.data ? [...report.data.lcsas, report.data.statewide] : [];
  const share = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);
  return (
    <section aria-labelledby="lien-report-heading">
      <h2 id="lien-report-heading">Deadlines and results this year</h2>
      <ErrorAlert error={report.error} />
      {report.data ? (
        <>
          <p>
            <a className="usa-link" href={`/api/liens/report.xlsx?${query}`} download>
              Download the lien report (XLSX)
            </a>
          </p>
          <BarChart
            title="Liens recorded within 45 days, by LCSA"
            bars={report.data.lcsas.map((r) => ({ label: r.lcsaName, value: r.recorded === 0 ? 0 : Math.round((r.recordedOnTime / r.recorded) * 100) }))}
            format={(v) => `${v}%`}
          />
          <TableRegion label="Liens recorded and released by LCSA">
            <table className="usa-table usa-table--compact width-full" data-testid="lien-report">
              <caption>
                Recorded and released from {report.data.from} to {report.data.to}
              </caption>
              <TableHead
                columns={['LCSA', 'Recorded', 'On time', 'Days to record', 'Released', 'On time', 'Days to release', 'Overdue to record', 'Payoff collections']}
              />
              <tbody>
                {rows.map((r) => (
                  <tr key={r.lcsaId}>
                    <th scope="row">{r.lcsaName}</th>
                    <td>{r.recorded}</td>
                    <td>{share(r.recordedOnTime, r.recorded)}</td>
                    <td>{r.averageDaysToRecord ?? '—'}</td>
                    <td>{r.released}</td>
                    <td>{share(r.releasedOnTime, r.released)}</td>
                    <td>{r.averageDaysToRelease ?? '—'}</td>
                    <td>{r.overdueToRecord}</td>
                    <td>{formatCents(r.payoffCollectionsCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      ) : null}
    </section>
  );
}

/** Obligors whose arrears finance shows as paid but who still carry recorded liens: due from the day they paid. */
function ReleasesDue() {
  const due = useQuery({
    queryKey: ['liens', 'releases-due'],
    queryFn: () => must(client.GET('/api/liens/releases-due')),
  });
  return (
    <section aria-labelledby="releases-due-heading">
      <h2 id="releases-due-heading">Releases due: arrears paid</h2>
      <ErrorAlert error={due.error} />
      {due.data && due.data.length === 0 ? <p>None: every obligor with a recorded lien still owes past-due support.</p> : null}
      {due.data && due.data.length > 0 ? (
        <TableRegion label="Releases due">
          <table className="usa-table usa-table--compact" data-testid="releases-due">
            <caption>Soonest due first. Release them from the obligor’s case page.</caption>
            <TableHead columns={['Obligor', 'Recorded liens', 'Paid on', 'Release due by', 'Days left']} />
            <tbody>
              {due.data.map((d) => (
                <tr key={d.personId}>
                  <th scope="row">{d.debtor}</th>
                  <td>{d.liens}</td>
                  <td>{d.triggerDate ?? 'No payment on file'}</td>
                  <td>{d.dueBy ?? 'Support continues: matured installments on request'}</td>
                  <td>{d.daysLeft === null ? '—' : d.daysLeft < 0 ? `${-d.daysLeft} days overdue` : d.daysLeft}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </section>
  );
}

const subordinationStatus: Record<SubordinationView['status'], string> = { pending: 'Waiting for a decision', approved: 'Approved', denied: 'Denied' };

const subordinationColumns: ListColumn<SubordinationView>[] = [
  { key: 'lender', header: 'Lender', sortable: true, cell: (r) => r.lenderName },
  { key: 'propertyAddress', header: 'Property', cell: (r) => r.propertyAddress },
  { key: 'loanAmountCents', header: 'New loan', sortable: true, cell: (r) => formatCents(r.loanAmountCents) },
  { key: 'requestedOn', header: 'Requested', sortable: true, cell: (r) => r.requestedOn },
  {
    key: 'eligibility',
    header: 'Eligible',
    cell: (r) => (r.isEligible ? `Yes: ${r.monthsWithWageWithholding} months of wage withholding` : `No: ${r.reasons.join('; ')}`),
  },
  {
    key: 'status',
    header: 'Status',
    sortable: true,
    cell: (r) => (
      <>
        {subordinationStatus[r.status]}
        {r.decidedOn ? ` on ${r.decidedOn}` : ''}
        {r.status === 'approved' ? (
          <>
            <br />
            <a className="usa-link" href={`/api/lien-subordinations/${r.id}/agreement.pdf`} download>
              Agreement for {r.lenderName} (PDF)
            </a>
          </>
        ) : null}
      </>
    ),
  },
];

/** A pending subordination request decided: approved only when eligible, or denied, with a note. */
function DecideSubordination({ request }: { request: SubordinationView }) {
  const [decision, setDecision] = useState<'approve' | 'deny'>(request.isEligible ? 'approve' : 'deny');
  const [note, setNote] = useState('');
  const decide = useAction(
    () => must(client.POST('/api/lien-subordinations/{id}/decision', { params: { path: { id: request.id } }, body: { decision, note } })),
    [['lien-subordinations']],
  );
  return (
    <ActionForm
      id={`subordination-${request.id}`}
      title={`Decide the request of ${request.lenderName} for ${request.propertyAddress}`}
      submitLabel="Record decision"
      isPending={decide.isPending}
      error={decide.error}
      status={decide.data ? `Request of ${decide.data.lenderName}: ${subordinationStatus[decide.data.status].toLowerCase()}.` : ''}
      onSubmit={() => decide.mutate()}
    >
      <SelectField
        id={`subordination-${request.id}-decision`}
        label="Decision"
        {...field(decision, setDecision)}
        options={[
          ...(request.isEligible ? [{ value: 'approve', label: 'Approve: subordinate the county’s recorded liens' }] : []),
          { value: 'deny', label: 'Deny' },
        ]}
      />
      <TextField id={`subordination-${request.id}-note`} label="Note" required {...field(note, setNote)} />
    </ActionForm>
  );
}

/** Requests to subordinate an obligor's lien to a new first deed of trust, pending ones to decide first. */
function Subordinations() {
  return (
    <section aria-labelledby="subordinations-heading">
      <h2 id="subordinations-heading">Subordination requests</h2>
      <p>Requests arrive from lenders and title companies through the API; eligibility (wage withholding, payment history) is worked out when one arrives.</p>
      <ListView
        id="subordinations"
        noun="subordination requests"
        exportPath="/api/lien-subordinations"
        columns={subordinationColumns}
        filters={[
          {
            name: 'status',
            label: 'Status',
            options: [
              { value: 'pending', label: 'Waiting for a decision' },
              { value: 'approved', label: 'Approved' },
              { value: 'denied', label: 'Denied' },
              { value: '', label: 'Any status' },
            ],
          },
        ]}
        searchLabel="Lender or property"
        queryKey={['lien-subordinations', 'list']}
        load={(query) => must(client.GET('/api/lien-subordinations', { params: { query: query as Query<'/api/lien-subordinations'> } }))}
        rowKey={(r) => r.id}
        footer={(page) => page.items.filter((r) => r.status === 'pending').map((r) => <DecideSubordination key={r.id} request={r} />)}
      />
    </section>
  );
}

/** One submission package per county recorder with liens to record there. */
function PackageLinks() {
  const packages = useQuery({ queryKey: ['liens', 'packages'], queryFn: () => must(client.GET('/api/liens/packages')) });
  return (
    <section aria-labelledby="packages-heading">
      <h2 id="packages-heading">Recording packages</h2>
      <ErrorAlert error={packages.error} />
      {packages.data && packages.data.length === 0 ? <p>No county has liens waiting to be recorded.</p> : null}
      <ul className="usa-list" aria-label="Recording packages">
        {packages.data?.map((p) => (
          <li key={p.countyFips}>
            <a className="usa-link" href={`/api/liens/package.pdf?countyFips=${p.countyFips}`} download>
              Recording package for {p.countyName} County (PDF)
            </a>{' '}
            — {p.liens} {p.liens === 1 ? 'lien' : 'liens'}
          </li>
        ))}
      </ul>
    </section>
  );
}

const lienColumns: ListColumn<LienView>[] = [
  {
    key: 'caseNumber',
    header: 'Case',
    cell: (l) => (
      <Link to="/cases/$caseId" params={{ caseId: l.caseId }} className="usa-link">
        {l.caseNumber}
      </Link>
    ),
  },
  { key: 'county', header: 'County', sortable: true, cell: (l) => l.countyName },
  { key: 'lcsa', header: 'Recording LCSA', sortable: true, cell: (l) => l.lcsaName },
  {
    key: 'instrument',
    header: 'Document',
    sortable: true,
    cell: (l) => (
      <Link to="/liens/$lienId" params={{ lienId: l.id }} className="usa-link">
        {instrumentLabels[l.instrument] ?? l.instrument}
        <span className="usa-sr-only">, {l.countyName}</span>
      </Link>
    ),
  },
  {
    key: 'status',
    header: 'Status',
    sortable: true,
    cell: (l) => (
      <>
        {l.status.replace(/_/g, ' ')}
        {l.rejectionReason ? `: ${l.rejectionReason}` : ''}
        {l.heldReason ? ' · held: bankruptcy stay' : ''}
      </>
    ),
  },
  { key: 'dueBy', header: 'Due by', sortable: true, cell: (l) => l.dueBy },
  {
    key: 'daysLeft',
    header: 'Days left',
    cell: (l) => (l.daysLeft === null ? '—' : l.daysLeft < 0 ? <span className="text-bold text-secondary-dark">{-l.daysLeft} days overdue</span> : l.daysLeft),
  },
  { key: 'instrumentNumber', header: 'Instrument number', sortable: true, cell: (l) => l.instrumentNumber ?? '—' },
  { key: 'recordedOn', header: 'Recorded on', sortable: true, cell: (l) => l.recordedOn ?? '—' },
];

const lienStatusText = (l: LienView) =>
  `${l.status.replace(/_/g, ' ')}${l.rejectionReason ? `: ${l.rejectionReason}` : ''}${l.heldReason ? ' · held: bankruptcy stay' : ''}`;

/** One lien on its own page: what it secures and where, every step it went through, and the recorder's answer. */
export function LienPage({ lienId }: { lienId: string }) {
  const session = useSession();
  const lien = useQuery({ queryKey: ['liens', lienId], queryFn: () => must(client.GET('/api/liens/{id}', { params: { path: { id: lienId } } })) });
  const l = lien.data;
  const isOpen = l ? ['to_record', 'submitted', 'rejected'].includes(l.status) : false;
  const isAnswering = useSticky(isOpen && hasPermission(session.data, 'liens.manage'));
  return (
    <RecordPage
      noun="Lien"
      query={lien}
      record={l}
      title={(l) => `${instrumentLabels[l.instrument] ?? l.instrument}, ${l.countyName} County`}
      back={{ to: '/liens', label: 'All liens' }}
    >
      {(l) => (
        <>
          <Facts
            testId="lien-facts"
            facts={[
              [
                'Case',
                <Link key="case" to="/cases/$caseId" params={{ caseId: l.caseId }} className="usa-link">
                  {l.caseNumber}
                </Link>,
              ],
              ['Status', lienStatusText(l)],
              ['County', l.countyName],
              ['Recording LCSA', l.lcsaName],
              ['Why', `${l.trigger.replace(/_/g, ' ')} on ${l.triggerDate}`],
              ['Record by', l.daysLeft !== null && l.daysLeft < 0 ? `${l.dueBy} (${-l.daysLeft} days overdue)` : l.dueBy],
              l.recordedOn !== null && ['Recorded on', l.recordedOn],
              l.instrumentNumber !== null && ['Instrument number', l.instrumentNumber],
              l.feeCents !== null && ['Recording fee', formatCents(l.feeCents)],
              l.releaseId !== null && [
                'Release',
                <a key="release" className="usa-link" href={`/api/lien-releases/${l.releaseId}/packet.pdf`} download>
                  Release packet (PDF)
                </a>,
              ],
            ]}
          />
          <h2>What happened</h2>
          <ol className="usa-list" data-testid="lien-events">
            {l.events.map((e) => (
              <li key={`${e.at}-${e.status}`}>
                <time dateTime={e.at}>
                  {new Date(e.at).toLocaleString('en-US', { timeZone: 'America/Los_Angeles', dateStyle: 'medium', timeStyle: 'short' })}
                </time>
                : {e.status.replace(/_/g, ' ')} — {e.detail}
              </li>
            ))}
          </ol>
          {isAnswering ? <RecordingForm liens={[l]} /> : null}
        </>
      )}
    </RecordPage>
  );
}

export function LiensPage() {
  const session = useSession();
  const generate = useAction(() => must(client.POST('/api/liens/record-tasks')), [['liens']]);
  const canManage = hasPermission(session.data, 'liens.manage');
  return (
    <Page title="Liens" intro="Real property liens for support: record every order's lien within 45 days, in every county the policy names (22 CCR 116130).">
      <h2>Work queue</h2>
      <ListView
        id="liens"
        noun="liens"
        exportPath="/api/liens"
        columns={lienColumns}
        filters={[{ name: 'status', label: 'Status', options: [...statusOptions, { value: '', label: 'Any status' }] }]}
        searchLabel="Case number or county"
        queryKey={['liens', 'list']}
        load={(query) => must(client.GET('/api/liens', { params: { query: query as Query<'/api/liens'> } }))}
        rowKey={(l) => l.id}
        footer={(page) => {
          const open = page.items.filter((l) => l.status === 'to_record' || l.status === 'submitted' || l.status === 'rejected');
          return canManage && open.length > 0 ? <RecordingForm liens={open} /> : null;
        }}
      />
      {canManage ? <PackageLinks /> : null}
      {canManage ? (
        <ActionForm
          id="record-tasks"
          title="Record tasks"
          submitLabel="Create record tasks"
          isPending={generate.isPending}
          error={generate.error}
          status={generate.data ? `${generate.data.created} new record tasks from ${generate.data.cases} open cases.` : ''}
          onSubmit={() => generate.mutate()}
        >
          <p>
            Makes the tasks the policy calls for on orders that have none yet ($0 and reserved orders, a terminated order with nothing owed and a Chapter 13
            debtor get none). Safe to repeat.
          </p>
        </ActionForm>
      ) : null}
      {canManage ? <ParentLienRequests /> : null}
      {canManage ? <ReleasesDue /> : null}
      {canManage ? <Subordinations /> : null}
      {canManage ? <LienReportSection /> : null}
    </Page>
  );
}
