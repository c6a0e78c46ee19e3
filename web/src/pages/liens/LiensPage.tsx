/**
 * The Liens page: the recording work queue by due date (record tasks come from the orders under the
 * 45-day policy), and the recorder's answer for a lien; the case page shows an obligor's liens statewide.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { LienView, RecordingAnswer } from '../../../../src/modules/liens/contract';
import { BarChart } from '../../components/BarChart';
import { client, must, type Query } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { formatCents, parseDollarsToCents } from '../../components/money';
import { ErrorAlert, Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
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
  { value: 'released', label: 'Released' },
];

const instrumentLabels: Record<string, string> = {
  abstract_of_support_judgment: 'Abstract of support judgment',
  certified_order: 'Certified order (arrears)',
  federal_notice_of_lien: 'Federal notice of lien',
};

export function LienTable({ liens, caption, testId }: { liens: LienView[]; caption: string; testId: string }) {
  return (
    <TableRegion label="Liens table 1">
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
          <TableRegion label="Liens table 2">
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
        <TableRegion label="Releases due table">
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

/** One submission package per county recorder with liens to record there. */
function PackageLinks({ liens }: { liens: LienView[] }) {
  const countiesInQueue = [...new Map(liens.map((l) => [l.countyFips, l.countyName])).entries()].sort(([, a], [, b]) => (a < b ? -1 : 1));
  return (
    <ul className="usa-list" aria-label="Recording packages">
      {countiesInQueue.map(([fips, name]) => (
        <li key={fips}>
          <a className="usa-link" href={`/api/liens/package.pdf?countyFips=${fips}`} download>
            Recording package for {name} County (PDF)
          </a>
        </li>
      ))}
    </ul>
  );
}

export function LiensPage() {
  const session = useSession();
  const [status, setStatus] = useState<Query<'/api/liens'>['status']>('to_record');
  const queue = useQuery({ queryKey: ['liens', status], queryFn: () => must(client.GET('/api/liens', { params: { query: { status } } })) });
  const generate = useAction(() => must(client.POST('/api/liens/record-tasks')), [['liens']]);
  const canManage = hasPermission(session.data, 'liens.manage');
  const fees = queue.data?.reduce((sum, l) => sum + (l.feeCents ?? 0), 0) ?? 0;
  return (
    <Page title="Liens" intro="Real property liens for support: record every order's lien within 45 days, in every county the policy names (22 CCR 116130).">
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
      {canManage ? <ReleasesDue /> : null}
      {canManage ? <LienReportSection /> : null}
      <h2>Work queue</h2>
      <SelectField id="lien-status" label="Show liens that are" {...field(status, setStatus)} options={statusOptions} />
      <ErrorAlert error={queue.error} />
      {queue.data && queue.data.length === 0 ? <p>None.</p> : null}
      {queue.data && queue.data.length > 0 ? (
        <>
          {status === 'to_record' || status === 'rejected' ? <PackageLinks liens={queue.data} /> : null}
          <LienTable
            liens={queue.data}
            caption={`${queue.data.length} liens, soonest due first${fees ? `; recording fees ${formatCents(fees)}` : ''}`}
            testId="lien-queue"
          />
          {canManage && status !== 'recorded' && status !== 'released' ? <RecordingForm liens={queue.data} /> : null}
        </>
      ) : null}
    </Page>
  );
}
