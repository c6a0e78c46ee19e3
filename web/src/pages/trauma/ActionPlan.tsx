/** The multi-year action plan: phases by stage, actions drawn from a gap or written fresh, and their status. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActionPlan, Gap } from '../../../../src/modules/trauma/contract';
import { client, must, type Body } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { ErrorAlert } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { bind, field } from '../../components/bind';
import { useAction } from '../../components/useAction';
import { enteredDate } from '../../components/dates';

export const stageLabels: Record<string, string> = {
  trauma_aware: 'Trauma aware',
  trauma_sensitive: 'Trauma sensitive',
  trauma_responsive: 'Trauma responsive',
  trauma_informed: 'Trauma informed',
};
const statusLabels: Record<string, string> = { planned: 'Planned', in_progress: 'In progress', done: 'Done', deferred: 'Deferred' };
function NewAction({ plan, from }: { plan: ActionPlan; from: { gap: Gap; campaignId: string } | null }) {
  const [draft, setDraft] = useState({ title: '', owner: '', dueOn: '', phaseId: '', courses: '' });
  const title = draft.title || (from ? `Close the gap in ${from.gap.label}` : '');
  const create = useAction(
    () =>
      must(
        client.POST('/api/trauma/actions', {
          body: {
            phaseId: draft.phaseId || plan.phases[0]?.id || '',
            title,
            description: from ? `From the gap in ${from.gap.label}: ${from.gap.score.toFixed(2)} against a target of ${from.gap.target.toFixed(2)}.` : '',
            owner: draft.owner,
            dueOn: enteredDate('Due on', draft.dueOn),
            gap: from ? { kind: from.gap.kind, id: from.gap.id } : null,
            campaignId: from?.campaignId ?? null,
            courseCodes: draft.courses
              .split(',')
              .map((c) => c.trim())
              .filter(Boolean),
          },
        }),
      ),
    [['trauma']],
  );
  return (
    <ActionForm
      id="new-action"
      title={from ? `New action for the gap in ${from.gap.label}` : 'New action'}
      submitLabel="Add the action"
      isPending={create.isPending}
      error={create.error}
      status={create.data ? `Action “${create.data.title}” added to the plan.` : ''}
      onSubmit={() => create.mutate()}
    >
      <SelectField
        id="action-phase"
        label="Phase"
        {...bind(draft, setDraft, 'phaseId')}
        options={plan.phases.map((p) => ({ value: p.id, label: `${p.ordinal}. ${p.title} (${stageLabels[p.stage] ?? p.stage})` }))}
      />
      <TextField id="action-title" label="Action" required value={title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
      <TextField id="action-owner" label="Owner" required {...bind(draft, setDraft, 'owner')} />
      <TextField id="action-due" label="Due on" type="date" required {...bind(draft, setDraft, 'dueOn')} />
      <TextField
        id="action-courses"
        label="Required training courses"
        hint="Course codes, separated by commas (for example LEAD-400)"
        {...bind(draft, setDraft, 'courses')}
      />
    </ActionForm>
  );
}

export function ActionPlanSection({ canManage, from }: { canManage: boolean; from: { gap: Gap; campaignId: string } | null }) {
  const plan = useQuery({ queryKey: ['trauma', 'plan'], queryFn: () => must(client.GET('/api/trauma/action-plan')) });
  const change = useAction(
    ({ id, status }: { id: string; status: Body<'/api/trauma/actions/{id}/status'>['status'] }) =>
      must(client.POST('/api/trauma/actions/{id}/status', { params: { path: { id } }, body: { status } })),
    [['trauma']],
  );
  const p = plan.data;
  return (
    <section aria-labelledby="plan-heading" data-testid="action-plan">
      <h2 id="plan-heading">Action plan</h2>
      <ErrorAlert error={plan.error ?? change.error} />
      {p ? (
        <>
          <p>
            <label htmlFor="plan-progress">
              {p.percentComplete}% complete: {p.done} of {p.total} actions done
            </label>{' '}
            <progress id="plan-progress" max={100} value={p.percentComplete}>
              {p.percentComplete}%
            </progress>
          </p>
          {p.phases.map((phase) => (
            <TableRegion label={`Actions of phase ${phase.ordinal}`}>
              <table className="usa-table usa-table--borderless" key={phase.id}>
                <caption>
                  Phase {phase.ordinal}: {phase.title} — {stageLabels[phase.stage] ?? phase.stage}, {phase.startsOn} to {phase.endsOn} ({phase.percentComplete}%
                  done)
                </caption>
                <TableHead columns={['Action', 'Owner', 'Due', 'Status', 'Gap', 'Leadership training']} />
                <tbody>
                  {phase.actions.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">{a.title}</th>
                      <td>{a.owner}</td>
                      <td>
                        {a.dueOn}
                        {a.isOverdue ? ' (overdue)' : ''}
                      </td>
                      <td>
                        {canManage ? (
                          <SelectField
                            id={`status-${a.id}`}
                            label={`Status of “${a.title}”`}
                            {...field(a.status, (status) => change.mutate({ id: a.id, status }))}
                            options={Object.entries(statusLabels).map(([value, label]) => ({ value, label }))}
                          />
                        ) : (
                          statusLabels[a.status]
                        )}
                      </td>
                      <td>{a.gap?.label ?? '—'}</td>
                      <td>
                        {a.courses.length === 0
                          ? '—'
                          : a.courses.map((c) => (
                              <span key={c.code} className="display-block">
                                {c.code}: {c.completed} of {c.leaders} managers and supervisors{c.percent === null ? '' : ` (${c.percent}%)`}
                              </span>
                            ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          ))}
          <p role="status" aria-live="polite">
            {change.data ? `“${change.data.title}” is now ${statusLabels[change.data.status]?.toLowerCase()}.` : ''}
          </p>
          {canManage ? <NewAction key={from ? `${from.gap.kind}-${from.gap.id}` : 'blank'} plan={p} from={from} /> : null}
        </>
      ) : null}
    </section>
  );
}
