/**
 * Each person's home is their work: the queues their role works with how many wait, how many are
 * overdue and the next deadline, a chart of the same figures, and what they did last. A partner has no
 * home here: it lands on its portal (an insurer on Insurance intercept, a title company on Payoffs).
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import type { Home } from '../../../../src/platform/work/contract';
import { client, must } from '../../api';
import { BarChart } from '../../components/BarChart';
import { ErrorAlert, Loading, Page } from '../../components/Page';
import { landingOf, useSession } from '../../session';
import { TableRegion } from '../../components/Table';

export function HomePage() {
  const session = useSession();
  const navigate = useNavigate();
  const landing = landingOf(session.data);
  useEffect(() => {
    if (landing !== '/') void navigate({ to: landing, replace: true });
  }, [landing, navigate]);
  const home = useQuery({ queryKey: ['home'], queryFn: () => must(client.GET('/api/home')), enabled: landing === '/', refetchInterval: 60_000 });
  if (landing !== '/') return <Loading what="your portal" />;
  const user = session.data?.user;
  return (
    <Page title={`Welcome, ${user?.displayName ?? ''}`} intro={user ? `${user.roleLabel}: what waits for you today, most urgent first.` : undefined}>
      <ErrorAlert error={home.error} />
      {home.isPending ? <Loading what="your work" /> : null}
      {home.data ? <Work home={home.data} /> : null}
    </Page>
  );
}

const longDate = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const when = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'America/Los_Angeles' });

function Work({ home }: { home: Home }) {
  // Overdue first, then the nearest deadline, then the longest queue.
  const queues = [...home.queues].sort((a, b) => b.overdue - a.overdue || (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999') || b.open - a.open);
  const overdue = queues.reduce((n, q) => n + q.overdue, 0);
  return (
    <>
      <h2>Queues</h2>
      {queues.length === 0 ? <p>Your role works no queues. The navigation has what you can open.</p> : null}
      {overdue > 0 ? (
        <div className="usa-alert usa-alert--warning usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {overdue} {overdue === 1 ? 'item is' : 'items are'} past {overdue === 1 ? 'its' : 'their'} deadline.
            </p>
          </div>
        </div>
      ) : null}
      <ul className="usa-card-group" aria-label="Your queues">
        {queues.map((q) => (
          <li key={q.key} className="usa-card tablet:grid-col-6 desktop:grid-col-4" data-testid={`queue-${q.key}`}>
            <div className="usa-card__container">
              <div className="usa-card__header">
                <h3 className="usa-card__heading">{q.label}</h3>
              </div>
              <div className="usa-card__body">
                <p className="font-sans-2xl text-bold margin-y-0" aria-label={`${q.open} waiting`}>
                  {q.open}
                </p>
                <p className="margin-top-05">
                  {q.overdue > 0 ? <span className="usa-tag bg-secondary-dark">{q.overdue} overdue</span> : q.open > 0 ? 'None overdue' : 'Nothing waiting'}
                  {q.nextDue ? <span className="display-block margin-top-05">Next deadline {longDate.format(new Date(`${q.nextDue}T00:00:00Z`))}</span> : null}
                </p>
              </div>
              <div className="usa-card__footer">
                <Link to={q.href} className="usa-button usa-button--outline" aria-label={`Open ${q.label}`}>
                  Open
                </Link>
              </div>
            </div>
          </li>
        ))}
      </ul>
      {queues.length > 0 ? (
        <BarChart title="Waiting in each queue" bars={queues.map((q) => ({ label: q.label, value: q.open }))} format={(v) => String(v)} />
      ) : null}
      <h2>Your recent activity</h2>
      {home.recent.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <TableRegion label="Your last actions, newest first">
          <table className="usa-table usa-table--borderless usa-table--stacked width-full">
            <caption className="usa-sr-only">Your last actions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Record</th>
              </tr>
            </thead>
            <tbody>
              {home.recent.map((r, i) => (
                <tr key={i}>
                  <td data-label="When">{when.format(new Date(r.occurredAt))}</td>
                  <td data-label="What">{r.action.replaceAll('_', ' ').replaceAll('.', ' · ')}</td>
                  <td data-label="Record">
                    {r.entityType === 'case' && r.entityId ? (
                      <Link to="/cases/$caseId" params={{ caseId: r.entityId }}>
                        Open the case
                      </Link>
                    ) : (
                      r.entityType.replaceAll('_', ' ')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}
