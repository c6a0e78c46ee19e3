/** Each insurer's compliance over a period (files, matches, notices, remittances) and the outreach sent to insurers that do not report. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { BarChart } from '../../components/BarChart';
import { DateRangeFields } from '../../components/DateRangeFields';
import { client, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { formatCents } from '../../components/money';
import { ErrorAlert } from '../../components/Page';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { firstOfYear, todayInCalifornia } from '../../../../src/platform/calendar/contract';
import { enteredDate } from '../../components/dates';
import { bind } from '../../components/bind';

function thisYear(): { from: string; to: string } {
  const today = todayInCalifornia();
  return { from: firstOfYear(today), to: today };
}

export function Compliance() {
  const [period, setPeriod] = useState(thisYear);
  const [draft, setDraft] = useState(period);
  const report = useQuery({
    queryKey: ['intercept-compliance', period],
    queryFn: () =>
      must(client.GET('/api/intercept/compliance', { params: { query: { from: enteredDate('From', period.from), to: enteredDate('To', period.to) } } })),
  });
  const data = report.data;
  return (
    <section aria-labelledby="compliance-heading">
      <h2 id="compliance-heading">Insurer compliance</h2>
      <form
        className="usa-form usa-form--large"
        aria-label="Compliance period"
        onSubmit={(event) => {
          event.preventDefault();
          setPeriod(draft);
        }}
      >
        <DateRangeFields idPrefix="compliance" draft={draft} onChange={setDraft} />
        <button type="submit" className="usa-button margin-top-2">
          Show period
        </button>
      </form>
      <ErrorAlert error={report.error} />
      {data ? (
        <>
          <p className="text-bold">
            {data.reportingCount} of {data.licensedCount} licensed insurers reported from {data.from} to {data.to}; {data.totals.claimsReported} claims,{' '}
            {data.totals.matches} matches, {data.totals.notices} notices, {formatCents(data.totals.remittedCents)} remitted.
          </p>
          <p>
            <a className="usa-link" href={`/api/intercept/compliance.xlsx?${new URLSearchParams(period).toString()}`} download>
              Download the compliance report (XLSX)
            </a>
          </p>
          <BarChart title="Dollars remitted by insurer" bars={data.insurers.map((i) => ({ label: i.name, value: i.remittedCents }))} format={formatCents} />
          <BarChart
            title="Share of months with a claim file"
            bars={data.insurers.map((i) => ({ label: i.name, value: Math.round(i.reportingShare * 100) }))}
            format={(v) => `${v}%`}
          />
          <TableRegion label="Per insurer">
            <table className="usa-table usa-table--compact width-full" data-testid="compliance">
              <caption>Per insurer</caption>
              <TableHead
                columns={[
                  'Insurer',
                  'Files',
                  'Months with a file',
                  'Claims',
                  'Matches',
                  'Notices',
                  'Answered',
                  'Remitted',
                  'Days to notice',
                  'Days to remittance',
                ]}
              />
              <tbody>
                {data.insurers.map((i) => (
                  <tr key={i.insurerId}>
                    <th scope="row">{i.name}</th>
                    <td>{i.filesReceived}</td>
                    <td>{Math.round(i.reportingShare * 100)}%</td>
                    <td>{i.claimsReported}</td>
                    <td>{i.matches}</td>
                    <td>{i.notices}</td>
                    <td>{i.noticesAnswered}</td>
                    <td>{formatCents(i.remittedCents)}</td>
                    <td>{i.averageDaysMatchToNotice ?? '—'}</td>
                    <td>{i.averageDaysNoticeToRemittance ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <h3>Licensed insurers that sent no file</h3>
          {data.notReporting.length === 0 ? (
            <p>Every licensed insurer reported.</p>
          ) : (
            <ul className="usa-list" data-testid="not-reporting">
              {data.notReporting.map((i) => (
                <li key={i.insurerId}>
                  {i.name} (NAIC {i.naicCode})
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}

export function Outreach({ canPost }: { canPost: boolean }) {
  const queryClient = useQueryClient();
  const log = useQuery({ queryKey: ['intercept-outreach'], queryFn: () => must(client.GET('/api/intercept/outreach')) });
  const [form, setForm] = useState({ subject: '', body: '' });
  const post = useMutation({
    mutationFn: () => must(client.POST('/api/intercept/outreach', { body: { kind: 'bulletin', ...form, sentOn: todayInCalifornia() } })),
    onSuccess: async () => {
      setForm({ subject: '', body: '' });
      await queryClient.invalidateQueries({ queryKey: ['intercept-outreach'] });
    },
  });
  return (
    <section aria-labelledby="outreach-heading">
      <h2 id="outreach-heading">{canPost ? 'Outreach and bulletins' : 'Bulletins from the department'}</h2>
      <ErrorAlert error={log.error} />
      {log.data && log.data.length === 0 ? <p>Nothing yet.</p> : null}
      <ul className="usa-list" data-testid="outreach">
        {log.data?.map((e) => (
          <li key={e.id}>
            <strong>{e.subject}</strong> ({e.kind}, {e.sentOn}
            {e.insurerName ? `, to ${e.insurerName}` : ', to every insurer'}): {e.body}
          </li>
        ))}
      </ul>
      {canPost ? (
        <ActionForm
          id="post-bulletin"
          heading="h3"
          title="Post a bulletin to every insurer"
          submitLabel="Post bulletin"
          isPending={post.isPending}
          error={post.error}
          status={post.isSuccess ? 'Bulletin posted.' : ''}
          onSubmit={() => post.mutate()}
        >
          <TextField id="bulletin-subject" label="Subject" required {...bind(form, setForm, 'subject')} />
          <label className="usa-label" htmlFor="bulletin-body">
            Message
          </label>
          <textarea className="usa-textarea" id="bulletin-body" required {...bind(form, setForm, 'body')} />
        </ActionForm>
      ) : null}
    </section>
  );
}
