/** The review queue by age, per LCSA: how long candidates wait, and what the purge (Ins. Code 13552) takes within a week. */
import { useQuery } from '@tanstack/react-query';
import { client, must } from '../../api';
import { ErrorAlert } from '../../components/Page';
import { TableHead, TableRegion } from '../../components/Table';

export function ReviewAgeing() {
  const ageing = useQuery({ queryKey: ['review-ageing'], queryFn: () => must(client.GET('/api/intercept/reviews/ageing')) });
  return (
    <section aria-labelledby="ageing-heading">
      <h2 id="ageing-heading">Review queue by age</h2>
      <ErrorAlert error={ageing.error} />
      {ageing.data ? (
        <p>
          A candidate nobody confirms within {ageing.data.purgeReviewAfterDays} days is purged like a claim that matched no one, and so is a matched claim whose
          notice was denied or released.
        </p>
      ) : null}
      {ageing.data && ageing.data.lcsas.length === 0 ? <p>No candidates waiting.</p> : null}
      {ageing.data && ageing.data.lcsas.length > 0 ? (
        <TableRegion label="Review queue by age">
          <table className="usa-table usa-table--compact" data-testid="review-ageing">
            <TableHead columns={['LCSA', '0–14 days', '15–30 days', '31–60 days', 'Over 60 days', 'Purged within 7 days', 'Oldest (days)']} />
            <tbody>
              {ageing.data.lcsas.map((r) => (
                <tr key={r.lcsaId}>
                  <th scope="row">{r.lcsaName}</th>
                  <td>{r.upTo14}</td>
                  <td>{r.upTo30}</td>
                  <td>{r.upTo60}</td>
                  <td>{r.over60}</td>
                  <td>{r.purgeWithin7Days}</td>
                  <td>{r.oldestDays ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
    </section>
  );
}
