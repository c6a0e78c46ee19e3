/** The case's activity timeline (from the audit log): what was done to the case and its records, newest first, by whom. */
import { useQuery } from '@tanstack/react-query';
import { client, must } from '../../api';
import { ErrorAlert } from '../../components/Page';

/** Words for the actions a caseworker meets on a case; any other is shown as recorded. */
const actionWords: Record<string, string> = {
  'case.create': 'Case opened',
  'order.create': 'Order recorded',
  'case.assistance_period.add': 'Assistance period recorded',
  'finance.collection.post': 'Collection posted',
  'finance.collection.post_obligor': 'Collection posted (obligor’s lump sum)',
  'finance.adjustment.propose': 'Adjustment proposed',
  'finance.audit_request.log': 'Audit request or complaint logged',
  'liens.release_all': 'Every lien released',
  'liens.release.recorded': 'Release recorded by the county',
};

export function CaseActivity({ caseId }: { caseId: string }) {
  const activity = useQuery({
    queryKey: ['activity', caseId],
    queryFn: () => must(client.GET('/api/cases/{id}/activity', { params: { path: { id: caseId } } })),
  });
  return (
    <section aria-labelledby="activity-heading" id="activity">
      <h2 id="activity-heading">Activity</h2>
      <ErrorAlert error={activity.error} />
      {activity.data && activity.data.length === 0 ? <p>No change to this case or its records is in the audit log yet.</p> : null}
      <ol className="usa-list usa-list--unstyled" data-testid="case-activity">
        {activity.data?.map((entry) => (
          <li key={entry.id} className="border-left-05 border-base-light padding-left-2 padding-y-1">
            <strong>{actionWords[entry.action] ?? entry.action.replace(/[._]/g, ' ')}</strong>
            {entry.outcome === 'failed' ? ' (refused)' : ''}
            <span className="display-block">
              {new Date(entry.occurredAt).toLocaleString('en-US', { timeZone: 'America/Los_Angeles', dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
              {entry.actorName ?? entry.actorRole.replace(/_/g, ' ')}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
