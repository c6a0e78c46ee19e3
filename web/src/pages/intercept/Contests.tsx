/**
 * Contests of notices, for LCSA staff: record one (received date, grounds, the documents the parent
 * sent) and the notice is on hold; decide it (upheld with a lower amount, upheld and released, or
 * denied) and send the letters. Also where staff record when each copy of a notice was mailed and when
 * the insurer received it.
 */
import { useState } from 'react';
import type { ContestDecision, ContestView, NewContest, NoticeDelivery, NoticeView } from '../../../../src/modules/intercept/contract';
import { client, must, type Query } from '../../api';
import { ListView, type ListColumn } from '../../components/ListView';
import { ActionForm } from '../../components/ActionForm';
import { field } from '../../components/bind';
import { enteredDate } from '../../components/dates';
import { formatCents, parseDollarsToCents } from '../../components/money';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';

const groundsLabels: Record<NewContest['grounds'], string> = {
  not_my_claim: 'Not my claim',
  amount_wrong: 'The amount is wrong',
  support_paid: 'The support is paid',
  exempt_payment: 'The payment is exempt',
  other: 'Other',
};
const statusLabels: Record<ContestView['status'], string> = {
  open: 'Open: notice on hold',
  upheld_amended: 'Upheld: notice amended',
  upheld_released: 'Upheld: notice released',
  denied: 'Denied: notice proceeds',
};
const refreshes = [['intercept-contests'], ['intercept-notices']] as const;
const openStatuses: NoticeView['status'][] = ['issued', 'will_withhold', 'remitted'];

function RecordContest({ notice }: { notice: NoticeView }) {
  const [receivedOn, setReceivedOn] = useState('');
  const [grounds, setGrounds] = useState<NewContest['grounds']>('amount_wrong');
  const [statement, setStatement] = useState('');
  const [documents, setDocuments] = useState('');
  const record = useAction(() => {
    const body: NewContest = {
      noticeId: notice.id,
      receivedOn: enteredDate('Contest received on', receivedOn),
      grounds,
      ...(statement.trim() ? { statement: statement.trim() } : {}),
      documents: documents
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean),
    };
    return must(client.POST('/api/intercept/contests', { body }));
  }, refreshes);
  // Kept on screen after a success (its notice is now on hold) so that the outcome stays announced.
  if (!(openStatuses.includes(notice.status) && !notice.onHold) && !record.isSuccess) return <p>This notice cannot be contested now.</p>;
  return (
    <ActionForm
      id="record-contest"
      title="Record a contest"
      submitLabel="Record contest"
      isPending={record.isPending}
      error={record.error}
      status={record.isSuccess ? `Contest recorded for claim ${record.data.claimNumber}: the notice is on hold.` : ''}
      onSubmit={() => record.mutate()}
    >
      <TextField id="contest-received" label="Contest received on" hint="MM/DD/YYYY" required {...field(receivedOn, setReceivedOn)} />
      <SelectField
        id="contest-grounds"
        label="Grounds"
        {...field(grounds, setGrounds)}
        options={Object.entries(groundsLabels).map(([value, label]) => ({ value, label }))}
      />
      <TextField id="contest-statement" label="What the parent says (optional)" {...field(statement, setStatement)} />
      <TextField id="contest-documents" label="Documents sent (optional)" hint="Separate them with semicolons" {...field(documents, setDocuments)} />
    </ActionForm>
  );
}

function DecideContest({ contest }: { contest: ContestView }) {
  const [decision, setDecision] = useState<ContestDecision['decision']>('denied');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const decide = useAction(() => {
    let body: ContestDecision;
    if (decision === 'upheld_amended') {
      const cents = parseDollarsToCents(amount);
      if (cents === null) throw new Error('New amount to withhold: enter dollars and cents.');
      body = { decision, amendedWithholdCents: cents, note };
    } else body = { decision, note };
    return must(client.POST('/api/intercept/contests/{id}/decision', { params: { path: { id: contest.id } }, body }));
  }, refreshes);
  const id = `decide-${contest.id.slice(0, 8)}`;
  return (
    <ActionForm
      id={id}
      heading="h4"
      title={`Decide the contest of claim ${contest.claimNumber}`}
      submitLabel="Record decision"
      isPending={decide.isPending}
      error={decide.error}
      status={decide.isSuccess ? `Contest of claim ${contest.claimNumber}: ${statusLabels[decide.data.status]}.` : ''}
      onSubmit={() => decide.mutate()}
    >
      <SelectField
        id={`${id}-decision`}
        label="Decision"
        {...field(decision, setDecision)}
        options={[
          { value: 'denied', label: 'Denied: the notice proceeds' },
          { value: 'upheld_amended', label: 'Upheld: lower the amount' },
          { value: 'upheld_released', label: 'Upheld: release the notice' },
        ]}
      />
      {decision === 'upheld_amended' ? (
        <TextField id={`${id}-amount`} label="New amount to withhold (dollars)" inputMode="decimal" required {...field(amount, setAmount)} />
      ) : null}
      <TextField id={`${id}-note`} label="Reason (goes on the parent's letter)" required minLength={3} {...field(note, setNote)} />
    </ActionForm>
  );
}

