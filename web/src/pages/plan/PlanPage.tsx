/**
 * The Strategic plan page for staff: the owner's check-ins due and the check-in form, overdue check-ins
 * for reviewers, every tactic with its progress and source, the live measures with a recompute (a
 * background job, its progress shown), editing and adding tactics for plan managers, and the status report.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { MetricValue, StaffTactic } from '../../../../src/modules/plan/contract';
import { client, must, type Body } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { bind, field } from '../../components/bind';
import { ErrorAlert, Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TableHead, TableRegion } from '../../components/Table';
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
      must(
        client.POST('/api/plan/tactics/{id}/check-ins', {
          params: { path: { id: tactic!.id } },
          body: { statusText: draft.statusText, percentComplete: draft.percent === '' ? null : Number(draft.percent), narrative: draft.narrative },
        }),
      ),
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
        {tactic.live
          ? `: the percent you enter is the published status; the live measure (${tactic.live.basis}) is shown beside it.`
          : ': the percent you enter is the published status.'}
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
      <textarea className="usa-textarea" id="check-in-narrative" required {...bind(draft, setDraft, 'narrative')} />
    </ActionForm>
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function TacticTexts({ draft, setDraft }: { draft: Record<string, string>; setDraft(next: Record<string, string>): void }) {
  return (
    <>
      <TextField id="tactic-title" label="Title" required {...bind(draft, setDraft, 'title')} />
      <TextField id="tactic-description" label="Description" {...bind(draft, setDraft, 'description')} />
      <TextField id="tactic-problem" label="Business problem or opportunity" {...bind(draft, setDraft, 'businessProblem')} />
      {(['outcomes', 'criticalSuccessFactors'] as const).map((key) => (
        <div key={key}>
          <label className="usa-label" htmlFor={`tactic-${key}`}>
            {key === 'outcomes' ? 'Business outcomes' : 'Critical success factors'} (one per line)
          </label>
          <textarea className="usa-textarea" id={`tactic-${key}`} {...bind(draft, setDraft, key)} />
        </div>
      ))}
      <TextField id="tactic-progress-label" label="Progress label" required {...bind(draft, setDraft, 'progressLabel')} />
      <TextField id="tactic-owner" label="Owner’s email" type="email" {...bind(draft, setDraft, 'ownerEmail')} />
    </>
  );
}

function texts(draft: Record<string, string>) {
  return {
    title: draft.title ?? '',
    description: draft.description ?? '',
    businessProblem: draft.businessProblem || null,
    outcomes: lines(draft.outcomes ?? ''),
    criticalSuccessFactors: lines(draft.criticalSuccessFactors ?? ''),
    progressLabel: draft.progressLabel ?? '',
  };
}

function EditTactic({ tactic, metrics }: { tactic: StaffTactic; metrics: MetricValue[] }) {
  const [draft, setDraft] = useState<Record<string, string>>({
    title: tactic.title,
    description: tactic.description,
    businessProblem: tactic.businessProblem ?? '',
    outcomes: tactic.outcomes.join('\n'),
    criticalSuccessFactors: tactic.criticalSuccessFactors.join('\n'),
    progressLabel: tactic.progressLabel,
    ownerEmail: '',
    statusText: tactic.published.statusText,
    progressSource: tactic.progressSource,
    metricKey: tactic.metricKey ?? '',
    target: tactic.metricTarget === null ? '' : String(Math.round(tactic.metricTarget * 100)),
  });
  const save = useAction(
    () =>
      must(
        client.POST('/api/plan/tactics/{id}', {
          params: { path: { id: tactic.id } },
          body: {
            ...texts(draft),
            statusText: draft.statusText,
            progressSource: draft.progressSource as Body<'/api/plan/tactics/{id}'>['progressSource'],
            metricKey: draft.metricKey || null,
            metricTarget: draft.target ? Number(draft.target) / 100 : null,
            ...(draft.ownerEmail ? { ownerEmail: draft.ownerEmail } : {}),
          },
        }),
      ),
    [['plan']],
  );
  return (
    <ActionForm
      id="edit-tactic"
      title={`Edit “${tactic.title}”`}
      submitLabel="Save the tactic"
      isPending={save.isPending}
      error={save.error}
      status={save.data ? 'Tactic saved.' : ''}
      onSubmit={() => save.mutate()}
    >
      <TacticTexts draft={draft} setDraft={setDraft} />
      <TextField id="tactic-status" label="Current status" required {...bind(draft, setDraft, 'statusText')} />
      <SelectField
        id="tactic-source"
        label="Progress from"
        {...bind(draft, setDraft, 'progressSource')}
        options={Object.entries(sourceLabels).map(([value, label]) => ({ value, label }))}
      />
      <SelectField
        id="tactic-metric"
        label="Live measure"
        {...bind(draft, setDraft, 'metricKey')}
        options={[{ value: '', label: 'None' }, ...metrics.map((m) => ({ value: m.key, label: m.label }))]}
      />
      <TextField
        id="tactic-target"
        label="Target (percent of the measure that counts as done)"
        type="number"
        min={1}
        max={100}
        {...bind(draft, setDraft, 'target')}
      />
    </ActionForm>
  );
}

function ManageTactics({ tactics, metrics, objectives }: { tactics: StaffTactic[]; metrics: MetricValue[]; objectives: { id: string; title: string }[] }) {
  const [tacticId, setTacticId] = useState('');
  const tactic = tactics.find((t) => t.id === (tacticId || tactics[0]?.id));
  const [draft, setDraft] = useState<Record<string, string>>({
    objectiveId: '',
    title: '',
    description: '',
    businessProblem: '',
    outcomes: '',
    criticalSuccessFactors: '',
    progressLabel: '',
    ownerEmail: '',
  });
  const add = useAction(
    () =>
      must(
        client.POST('/api/plan/objectives/{id}/tactics', {
          params: { path: { id: draft.objectiveId || objectives[0]?.id || '' } },
          body: { ...texts(draft), ownerEmail: draft.ownerEmail || null },
        }),
      ),
    [['plan']],
  );
  return (
    <section aria-labelledby="manage-heading">
      <h2 id="manage-heading">Edit the plan</h2>
      <SelectField id="edit-which" label="Tactic to edit" {...field(tacticId, setTacticId)} options={tactics.map((t) => ({ value: t.id, label: t.title }))} />
      {tactic ? <EditTactic key={tactic.id} tactic={tactic} metrics={metrics} /> : null}
      <ActionForm
        id="add-tactic"
        title="Add a tactic"
        submitLabel="Add the tactic"
        isPending={add.isPending}
        error={add.error}
        status={add.data ? 'Tactic added: it shows on the public page.' : ''}
        onSubmit={() => add.mutate()}
      >
        <SelectField
          id="add-objective"
          label="Objective"
          {...bind(draft, setDraft, 'objectiveId')}
          options={objectives.map((o) => ({ value: o.id, label: o.title }))}
        />
        <TacticTexts draft={draft} setDraft={setDraft} />
      </ActionForm>
    </section>
  );
}

function LiveMeasures({ metrics, canRefresh }: { metrics: MetricValue[]; canRefresh: boolean }) {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const refresh = useAction(() => must(client.POST('/api/plan/metrics/refresh')), []);
  const job = useQuery({
    queryKey: ['plan', 'job', jobId],
    queryFn: () => must(client.GET('/api/jobs/{id}', { params: { path: { id: jobId ?? '' } } })),
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
      <TableRegion label="Live measures">
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
      </TableRegion>
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
  const tactics = useQuery({ queryKey: ['plan', 'tactics'], queryFn: () => must(client.GET('/api/plan/tactics')) });
  const metrics = useQuery({ queryKey: ['plan', 'metrics'], queryFn: () => must(client.GET('/api/plan/metrics')) });
  const plan = useQuery({ queryKey: ['plan', 'public'], queryFn: () => must(client.GET('/api/plan/public')), enabled: canManage });
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
              <strong>{t.title}</strong>: published {t.published.percent === null ? 'with no percent yet' : `${t.published.percent}%`}
              {t.live ? `, live measure ${t.live.percent === null ? 'not available yet' : `${t.live.percent}%`}` : ''}; next check-in due {t.nextCheckInDue}
              {t.isCheckInOverdue ? ' (overdue)' : ''}.
            </li>
          ))}
        </ul>
        {canCheckIn && (mine.length > 0 || canManage) ? <CheckInForm tactics={mine.length > 0 ? mine : all} /> : null}
      </section>
      {canReview ? (
        <section aria-labelledby="overdue-heading">
          <h2 id="overdue-heading">Overdue check-ins</h2>
          <TableRegion label="Overdue check-ins">
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
          </TableRegion>
        </section>
      ) : null}
      <section aria-labelledby="tactics-heading">
        <h2 id="tactics-heading">Tactics</h2>
        <TableRegion label="Tactics">
          <table className="usa-table usa-table--borderless usa-table--stacked" data-testid="tactics">
            <TableHead columns={['Tactic', 'Owner', 'Published status', 'Live measure', 'Last check-in']} />
            <tbody>
              {all.map((t) => (
                <tr key={t.id}>
                  <th scope="row" data-label="Tactic">
                    {t.title}
                    <span className="display-block font-sans-3xs text-base-dark">{t.objectiveTitle}</span>
                  </th>
                  <td data-label="Owner">{t.ownerName ?? '—'}</td>
                  <td data-label="Published status" style={{ minWidth: '12rem' }}>
                    <ProgressBar heading={`Progress: ${t.progressLabel}`} percent={t.published.barPercent} />
                    <span className="font-sans-3xs text-base-dark">
                      {t.published.statusText} {t.published.asOf ? `(as of ${t.published.asOf})` : '(not yet reported)'}
                    </span>
                  </td>
                  <td data-label="Live measure" style={{ minWidth: '12rem' }}>
                    {t.live ? (
                      <>
                        <ProgressBar heading={t.live.source} percent={t.live.percent} />
                        <span className="font-sans-3xs text-base-dark">{t.live.basis}</span>
                      </>
                    ) : (
                      'Reported by the owner only'
                    )}
                  </td>
                  <td data-label="Last check-in">{t.checkIns[0] ? `${t.checkIns[0].onDate}: ${t.checkIns[0].narrative}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>
      {metrics.data ? <LiveMeasures metrics={metrics.data} canRefresh={canCheckIn} /> : null}
      {canManage && metrics.data && plan.data ? (
        <ManageTactics tactics={all} metrics={metrics.data} objectives={plan.data.goals.flatMap((g) => g.objectives)} />
      ) : null}
    </Page>
  );
}
