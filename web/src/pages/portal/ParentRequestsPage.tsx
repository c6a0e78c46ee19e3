/**
 * Staff's side of the parents' portal: what parents asked for in the LCSA, open first. A safety concern
 * or an order review is confirmed or declined here with the answer the parent reads; an account audit
 * is worked in Finance's audit queue; a contact change was made when the parent saved it.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { client, must, type Answer } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { ErrorAlert, Loading, Page } from '../../components/Page';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';

type StaffRequest = Answer<'/api/portal/staff/requests'>[number];

const kindLabels: Record<StaffRequest['kind'], string> = {
  account_audit: 'Account audit (worked in Finance)',
  order_review: 'Review of the order amount',
  contact_update: 'Contact details changed',
  safety_concern: 'Safety concern',
  notice_contest: 'Insurance notice contested (worked in Insurance intercept)',
  lien_payoff: 'Lien payoff (answered in Liens)',
  lien_release: 'Lien release (answered in Liens)',
};
/** Kinds another module's staff work: only followed here. */
const workedElsewhere = new Set<StaffRequest['kind']>(['account_audit', 'notice_contest', 'lien_payoff', 'lien_release']);
const statusLabels: Record<StaffRequest['status'], string> = { received: 'Received', in_review: 'In review', done: 'Done', declined: 'Declined' };
const key = ['portal', 'staff', 'requests'] as const;

export function ParentRequestsPage() {
  const session = useSession();
  const [isOpenOnly, setOpenOnly] = useState(true);
  const requests = useQuery({
    queryKey: [...key, isOpenOnly],
    queryFn: () => must(client.GET('/api/portal/staff/requests', { params: { query: { open: isOpenOnly } } })),
  });
  const canDecide = hasPermission(session.data, 'registry.write');
  return (
    <Page title="Parents' requests" intro="What parents asked for in the portal, once. Answer in words the parent will read.">
      <div className="usa-checkbox margin-bottom-2">
        <input className="usa-checkbox__input" id="open-only" type="checkbox" checked={isOpenOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
        <label className="usa-checkbox__label" htmlFor="open-only">
          Open requests only
        </label>
      </div>
      <ErrorAlert error={requests.error} />
      {requests.isPending ? <Loading what="parents' requests" /> : null}
      {requests.data?.length === 0 ? <p>No requests wait for an answer.</p> : null}
      <ul className="usa-list usa-list--unstyled">
        {requests.data?.map((r) => (
          <li key={r.id} className="border-bottom border-base-lighter padding-y-2" data-testid={`parent-request-${r.id}`}>
            <h2 className="font-sans-md margin-y-05">
              {kindLabels[r.kind]} · <Link to="/cases/$caseId" params={{ caseId: r.caseId }}>{`Case ${r.caseNumber}`}</Link>
            </h2>
            <p className="margin-y-05">
              {r.parentRole === 'obligor' ? 'Paying parent' : 'Receiving parent'} · received {r.createdAt.slice(0, 10)} ·{' '}
              <strong>{statusLabels[r.status]}</strong>
            </p>
            {r.message ? <p className="margin-y-05">“{r.message}”</p> : null}
            {r.answer ? <p className="margin-y-05">Answer: {r.answer}</p> : null}
            {r.documents.length > 0 ? (
              <p className="margin-y-05">
                Attached by the parent:{' '}
                {r.documents.map((d, i) => (
                  <span key={d.id}>
                    {i > 0 ? ', ' : ''}
                    <a className="usa-link" href={`/api/portal/staff/requests/${r.id}/documents/${d.id}`} download={d.fileName}>
                      {`${d.fileName} (${Math.max(1, Math.round(d.bytes / 1024))} KB)`}
                    </a>
                  </span>
                ))}
              </p>
            ) : null}
            {canDecide && !workedElsewhere.has(r.kind) && (r.status === 'received' || r.status === 'in_review') ? <Decide request={r} /> : null}
          </li>
        ))}
      </ul>
    </Page>
  );
}

function Decide({ request }: { request: StaffRequest }) {
  const [answer, setAnswer] = useState('');
  const [decision, setDecision] = useState<'confirm' | 'decline'>('confirm');
  const decide = useAction(
    () => must(client.POST('/api/portal/staff/requests/{id}/decision', { params: { path: { id: request.id } }, body: { decision, answer } })),
    [key],
  );
  const id = `decide-${request.id}`;
  const isSafety = request.kind === 'safety_concern';
  return (
    <ActionForm
      id={id}
      title="Answer the parent"
      heading="h3"
      submitLabel={decision === 'confirm' ? (isSafety ? 'Confirm and protect' : 'Confirm') : 'Decline'}
      isPending={decide.isPending}
      error={decide.error}
      status={decide.isSuccess ? 'Answered.' : ''}
      onSubmit={() => decide.mutate()}
      confirm={
        isSafety && decision === 'confirm'
          ? {
              title: 'Protect this parent everywhere?',
              text: 'Their address will never leave Concord again, on every case and every notice.',
              confirmLabel: 'Protect',
            }
          : undefined
      }
    >
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">Decision</legend>
        <div className="usa-radio">
          <input
            className="usa-radio__input"
            id={`${id}-confirm`}
            type="radio"
            name={`${id}-decision`}
            checked={decision === 'confirm'}
            onChange={() => setDecision('confirm')}
          />
          <label className="usa-radio__label" htmlFor={`${id}-confirm`}>
            {isSafety ? 'Confirm: protect the address everywhere' : 'Confirm'}
          </label>
        </div>
        <div className="usa-radio">
          <input
            className="usa-radio__input"
            id={`${id}-decline`}
            type="radio"
            name={`${id}-decision`}
            checked={decision === 'decline'}
            onChange={() => setDecision('decline')}
          />
          <label className="usa-radio__label" htmlFor={`${id}-decline`}>
            Decline
          </label>
        </div>
      </fieldset>
      <label className="usa-label" htmlFor={`${id}-answer`}>
        Answer the parent reads
      </label>
      <textarea className="usa-textarea" id={`${id}-answer`} value={answer} onChange={(e) => setAnswer(e.target.value)} maxLength={2000} />
    </ActionForm>
  );
}