function RecordDelivery({ notice }: { notice: NoticeView }) {
  const [insurerMailed, setInsurerMailed] = useState('');
  const [obligorMailed, setObligorMailed] = useState('');
  const [received, setReceived] = useState('');
  const record = useAction(() => {
    const body: NoticeDelivery = {
      ...(insurerMailed ? { insurerCopyMailedOn: enteredDate('Insurer copy mailed on', insurerMailed) } : {}),
      ...(obligorMailed ? { obligorCopyMailedOn: enteredDate('Parent copy mailed on', obligorMailed) } : {}),
      ...(received ? { insurerReceivedOn: enteredDate('Insurer received it on', received) } : {}),
    };
    if (Object.keys(body).length === 0) throw new Error('Enter at least one date.');
    return must(client.POST('/api/intercept/notices/{id}/delivery', { params: { path: { id: notice.id } }, body }));
  }, refreshes);
  if (!openStatuses.includes(notice.status)) return null;
  return (
    <ActionForm
      id="record-delivery"
      title="Record mailing and receipt"
      submitLabel="Record dates"
      isPending={record.isPending}
      error={record.error}
      status={record.isSuccess ? `Dates recorded for claim ${record.data.claimNumber}.` : ''}
      onSubmit={() => record.mutate()}
    >
      <TextField id="delivery-insurer" label="Insurer copy mailed on (optional)" hint="MM/DD/YYYY" {...field(insurerMailed, setInsurerMailed)} />
      <TextField id="delivery-obligor" label="Parent copy mailed on (optional)" hint="MM/DD/YYYY" {...field(obligorMailed, setObligorMailed)} />
      <TextField
        id="delivery-received"
        label="Insurer received it on (optional)"
        hint="MM/DD/YYYY, from the return receipt. A claim paid before this day is not bound by the notice."
        {...field(received, setReceived)}
      />
    </ActionForm>
  );
}

const contestColumns: ListColumn<ContestView>[] = [
  { key: 'claimNumber', header: 'Claim', sortable: true, cell: (c) => c.claimNumber },
  { key: 'receivedOn', header: 'Received', sortable: true, cell: (c) => `${c.receivedOn}${c.isLate ? ` (after ${c.dueBy})` : ''}` },
  { key: 'grounds', header: 'Grounds', sortable: true, cell: (c) => groundsLabels[c.grounds] },
  { key: 'documents', header: 'Documents', cell: (c) => (c.documents.length > 0 ? c.documents.join('; ') : 'None') },
  {
    key: 'status',
    header: 'Status',
    sortable: true,
    cell: (c) => `${statusLabels[c.status]}${c.amendedWithholdCents !== null ? `: ${formatCents(c.amendedWithholdCents)}` : ''}`,
  },
  {
    key: 'letters',
    header: 'Letters',
    cell: (c) => (
      <>
        <a className="usa-link" href={`/api/intercept/contests/${c.id}/letter.pdf?to=insurer`} download>
          Letter to the insurer for claim {c.claimNumber} (PDF)
        </a>
        {c.status === 'open' ? null : (
          <>
            <br />
            <a className="usa-link" href={`/api/intercept/contests/${c.id}/letter.pdf?to=obligor`} download>
              Decision letter to the parent for claim {c.claimNumber} (PDF)
            </a>
          </>
        )}
      </>
    ),
  },
];

/** Contests, open first, each with its letters, and a decision form for those still open; of one notice, or all in scope. */
function ContestList({ noticeId }: { noticeId?: string }) {
  return (
    <ListView
      id="contests"
      noun="contests"
      exportPath="/api/intercept/contests"
      columns={contestColumns}
      filters={[
        {
          name: 'status',
          label: 'Status',
          options: [{ value: '', label: 'Any status' }, ...Object.entries(statusLabels).map(([value, label]) => ({ value, label }))],
        },
      ]}
      searchLabel={noticeId ? undefined : 'Claim number'}
      fixed={noticeId ? { noticeId } : {}}
      queryKey={['intercept-contests', noticeId ?? 'all']}
      load={(query) => must(client.GET('/api/intercept/contests', { params: { query: query as unknown as Query<'/api/intercept/contests'> } }))}
      rowKey={(c) => c.id}
      footer={(page) => page.items.filter((c) => c.status === 'open').map((c) => <DecideContest key={c.id} contest={c} />)}
    />
  );
}

export function Contests() {
  return (
    <section aria-labelledby="contests-heading">
      <h2 id="contests-heading">Contests and holds</h2>
      <p>A contest is recorded on its notice&apos;s page (open the claim number in the notices list).</p>
      <ContestList />
    </section>
  );
}

/** On a notice's page, for LCSA staff: its contests, when it was mailed and received, and a new contest. */
export function NoticeFollowUp({ notice }: { notice: NoticeView }) {
  return (
    <section aria-labelledby="follow-up-heading">
      <h2 id="follow-up-heading">Contests, mailing and receipt</h2>
      <ContestList noticeId={notice.id} />
      <RecordDelivery notice={notice} />
      <RecordContest notice={notice} />
    </section>
  );
}
