/**
 * A person on their own page (`/people/:id`): who they are, masked as on a case, the cases in scope they
 * take part in, and — for an obligor — their bankruptcies and liens statewide. A court order has its own
 * page under its case (`/cases/:caseId/orders/:orderId`) with every term it has had.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { CaseDetail } from '../../../../src/modules/registry/contract';
import { client, must } from '../../api';
import { Facts } from '../../components/Facts';
import { formatCents } from '../../components/money';
import { RecordPage } from '../../components/Page';
import { TableHead, TableRegion } from '../../components/Table';
import { hasPermission, useSession } from '../../session';
import { ObligorLiens } from '../liens/ObligorLiens';
import { Bankruptcies } from './Bankruptcies';

export const roleLabel = { obligor: 'Obligor', custodial_party: 'Custodial party', child: 'Child' } as const;

export function PersonPage({ personId }: { personId: string }) {
  const session = useSession();
  const [isRevealing, setRevealing] = useState(false);
  const person = useQuery({
    queryKey: ['person', personId, isRevealing],
    queryFn: () => must(client.GET('/api/persons/{id}', { params: { path: { id: personId }, query: { reveal: isRevealing ? 'ssn' : undefined } } })),
  });
  const p = person.data;
  const isObligor = p?.cases.some((c) => c.role === 'obligor') ?? false;
  return (
    <RecordPage noun="Person" query={person} record={p} title={(p) => `${p.lastName}, ${p.firstName}${p.middleName ? ` ${p.middleName}` : ''}`}>
      {(p) => (
        <>
          <section aria-labelledby="person-facts">
            <h2 id="person-facts">Who they are</h2>
            {hasPermission(session.data, 'pii.reveal') && p.ssn ? (
              <button type="button" className="usa-button usa-button--secondary usa-button--small" onClick={() => setRevealing(!isRevealing)}>
                {isRevealing ? 'Mask the SSN' : 'Reveal the SSN (recorded in the audit log)'}
              </button>
            ) : null}
            <Facts
              testId="person-facts"
              facts={[
                ['Date of birth', p.dateOfBirth ?? 'Not recorded'],
                ['SSN', p.ssn ?? 'Not recorded'],
                [
                  'Address',
                  <>
                    {p.hasFamilyViolenceFlag ? <span className="usa-tag bg-secondary-dark margin-right-1">Family violence: address confidential</span> : null}
                    {p.address.join(', ') || 'Not recorded'}
                  </>,
                ],
              ]}
            />
          </section>
          <section aria-labelledby="person-cases">
            <h2 id="person-cases">Cases</h2>
            <TableRegion label="Cases this person takes part in">
              <table className="usa-table usa-table--compact width-full" data-testid="person-cases">
                <caption>Cases in your scope this person takes part in</caption>
                <TableHead columns={['Case', 'Part', 'LCSA', 'Status', 'Opened']} />
                <tbody>
                  {p.cases.map((c) => (
                    <tr key={`${c.id}-${c.role}`}>
                      <th scope="row">
                        <Link to="/cases/$caseId" params={{ caseId: c.id }} className="usa-link">
                          {c.caseNumber}
                        </Link>
                      </th>
                      <td>{roleLabel[c.role]}</td>
                      <td>{c.lcsaId}</td>
                      <td>{c.status === 'open' ? 'Open' : 'Closed'}</td>
                      <td>{c.openedOn}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </section>
          {isObligor ? <Bankruptcies personId={p.id} canRecord={hasPermission(session.data, 'registry.write')} /> : null}
          {isObligor ? <ObligorLiens personId={p.id} /> : null}
        </>
      )}
    </RecordPage>
  );
}

const reasonLabel = { original: 'Original order', modification: 'Modification', termination: 'Termination' } as const;

/** The head and rows of an order's terms, oldest first (the case page and the order's own page). */
export function OrderTermRows({ terms }: { terms: CaseDetail['orders'][number]['terms'] }) {
  return (
    <>
      <TableHead columns={['Effective from', 'Reason', 'Frequency', 'Amount per period']} />
      <tbody>
        {terms.map((t) => (
          <tr key={t.effectiveFrom}>
            <th scope="row">{t.effectiveFrom}</th>
            <td>{reasonLabel[t.reason]}</td>
            <td>{t.frequency.replace('_', '-')}</td>
            <td>{t.isReserved ? 'Reserved' : formatCents(t.amountCents)}</td>
          </tr>
        ))}
      </tbody>
    </>
  );
}

export function OrderPage({ caseId, orderId }: { caseId: string; orderId: string }) {
  const detail = useQuery({ queryKey: ['case', caseId, false], queryFn: () => must(client.GET('/api/cases/{id}', { params: { path: { id: caseId } } })) });
  const order = detail.data?.orders.find((o) => o.id === orderId);
  const current = order?.terms.at(-1);
  return (
    <RecordPage noun="Court order" query={detail} record={order} title={(order) => `Court order ${order.courtOrderNumber}`}>
      {(order) => (
        <>
          <Facts
            testId="order-facts"
            facts={[
              [
                'Case',
                <Link key="case" to="/cases/$caseId" params={{ caseId }} className="usa-link">
                  {detail.data?.caseNumber}
                </Link>,
              ],
              ['Type', order.orderType.replace(/_/g, ' ')],
              ['Court county', order.courtCountyFips],
              ['Issued on', order.issuedOn],
              current !== undefined && [
                'In force now',
                current.reason === 'termination'
                  ? `Terminated from ${current.effectiveFrom}`
                  : `${current.isReserved ? 'Reserved' : formatCents(current.amountCents)} ${current.frequency.replace('_', '-')}, from ${current.effectiveFrom}`,
              ],
            ]}
          />
          <TableRegion label="Every term of the order">
            <table className="usa-table usa-table--compact width-full" data-testid="order-terms">
              <caption>Every term of the order, oldest first</caption>
              <OrderTermRows terms={order.terms} />
            </table>
          </TableRegion>
        </>
      )}
    </RecordPage>
  );
}
