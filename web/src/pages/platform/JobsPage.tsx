import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Job } from '../../../../src/platform/jobs/contract';
import { client, must } from '../../api';
import { TableHead, TableRegion } from '../../components/Table';
import { ErrorAlert, Loading, Page } from '../../components/Page';
import { hasPermission, useSession } from '../../session';

function percent(job: Job): number | null {
  return job.progressTotal ? Math.floor((100 * job.progressDone) / job.progressTotal) : null;
}

export function JobsPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const jobs = useQuery({
    queryKey: ['jobs'],
    queryFn: () => must(client.GET('/api/jobs', { params: { query: { limit: 50 } } })),
    refetchInterval: (query) => (query.state.data?.some((j) => j.status === 'running' || j.status === 'queued') ? 2_000 : 15_000),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => must(client.POST('/api/jobs/{id}/cancel', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
  const canManage = hasPermission(session.data, 'jobs.manage');
  return (
    <Page title="Jobs" intro="Background work and its progress. The list refreshes while jobs run.">
      <ErrorAlert error={jobs.error ?? cancel.error} />
      {jobs.isPending ? <Loading what="jobs" /> : null}
      {jobs.data && jobs.data.length === 0 ? <p>No jobs yet.</p> : null}
      {jobs.data && jobs.data.length > 0 ? (
        <TableRegion label="Recent jobs, newest first">
          <table className="usa-table width-full">
            <caption>Recent jobs, newest first</caption>
            <TableHead columns={['Job', 'Status', 'Progress', 'Started', ...(canManage ? ['Action'] : [])]} />
            <tbody>
              {jobs.data.map((job) => {
                const pct = percent(job);
                return (
                  <tr key={job.id}>
                    <th scope="row">{job.kind}</th>
                    <td>
                      {job.status}
                      {job.lastError ? ` (last error: ${job.lastError})` : ''}
                    </td>
                    <td>
                      <label className="usa-sr-only" htmlFor={`progress-${job.id}`}>
                        Progress of {job.kind}
                      </label>
                      <progress id={`progress-${job.id}`} max={job.progressTotal ?? 1} value={job.progressTotal ? job.progressDone : undefined} />{' '}
                      {pct === null ? job.progressDone : `${pct}%`} {job.progressNote ?? ''}
                    </td>
                    <td>{new Date(job.createdAt).toLocaleString()}</td>
                    {canManage ? (
                      <td>
                        {job.status === 'queued' || job.status === 'running' ? (
                          <button type="button" className="usa-button usa-button--unstyled" onClick={() => cancel.mutate(job.id)}>
                            Cancel<span className="usa-sr-only"> {job.kind}</span>
                          </button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </Page>
  );
}
