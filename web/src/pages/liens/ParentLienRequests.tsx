/**
 * Paying parents' payoff and release requests from the portal, in the LCSA: each with the parent's
 * recorded liens in every county, due by the payoff answer time; answered once, in words the parent reads
 * (a payoff with the amount that releases every lien and the last day it holds).
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { client, must, type Answer } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { optionalDate } from '../../components/dates';
import { formatCents, parseDollarsToCents } from '../../components/money';
import { ErrorAlert } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';

type ParentLienRequest = Answer<'/api/lien-parent-requests'>[number];
const key = ['liens', 'parent-requests'] as const;

export function ParentLienRequests() {
  const requests = useQuery({ queryKey: key, queryFn: () => must(client.GET('/api/lien-parent-requests', { params: { query: { open: true } } })) });
  return (
    <section aria-labelledby="parent-lien-requests-heading">
      <h2 id="parent-lien-requests-heading">Parents&apos; payoff and release requests</h2>
      <p>Asked by paying parents in the portal. Answer by the date shown; a release itself is made on the parent&apos;s page, with their liens.</p>
      <ErrorAlert error={requests.error} />
      {requests.data?.length === 0 ? <p>No parent&apos;s request waits for an answer.</p> : null}
      <ul className="usa-list usa-list--unstyled">
        {requests.data?.map((r) => (
          <li key={r.id} className="border-bottom border-base-lighter padding-y-2">
            <h3 className="font-sans-md margin-y-05">
              {r.kind === 'payoff' ? 'Payoff' : 'Release'} ·{' '}
              <Link to="/people/$personId" params={{ personId: r.personId }}>
                {`The parent and their liens (${r.liens.length})`}
              </Link>
            </h3>
            <p className="margin-y-05">
              Received {r.receivedOn} · <strong>answer by {r.dueBy}</strong>
            </p>
            {r.message ? <p className="margin-y-05">“{r.message}”</p> : null}
            <p className="margin-y-05">
              {r.liens.map((l) => `${l.countyName}: ${l.status.replace(/_/g, ' ')}${l.instrumentNumber ? ` (${l.instrumentNumber})` : ''}`).join('; ')}
            </p>
            <AnswerForm request={r} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function AnswerForm({ request }: { request: ParentLienRequest }) {
  const [answer, setAnswer] = useState('');
  const [amount, setAmount] = useState('');
  const [goodThrough, setGoodThrough] = useState('');
  const isPayoff = request.kind === 'payoff';
  const send = useAction(() => {
    const payoffCents = parseDollarsToCents(amount);
    if (isPayoff && payoffCents === null) throw new Error('Payoff amount: enter dollars and cents, for example 4123.45.');
    return must(
      client.POST('/api/lien-parent-requests/{id}/answer', {
        params: { path: { id: request.id } },
        body: isPayoff ? { answer, payoffCents: payoffCents ?? 0, goodThrough: optionalDate('Good through', goodThrough) } : { answer },
      }),
    );
  }, [key]);
  const id = `lien-answer-${request.id}`;
  return (
    <ActionForm
      id={id}
      title="Answer the parent"
      heading="h4"
      submitLabel="Send the answer"
      isPending={send.isPending}
      error={send.error}
      status={send.data ? `Answered${send.data.payoffCents !== null ? `: payoff ${formatCents(send.data.payoffCents)}` : ''}.` : ''}
      onSubmit={() => send.mutate()}
    >
      {isPayoff ? (
        <>
          <TextField id={`${id}-amount`} label="Payoff amount (releases every lien)" value={amount} onChange={(e) => setAmount(e.target.value)} required />
          <TextField id={`${id}-good-through`} label="Good through" type="date" value={goodThrough} onChange={(e) => setGoodThrough(e.target.value)} required />
        </>
      ) : null}
      <label className="usa-label" htmlFor={`${id}-text`}>
        Answer the parent reads
      </label>
      <textarea className="usa-textarea" id={`${id}-text`} value={answer} onChange={(e) => setAnswer(e.target.value)} maxLength={2000} />
    </ActionForm>
  );
}
