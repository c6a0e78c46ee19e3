/**
 * Notices of a matched claim: the insurer answers (will withhold, already paid, denied, remitted — a
 * promise, capped by the notice and, for periodic payments, by each payment); LCSA staff follow each to
 * the money the disbursement unit received, record when the copies were mailed and received, and see a
 * contested notice on hold.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { NoticeAnswer, NoticeView } from '../../../../src/modules/intercept/contract';
import { client, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { formatCents, parseDollarsToCents } from '../../components/money';
import { ErrorAlert } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';
import { enteredDate } from '../../components/dates';
import { field } from '../../components/bind';

const noticeStatusLabels: Record<NoticeView['status'], string> = {
  issued: 'Issued, no answer yet',
  will_withhold: 'Will withhold',
  already_paid: 'Paid after the notice',
  not_binding: 'Paid before the notice (not binding)',
  denied: 'Denied',
  remitted: 'Remitted',
  released: 'Released',
};

/** The status as a person reads it: a contested notice says it is on hold. */
export function noticeStatusText(n: NoticeView): string {
  return n.onHold ? `${noticeStatusLabels[n.status]} · on hold (contested)` : noticeStatusLabels[n.status];
}

function AnswerForm({ notice }: { notice: NoticeView }) {
  const [answer, setAnswer] = useState<NoticeAnswer['answer']>('will_withhold');
  const [date, setDate] = useState('');
  const [amount, setAmount] = useState('');
  const [gross, setGross] = useState('');
  const [note, setNote] = useState('');
  const isPeriodic = notice.kind === 'periodic';
  const send = useAction(() => {
    const cents = parseDollarsToCents(amount);
    if (answer === 'remitted' && !cents) throw new Error('Amount remitted: enter dollars and cents.');
    const grossCents = parseDollarsToCents(gross);
    if (answer === 'remitted' && isPeriodic && !grossCents) throw new Error('Gross payment: enter the payment the remittance was withheld from.');
    const body: NoticeAnswer =
      answer === 'remitted'
        ? { answer, amountCents: cents!, sentOn: enteredDate('Remittance sent on', date), ...(isPeriodic ? { paymentGrossCents: grossCents! } : {}) }
        : answer === 'already_paid'
          ? { answer, paidOn: enteredDate('Paid to the claimant on', date) }
          : answer === 'denied'
            ? { answer, note }
            : { answer };
    return must(client.POST('/api/intercept/notices/{id}/answers', { params: { path: { id: notice.id } }, body }));
  }, [['intercept-notices']]);
  const id = `answer-${notice.id.slice(0, 8)}`;
  return (
    <ActionForm
      id={id}
      heading="h4"
      title={`Answer notice for claim ${notice.claimNumber}`}
      submitLabel="Send answer"
      isPending={send.isPending}
      error={send.error}
      status={send.isSuccess ? `Answer recorded: ${noticeStatusText(send.data)}.` : ''}
      onSubmit={() => send.mutate()}
    >
      <SelectField
        id={`${id}-answer`}
        label="Answer"
        {...field(answer, setAnswer)}
        options={[
          { value: 'will_withhold', label: 'We will withhold' },
          { value: 'already_paid', label: 'Already paid to the claimant' },
          { value: 'denied', label: 'Claim denied' },
          { value: 'remitted', label: 'Remitted' },
        ]}
      />
      {answer === 'already_paid' || answer === 'remitted' ? (
        <TextField
          id={`${id}-date`}
          label={answer === 'remitted' ? 'Remittance sent on' : 'Paid to the claimant on'}
          hint="MM/DD/YYYY"
          required
          {...field(date, setDate)}
        />
      ) : null}
      {answer === 'remitted' ? (
        <TextField
          id={`${id}-amount`}
          label="Amount remitted (dollars)"
          hint={`Quote notice ${notice.id} with the payment to the State Disbursement Unit; it counts once the unit receives it.`}
          inputMode="decimal"
          required
          {...field(amount, setAmount)}
        />
      ) : null}
      {answer === 'remitted' && isPeriodic ? (
        <TextField
          id={`${id}-gross`}
          label="Gross payment (dollars)"
          hint={`At most ${(notice.perPaymentBasisPoints ?? 10_000) / 100}% of each payment may be withheld.`}
          inputMode="decimal"
          required
          {...field(gross, setGross)}
        />
      ) : null}
      {answer === 'denied' ? <TextField id={`${id}-note`} label="Why the claim was denied" required {...field(note, setNote)} /> : null}
    </ActionForm>
  );
}

export function Notices({ isPartner }: { isPartner: boolean }) {
  const notices = useQuery({ queryKey: ['intercept-notices'], queryFn: () => must(client.GET('/api/intercept/notices')) });
  // Answers the insurer can still give: none on a closed or held notice, more remittances until the amount is promised.
  const open =
    notices.data?.filter(
      (n) => !n.onHold && (n.status === 'issued' || n.status === 'will_withhold' || (n.status === 'remitted' && n.promisedCents < n.withholdCents)),
    ) ?? [];
  return (
    <section aria-labelledby="notices-heading">
      <h2 id="notices-heading">{isPartner ? 'Notices to withhold' : 'Notices issued'}</h2>
      <ErrorAlert error={notices.error} />
      {notices.data && notices.data.length === 0 ? <p>No notices.</p> : null}
      {notices.data && notices.data.length > 0 ? (
        <TableRegion label="Notices">
          <table className="usa-table usa-table--compact width-full" data-testid="notices">
            <caption>Newest first</caption>
            <TableHead columns={['Claim', 'Claimant', 'Notice date', 'Withhold', 'Status', 'Promised', 'Received', 'Documents']} />
            <tbody>
              {notices.data.map((n) => (
                <tr key={n.id}>
                  <th scope="row">{n.claimNumber}</th>
                  <td>
                    {n.claimantName}
                    {n.obligorCase ? (
                      <>
                        <br />
                        <Link to="/cases/$caseId" params={{ caseId: n.obligorCase.id }} className="usa-link">
                          Case {n.obligorCase.caseNumber}
                        </Link>
                      </>
                    ) : null}
                  </td>
                  <td>{n.noticeDate}</td>
                  <td>
                    {formatCents(n.withholdCents)}
                    {n.capRule === 'disability_50_percent' ? ' (50% cap)' : ''}
                    {n.perPaymentBasisPoints !== null ? `; at most ${n.perPaymentBasisPoints / 100}% of each payment` : ''}
                  </td>
                  <td>{noticeStatusText(n)}</td>
                  <td>{formatCents(n.promisedCents)}</td>
                  <td>{formatCents(n.remittedCents)}</td>
                  <td>
                    <a className="usa-link" href={`/api/intercept/notices/${n.id}/notice.pdf`} download>
                      Notice for claim {n.claimNumber} (PDF)
                    </a>
                    {isPartner ? null : (
                      <>
                        <br />
                        <a className="usa-link" href={`/api/intercept/notices/${n.id}/obligor-copy.pdf`} download>
                          Obligor copy for claim {n.claimNumber} (PDF)
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {isPartner ? open.map((n) => <AnswerForm key={n.id} notice={n} />) : null}
    </section>
  );
}

/** This year to date, as the text of a From–To filter. */
