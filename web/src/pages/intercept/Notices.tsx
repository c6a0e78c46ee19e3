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
import { client, must, type Query } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { formatCents, parseDollarsToCents } from '../../components/money';
import { RecordPage } from '../../components/Page';
import { ListView, type ListColumn } from '../../components/ListView';
import { Facts } from '../../components/Facts';
import { hasPermission, useSession } from '../../session';
import { NoticeFollowUp } from './Contests';
import { SelectField } from '../../components/SelectField';
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

const noticeStatusOptions = [{ value: '', label: 'Any status' }, ...Object.entries(noticeStatusLabels).map(([value, label]) => ({ value, label }))];

function noticeColumns(isPartner: boolean): ListColumn<NoticeView>[] {
  return [
    {
      key: 'claimNumber',
      header: 'Claim',
      sortable: true,
      cell: (n) => (
        <Link to="/intercept/notices/$noticeId" params={{ noticeId: n.id }} className="usa-link">
          {n.claimNumber}
        </Link>
      ),
    },
    ...(isPartner ? [] : [{ key: 'insurer', header: 'Insurer', sortable: true, cell: (n: NoticeView) => n.insurerName }]),
    {
      key: 'claimant',
      header: 'Claimant',
      cell: (n) => (
        <>
          {n.claimantName}
          {n.obligorCase ? (
            <>
              <br />
              <Link to="/cases/$caseId" params={{ caseId: n.obligorCase.id }} className="usa-link">
                Case {n.obligorCase.caseNumber}
              </Link>
            </>
          ) : null}
        </>
      ),
    },
    { key: 'noticeDate', header: 'Notice date', sortable: true, cell: (n) => n.noticeDate },
    {
      key: 'withholdCents',
      header: 'Withhold',
      sortable: true,
      cell: (n) => (
        <>
          {formatCents(n.withholdCents)}
          {n.capRule === 'disability_50_percent' ? ' (50% cap)' : ''}
          {n.perPaymentBasisPoints !== null ? `; at most ${n.perPaymentBasisPoints / 100}% of each payment` : ''}
        </>
      ),
    },
    { key: 'status', header: 'Status', sortable: true, cell: noticeStatusText },
    { key: 'promisedCents', header: 'Promised', sortable: true, cell: (n) => formatCents(n.promisedCents) },
    { key: 'remittedCents', header: 'Received', sortable: true, cell: (n) => formatCents(n.remittedCents) },
  ];
}

/** Whether the insurer can still answer: not on a closed or held notice, more remittances until the amount is promised. */
export function isAnswerable(n: NoticeView): boolean {
  return !n.onHold && (n.status === 'issued' || n.status === 'will_withhold' || (n.status === 'remitted' && n.promisedCents < n.withholdCents));
}

/** Notices, paged and sorted by the server; each claim number opens the notice's own page, where it is answered or followed up. */
export function Notices({ isPartner }: { isPartner: boolean }) {
  return (
    <section aria-labelledby="notices-heading">
      <h2 id="notices-heading">{isPartner ? 'Notices to withhold' : 'Notices issued'}</h2>
      <p>Open a claim number to see the notice, its documents and {isPartner ? 'answer it' : 'record mailing, receipt and contests'}.</p>
      <ListView
        id="notices"
        noun="notices"
        exportPath="/api/intercept/notices"
        columns={noticeColumns(isPartner)}
        filters={[
          { name: 'status', label: 'Status', options: noticeStatusOptions },
          {
            name: 'onHold',
            label: 'Contest hold',
            options: [
              { value: '', label: 'Held or not' },
              { value: 'true', label: 'On hold (contested)' },
              { value: 'false', label: 'Not on hold' },
            ],
          },
        ]}
        searchLabel={isPartner ? 'Claim number' : 'Claim number or insurer'}
        queryKey={['intercept-notices', 'list']}
        load={(query) => must(client.GET('/api/intercept/notices', { params: { query: query as unknown as Query<'/api/intercept/notices'> } }))}
        rowKey={(n) => n.id}
      />
    </section>
  );
}

/** One notice on its own page: the facts, the documents, and what the reader can do next. */
export function NoticePage({ noticeId }: { noticeId: string }) {
  const session = useSession();
  const isPartner = Boolean(session.data?.user.partnerId);
  const isStaff = hasPermission(session.data, 'intercept.review');
  const notice = useQuery({
    queryKey: ['intercept-notices', noticeId],
    queryFn: () => must(client.GET('/api/intercept/notices/{id}', { params: { path: { id: noticeId } } })),
  });
  const n = notice.data;
  return (
    <RecordPage
      noun="Notice to withhold"
      query={notice}
      record={n}
      title={(n) => `Notice to withhold: claim ${n.claimNumber}`}
      back={{ to: '/intercept', label: 'All notices' }}
    >
      {(n) => (
        <>
          <section aria-labelledby="notice-facts">
            <h2 id="notice-facts">The notice</h2>
            <Facts
              testId="notice-facts"
              facts={[
                ['Status', noticeStatusText(n)],
                ['Insurer', n.insurerName],
                ['Claim', `${n.claimNumber} (${n.claimType.replace(/_/g, ' ')}, ${n.kind === 'periodic' ? 'periodic payments' : 'lump sum'})`],
                ['Claimant', n.claimantName],
                ['Notice date', n.noticeDate],
                ['Past-due support on the notice date', formatCents(n.pastDueCents)],
                [
                  'To withhold',
                  `${formatCents(n.withholdCents)}${n.capRule === 'disability_50_percent' ? ' (half of a disability payment at most)' : ''}${n.perPaymentBasisPoints !== null ? `; at most ${n.perPaymentBasisPoints / 100}% of each payment` : ''}`,
                ],
                ['Promised by the insurer', formatCents(n.promisedCents)],
                ['Received by the disbursement unit', formatCents(n.remittedCents)],
                ['Insurer copy mailed', n.insurerCopyMailedOn ?? 'Not recorded'],
                ['Insurer received it', n.insurerReceivedOn ?? 'Not recorded'],
                !isPartner && ['Parent copy mailed', n.obligorCopyMailedOn ?? 'Not recorded'],
                n.recheckOn !== null && ['12-month re-check', n.recheckOn],
                ['Reference to quote with a remittance', n.id],
                n.obligorCase !== null && [
                  "Obligor's case",
                  <Link key="case" to="/cases/$caseId" params={{ caseId: n.obligorCase.id }} className="usa-link">
                    Case {n.obligorCase.caseNumber}
                  </Link>,
                ],
              ]}
            />
            <h3>Documents</h3>
            <ul className="usa-list">
              <li>
                <a className="usa-link" href={`/api/intercept/notices/${n.id}/notice.pdf`} download>
                  Notice for claim {n.claimNumber} (PDF)
                </a>
              </li>
              {isPartner ? null : (
                <li>
                  <a className="usa-link" href={`/api/intercept/notices/${n.id}/obligor-copy.pdf`} download>
                    Obligor copy for claim {n.claimNumber} (PDF)
                  </a>
                </li>
              )}
            </ul>
          </section>
          {isPartner && isAnswerable(n) ? <AnswerForm notice={n} /> : null}
          {isStaff ? <NoticeFollowUp notice={n} /> : null}
        </>
      )}
    </RecordPage>
  );
}

/** This year to date, as the text of a From–To filter. */
