import { useMutation, useQueryClient } from '@tanstack/react-query';
import { jobStatusNames, type Job } from '../../../../src/platform/jobs/contract';
import { client, must, type Query } from '../../api';
import { ListView, type ListColumn } from '../../components/ListView';
import { ErrorAlert, Page } from '../../components/Page';
import { hasPermission, useSession } from '../../session';

function percent(job: Job): number | null {
  return job.progressTotal ? Math.floor((100 * job.progressDone) / job.progressTotal) : null;
}

const isActive = (job: Job) => job.status === 'running' || job.status === 'queued';

const jobColumns: ListColumn<Job>[] = [
  { key: 'kind', header: 'Job', sortable: true, cell: (job) => job.kind },
  {
    key: 'status',
    header: 'Status',
    sortable: true,
    cell: (job) => `${job.status}${job.isCancelRequested && isActive(job) ? ' (cancelling)' : ''}${job.lastError ? ` (last error: ${job.lastError})` : ''}`,
  },
  {
    key: 'progress',
    header: 'Progress',
    cell: (job) => {
      const pct = percent(job);
      return (
        <>
          <label className="usa-sr-only" htmlFor={`progress-${job.id}`}>
            Progress of {job.kind}
          </label>
          <progress id={`progress-${job.id}`} max={job.progressTotal ?? 1} value={job.progressTotal ? job.progressDone : undefined} />{' '}
          {pct === null ? job.progressDone : `${pct}%`} {job.progressNote ?? ''}
        </>
      );
    },
  },
  { key: 'createdAt', header: 'Queued', sortable: true, cell: (job) => new Date(job.createdAt).toLocaleString('en-US') },
  { key: 'finishedAt', header: 'Finished', sortable: true, cell: (job) => (job.finishedAt ? new Date(job.finishedAt).toLocaleString('en-US') : '—') },
];

export function JobsPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: (id: string) => must(client.POST('/api/jobs/{id}/cancel', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jobs'] }),
  });
  const canManage = hasPermission(session.data, 'jobs.manage');
  const columns: ListColumn<Job>[] = canManage
    ? [
        ...jobColumns,
        {
          key: 'action',
          header: 'Action',
          cell: (job) =>
            isActive(job) && !job.isCancelRequested ? (
              <button type="button" className="usa-button usa-button--unstyled" onClick={() => cancel.mutate(job.id)}>
                Cancel<span className="usa-sr-only"> {job.kind}</span>
              </button>
            ) : null,
        },
      ]
    : jobColumns;
  return (
    <Page title="Jobs" intro="Background work and its progress. The list refreshes while jobs run.">
      <ErrorAlert error={cancel.error} />
      <ListView
        id="jobs"
        noun="jobs"
        exportPath="/api/jobs"
        columns={columns}
        filters={[{ name: 'status', label: 'Status', options: [{ value: '', label: 'Any status' }, ...jobStatusNames.map((s) => ({ value: s, label: s }))] }]}
        searchLabel="Job kind"
        queryKey={['jobs', 'list']}
        load={(query) => must(client.GET('/api/jobs', { params: { query: query as unknown as Query<'/api/jobs'> } }))}
        rowKey={(job) => job.id}
        refetchInterval={(page) => (page?.items.some(isActive) ? 2_000 : 15_000)}
      />
    </Page>
  );
}
