import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { client, must } from '../../api';
import { formatCents } from '../../components/money';
import { AdjustmentsView, AuditRequestsView, LedgerView, PaymentsView, StatementSummary } from '../finance/CaseFinance';
import { PostCollectionForm } from '../finance/PostCollectionForm';
import { ObligorLiens } from '../liens/ObligorLiens';
import { Bankruptcies } from './Bankruptcies';
import { CaseActivity } from './CaseActivity';
import { TableHead, TableRegion } from '../../components/Table';
import { ErrorAlert, Loading, Page } from '../../components/Page';
import { hasPermission, useSession } from '../../session';

import { OrderTermRows, roleLabel } from './PersonPage';

export function CaseDetailPage({ caseId }: { caseId: string }) {
  const session = useSession();
  const [isRevealing, setRevealing] = useState(false);
  const account = useQuery({ queryKey: ['account', caseId], queryFn: () => must(client.GET('/api/cases/{id}/account', { params: { path: { id: caseId } } })) });
  const detail = useQuery({
    queryKey: ['case', caseId, isRevealing],
    queryFn: () => must(client.GET('/api/cases/{id}', { params: { path: { id: caseId }, query: { reveal: isRevealing ? 'ssn' : undefined } } })),
  });
  if (detail.isPending) return <Loading what="the case" />;
  if (detail.error) return <ErrorAlert error={detail.error} />;
  const c = detail.data;
  const obligor = c.participants.find((p) => p.role === 'obligor');
  return (
    <Page
      title={`Case ${c.caseNumber}`}
      intro={`${c.lcsaId} · county ${c.countyFips} · ${c.status} · opened ${c.openedOn}${c.closedOn ? ` · closed ${c.closedOn}` : ''}`}
    >
      <nav aria-label="On this case" className="margin-bottom-2">
        <ul className="concord-pager">
          {[
            ['#people', 'People'],
            ['#orders', 'Court orders'],
            ['#account', 'Account'],
            ['#payments', 'Payments'],
            ['#activity', 'Activity'],
          ].map(([href, label]) => (
            <li key={href}>
              <a className="usa-link" href={href}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2 id="people">People</h2>
      {hasPermission(session.data, 'pii.reveal') ? (
        <button type="button" className="usa-button usa-button--secondary usa-button--small" onClick={() => setRevealing(!isRevealing)}>
          {isRevealing ? 'Mask SSNs' : 'Reveal SSNs (recorded in the audit log)'}
        </button>
      ) : null}
      <TableRegion label="People in the case">
        <table className="usa-table width-full">
          <caption>People in the case</caption>
          <TableHead columns={['Role', 'Name', 'Date of birth', 'SSN', 'Address']} />
          <tbody>
            {c.participants.map((p) => (
              <tr key={`${p.id}-${p.role}`}>
                <td>{roleLabel[p.role]}</td>
                <th scope="row">
                  <Link to="/people/$personId" params={{ personId: p.id }} className="usa-link">
                    {p.lastName}, {p.firstName} {p.middleName ?? ''}
                  </Link>
                </th>
                <td>{p.dateOfBirth ?? '—'}</td>
                <td className="text-no-wrap">{p.ssn ?? '—'}</td>
                <td>
                  {p.hasFamilyViolenceFlag ? <span className="usa-tag bg-secondary-dark margin-right-1">Family violence: address confidential</span> : null}
                  {p.address.join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <h2>Assistance history</h2>
      {c.assistance.length === 0 ? (
        <p>Never assisted.</p>
      ) : (
        <ul className="usa-list">
          {c.assistance.map((a) => (
            <li key={`${a.program}-${a.startsOn}`}>
              {a.program === 'calworks' ? 'CalWORKs' : a.program === 'medi_cal' ? 'Medi-Cal' : 'Foster care'}: {a.startsOn} to {a.endsOn ?? 'now'}
              {a.program === 'calworks'
                ? a.monthlyGrantCents === null
                  ? ', grant not recorded'
                  : `, grant ${formatCents(a.monthlyGrantCents)} a month`
                : null}
            </li>
          ))}
        </ul>
      )}
      <h2 id="orders">Court orders</h2>
      {c.orders.length === 0 ? <p>No order yet.</p> : null}
      {c.orders.map((o) => (
        <TableRegion key={o.id} label={`Order ${o.courtOrderNumber}`}>
          <table className="usa-table width-full">
            <caption>
              <Link to="/cases/$caseId/orders/$orderId" params={{ caseId, orderId: o.id }} className="usa-link">
                Order {o.courtOrderNumber}
              </Link>{' '}
              ({o.orderType.replace('_', ' ')}), issued {o.issuedOn}
            </caption>
            <OrderTermRows terms={o.terms} />
          </table>
        </TableRegion>
      ))}
      <h2 id="account">Account</h2>
      {hasPermission(session.data, 'finance.post') ? <PostCollectionForm caseId={caseId} /> : null}
      <ErrorAlert error={account.error} />
      {account.data ? (
        <>
          <StatementSummary caseId={caseId} account={account.data} />
          <TableRegion label="Account month by month">
            <table className="usa-table usa-table--compact width-full">
              <caption>Month by month, last 12 months, as of {account.data.asOf}</caption>
              <TableHead columns={['Month', 'Ordered', 'Collected', 'Interest charged', 'Principal owed', 'Interest owed']} />
              <tbody>
                {account.data.months.slice(-12).map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td>{formatCents(m.orderedCents)}</td>
                    <td>{formatCents(m.collectedCents)}</td>
                    <td>{formatCents(m.interestChargedCents)}</td>
                    <td>{formatCents(m.principalBalanceCents)}</td>
                    <td>{formatCents(m.interestBalanceCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      ) : null}
      <PaymentsView caseId={caseId} />
      <LedgerView caseId={caseId} />
      <AdjustmentsView caseId={caseId} />
      <AuditRequestsView caseId={caseId} />
      {obligor ? <Bankruptcies personId={obligor.id} canRecord={hasPermission(session.data, 'registry.write')} /> : null}
      {obligor ? <ObligorLiens personId={obligor.id} /> : null}
      <CaseActivity caseId={caseId} />
    </Page>
  );
}
