/**
 * The Strategic plan page for staff: the owner's check-ins due and the check-in form, overdue check-ins
 * for reviewers, every tactic with its progress and source, the live measures with a recompute (a
 * background job, its progress shown), tactic changes for plan managers, and the status report.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { MetricValue, StaffTactic } from '../../../../src/modules/plan/contract';
import type { Job } from '../../../../src/platform/jobs/contract';
import { api } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { bind } from '../../components/bind';
import { ErrorAlert, Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TableHead } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';
import { ProgressBar } from './ProgressGraphics';

const sourceLabels = { manual: 'Reported by the owner', milestones: 'Weighted milestones', metric: 'Live measure' };

function CheckInForm({ tactics }: { tactics: StaffTactic[] }) {
  const [draft, setDraft] = useState({ tacticId: '', statusText: '', percent: '', narrative: '' });
  const tactic = tactics.find((t) => t.id === (draft.tacticId || tactics[0]?.id));
  const save = useAction(
    () =>
      api<{ onDate: string }>(`/api/plan/tactics/${tactic!.id}/check-ins`, {
        method: 'POST',
        body: { statusText: draft.statusText, percentComplete: draft.percent === '' ? null : Number(draft.percent), narrative: draft.narrative },
      }),
    [['plan']],
  );
  if (!tactic) return null;
  return (
    <ActionForm
      id="check-in"
      title="Record a check-in"
      submitLabel="Save the check-in"
      isPending={save.isPending}
      error={save.error}
      status={save.data ? `Check-in saved on ${save.data.onDate}.` : ''}
      onSubmit={() => save.mutate()}
    >
      <SelectField id="check-in-tactic" label="Tactic" {...bind(draft, setDraft, 'tacticId')} options={tactics.map((t) => ({ value: t.id, label: t.title }))} />
      <p className="usa-hint">
        {sourceLabels[tactic.progressSource]}
        {tactic.progressSource === 'manual' ? ': the percent you enter is what the plan shows.' : `: the plan shows the measure (${tactic.basis}).`}
      </p>
      <TextField
        id="check-in-status"
        label="Current status"
        hint="For example: 70% completed, or Scheduled for spring"
        required
        {...bind(draft, setDraft, 'statusText')}
      />
      <TextField id="check-in-percent" label="Percent complete" type="number" min={0} max={100} {...bind(draft, setDraft, 'percent')} />
      <label className="usa-label" htmlFor="check-in-narrative">
        What happened since the last check-in
      </label>
      <textarea
        className="usa-textarea"
        id="check-in-narrative"
        required
        value={draft.narrative}
        onChange={(e) => setDraft({ ...draft, narrative: e.target.value })}
      />
    </ActionForm>
  );
}

function ChangeTactic({ tactics, metrics }: { tactics: StaffTactic[]; metrics: MetricValue[] }) {
  const [draft, setDraft] = useState({ tacticId: '', ownerEmail: '', progressSource: '', metricKey: '', target: '' });
  const tactic = tactics.find((t) => t.id === (draft.tacticId || tactics[0]?.id));
  const save = useAction(() => {
    const body: Record<string, unknown> = {};
    if (draft.ownerEmail) body.ownerEmail = draft.ownerEmail;
    if (draft.progressSource) body.progressSource = draft.progressSource;
    if (draft.metricKey) body.metricKey = draft.metricKey;
    if (draft.target) body.metricTarget = Number(draft.target) / 100;
    return api<{ id: string }>(`/api/plan/tactics/${tactic!.id}`, { method: 'POST', body });
  }, [['plan']]);
  if (!tactic) return null;
  return (
    <ActionForm
      id="change-tactic"
      title="Change a tactic’s owner or progress source"
      submitLabel="Save the change"
      isPending={save.isPending}
      error={save.error}
      status={save.data ? `“${tactic.title}” changed.` : ''}
      onSubmit={() => save.mutate()}
    >
      <SelectField
        id="change-tactic-id"
        label="Tactic"
        {...bind(draft, setDraft, 'tacticId')}
        options={tactics.map((t) => ({ value: t.id, label: t.title }))}
      />
      <TextField id="change-owner" label="Owner’s email" hint={`Now: ${tactic.ownerName ?? 'nobody'}`} type="email" {...bind(draft, setDraft, 'ownerEmail')} />
      <SelectField
        id="change-source"
        label="Progress from"
        {...bind(draft, setDraft, 'progressSource')}
        options={[
          { value: '', label: `Unchanged (${sourceLabels[tactic.progressSource]})` },
          ...Object.entries(sourceLabels).map(([value, label]) => ({ value, label })),
        ]}
      />
      <SelectField
        id="change-metric"
        label="Live measure"
        {...bind(draft, setDraft, 'metricKey')}
        options={[{ value: '', label: `Unchanged (${tactic.metricKey ?? 'none'})` }, ...metrics.map((m) => ({ value: m.key, label: m.label }))]}
      />
      <TextField
        id="change-target"
        label="Target (percent of the measure that counts as done)"
        type="number"
        min={1}
        max={100}
        {...bind(draft, setDraft, 'target')}
      />
    </ActionForm>
  );
}

function LiveMeasures({ metrics, canRefresh }: { metrics: MetricValue[]; canRefresh: boolean }) {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const refresh = useAction(() => api<{ jobId: string }>('/api/plan/metrics/refresh', { method: 'POST' }), []);
  const job = useQuery({
    queryKey: ['plan', 'job', jobId],
    queryFn: () => api<Job>(`/api/jobs/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data && !['queued', 'running'].includes(query.state.data.status) ? false : 500),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'succeeded') void queryClient.invalidateQueries({ queryKey: ['plan'] });
  }, [status, queryClient]);
  return (
    <section aria-labelledby="measures-heading">
      <h2 id="measures-heading">Live measures</h2>
      <table className="usa-table usa-table--borderless">
        <TableHead columns={['Measure', 'Module', 'Value', 'Computed on']} />
        <tbody>
          {metrics.map((m) => (
            <tr key={m.key}>
              <th scope="row">{m.label}</th>
              <td>{m.module}</td>
              <td>{m.value === null ? m.note : `${Math.round(m.value * 100)}% (${m.note})`}</td>
              <td>{m.computedOn ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canRefresh ? (
        <button
          type="button"
          className="usa-button usa-button--outline"
          disabled={refresh.isPending || status === 'queued' || status === 'running'}
          onClick={() => refresh.mutate(undefined, { onSuccess: (r) => setJobId(r.jobId) })}
        >
          Recompute live progress
        </button>
      ) : null}
      <ErrorAlert error={refresh.error ?? job.error} />
      <p role="status" aria-live="polite" data-testid="refresh-status">
        {job.data
          ? job.data.status === 'succeeded'
            ? `Recomputed: ${job.data.progressNote ?? ''}.`
            : `Recomputing… ${job.data.progressDone}${job.data.progressTotal ? ` of ${job.data.progressTotal}` : ''} (${job.data.status})`
          : ''}
      </p>
    </section>
  );
}

export function PlanPage() {
  const session = useSession();
  const canCheckIn = hasPermission(session.data, 'plan.checkin');
  const canReview = hasPermission(session.data, 'plan.review');
  const canManage = hasPermission(session.data, 'plan.manage');
  const tactics = useQuery({ queryKey: ['plan', 'tactics'], queryFn: () => api<StaffTactic[]>('/api/plan/tactics') });
  const metrics = useQuery({ queryKey: ['plan', 'metrics'], queryFn: () => api<MetricValue[]>('/api/plan/metrics') });
  const all = tactics.data ?? [];
  const mine = all.filter((t) => t.isMine);
  const overdue = all.filter((t) => t.isCheckInOverdue);
  return (
    <Page title="Strategic plan" intro="Goals, objectives and tactics, with progress from check-ins and from live programme data.">
      <p>
        <a className="usa-link" href="/strategic-plan">
          The public progress page
        </a>{' '}
        ·{' '}
        <a className="usa-link" href="/api/plan/report.xlsx">
          Status report (XLSX)
        </a>{' '}
        ·{' '}
        <a className="usa-link" href="/api/plan/report.pdf">
          Status report (PDF)
        </a>
      </p>
      <ErrorAlert error={tactics.error ?? metrics.error} />
      <section aria-labelledby="mine-heading" data-testid="my-tactics">
        <h2 id="mine-heading">My tactics</h2>
        {mine.length === 0 ? <p>You own no tactic.</p> : null}
        <ul className="usa-list">
          {mine.map((t) => (
            <li key={t.id}>
              <strong>{t.title}</strong>: {t.percent === null ? 'no percent yet' : `${t.percent}%`}; next check-in due {t.nextCheckInDue}
              {t.isCheckInOverdue ? ' (overdue)' : ''}.
            </li>
          ))}
        </ul>
        {canCheckIn && (mine.length > 0 || canManage) ? <CheckInForm tactics={mine.length > 0 ? mine : all} /> : null}
      </section>
      {canReview ? (
        <section aria-labelledby="overdue-heading">
          <h2 id="overdue-heading">Overdue check-ins</h2>
          <table className="usa-table usa-table--borderless" data-testid="overdue">
            <TableHead columns={['Tactic', 'Owner', 'Was due']} />
            <tbody>
              {overdue.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.title}</th>
                  <td>{t.ownerName ?? 'nobody'}</td>
                  <td>{t.nextCheckInDue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <section aria-labelledby="tactics-heading">
        <h2 id="tactics-heading">Tactics</h2>
        <table className="usa-table usa-table--borderless usa-table--stacked" data-testid="tactics">
          <TableHead columns={['Tactic', 'Owner', 'Progress', 'From', 'Last check-in']} />
          <tbody>
            {all.map((t) => (
              <tr key={t.id}>
                <th scope="row" data-label="Tactic">
                  {t.title}
                  <span className="display-block font-sans-3xs text-base-dark">{t.objectiveTitle}</span>
                </th>
                <td data-label="Owner">{t.ownerName ?? '—'}</td>
                <td data-label="Progress" style={{ minWidth: '12rem' }}>
                  <ProgressBar label={t.progressLabel} percent={t.percent} />
                </td>
                <td data-label="From">{t.basis}</td>
                <td data-label="Last check-in">{t.checkIns[0] ? `${t.checkIns[0].onDate}: ${t.checkIns[0].narrative}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {metrics.data ? <LiveMeasures metrics={metrics.data} canRefresh={canCheckIn} /> : null}
      {canManage && metrics.data ? <ChangeTactic tactics={all} metrics={metrics.data} /> : null}
    </Page>
  );
}
