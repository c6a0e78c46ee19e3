/**
 * Lien payoffs. A title or escrow company requests a payoff here (the partner portal) and gets the
 * statewide payoff at once when the borrower's identifiers check out, with the demand letter to download;
 * staff enter demands that came by mail or fax, decide those under review, and the state disbursement
 * unit posts a payoff, which releases every lien of the obligor in one packet.
 */
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import type { DemandDocument, DemandDocumentView, NewPayoffDemand, PayoffDemandView } from '../../../../src/modules/liens/contract';
import { client, fileBody, must, type Query } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { formatCents, parseDollarsToCents } from '../../components/money';
import { ErrorAlert, Page, RecordPage } from '../../components/Page';
import { useSticky } from '../../components/useSticky';
import { Facts } from '../../components/Facts';
import { ListView, type ListColumn } from '../../components/ListView';
import { SelectField } from '../../components/SelectField';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';
import { bind, field } from '../../components/bind';
import { enteredDate } from '../../components/dates';

const documentLabels: Record<DemandDocument, string> = {
  letterhead: 'Request on company letterhead (phone and fax)',
  recorded_lien_copy: 'Copy of the recorded abstract or lien',
  borrower_authorization: "Borrower's authorization to release information",
  statement_of_information: 'Statement of information',
};

const emptyForm = {
  companyName: '',
  escrowNumber: '',
  propertyAddress: '',
  transactionType: 'sale',
  firstName: '',
  lastName: '',
  ssn: '',
  dateOfBirth: '',
  driversLicense: '',
  goodThrough: '',
  receivedOn: '',
};

function outcomeOf(demand: PayoffDemandView): string {
  if (demand.status === 'issued')
    return `Payoff issued for escrow ${demand.escrowNumber}: ${formatCents(demand.payoffCents ?? 0)} good through ${demand.goodThrough}, then ${formatCents(demand.perDiemCents ?? 0)} a day.`;
  if (demand.status === 'needs_review') return `Escrow ${demand.escrowNumber} is under review by the department; the answer is due by ${demand.dueBy}.`;
  return `Escrow ${demand.escrowNumber}: ${demand.status.replace('_', ' ')}.`;
}

function RequestForm({ isStaff }: { isStaff: boolean }) {
  const [form, setForm] = useState(emptyForm);
  const files = useRef<Partial<Record<DemandDocument, HTMLInputElement | null>>>({});
  const submit = useAction(async () => {
    const chosen = (Object.keys(documentLabels) as DemandDocument[]).flatMap((kind) => {
      const file = files.current[kind]?.files?.[0];
      return file ? [{ kind, file }] : [];
    });
    const documents = chosen.map((c) => c.kind);
    const body: NewPayoffDemand = {
      escrowNumber: form.escrowNumber,
      propertyAddress: form.propertyAddress,
      transactionType: form.transactionType as NewPayoffDemand['transactionType'],
      borrower: {
        firstName: form.firstName,
        lastName: form.lastName,
        ssn: form.ssn,
        dateOfBirth: enteredDate('Date of birth', form.dateOfBirth),
        ...(form.driversLicense ? { driversLicense: form.driversLicense } : {}),
      },
      documents,
      goodThrough: enteredDate('Good through (closing date)', form.goodThrough),
      ...(isStaff ? { companyName: form.companyName, ...(form.receivedOn ? { receivedOn: enteredDate('Received on', form.receivedOn) } : {}) } : {}),
    };
    let demand = await must(client.POST('/api/lien-payoffs', { body }));
    // Each document is uploaded as it is; the answer to the last upload is the demand as it now stands.
    for (const { kind, file } of chosen) {
      demand = await must(
        client.POST('/api/lien-payoffs/{id}/documents', {
          params: { path: { id: demand.id }, query: { kind, fileName: file.name } },
          ...fileBody(file, file.type || 'application/pdf'),
        }),
      );
    }
    return demand;
  }, [['payoffs']]);
  return (
    <ActionForm
      id="payoff-request"
      title={isStaff ? 'Enter a payoff demand' : 'Request a payoff'}
      heading="h3"
      submitLabel="Send the demand"
      isPending={submit.isPending}
      error={submit.error}
      status={submit.data ? outcomeOf(submit.data) : ''}
      onSubmit={() => submit.mutate()}
    >
      {isStaff ? <TextField id="payoff-company" label="Title or escrow company" required {...bind(form, setForm, 'companyName')} /> : null}
      <TextField id="payoff-escrow" label="Escrow number" required {...bind(form, setForm, 'escrowNumber')} />
      <TextField id="payoff-property" label="Property address" required {...bind(form, setForm, 'propertyAddress')} />
      <SelectField
        id="payoff-transaction"
        label="Transaction"
        {...bind(form, setForm, 'transactionType')}
        options={[
          { value: 'sale', label: 'Sale' },
          { value: 'refinance', label: 'Refinance' },
          { value: 'other', label: 'Other' },
        ]}
      />
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">The borrower, as the borrower gave their identifiers (not from the abstract)</legend>
        <TextField id="payoff-first" label="First name" required autoComplete="off" {...bind(form, setForm, 'firstName')} />
        <TextField id="payoff-last" label="Last name" required autoComplete="off" {...bind(form, setForm, 'lastName')} />
        <TextField id="payoff-ssn" label="Social Security number" hint="123-45-6789" required autoComplete="off" {...bind(form, setForm, 'ssn')} />
        <TextField id="payoff-dob" label="Date of birth" hint="MM/DD/YYYY" required autoComplete="off" {...bind(form, setForm, 'dateOfBirth')} />
        <TextField id="payoff-dl" label="Driver's licence number" autoComplete="off" {...bind(form, setForm, 'driversLicense')} />
      </fieldset>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">Documents: upload each (PDF, PNG or JPEG, at most 5 MB)</legend>
        {(Object.keys(documentLabels) as DemandDocument[]).map((doc) => (
          <div key={doc}>
            <label className="usa-label" htmlFor={`payoff-doc-${doc}`}>
              {documentLabels[doc]}
            </label>
            <input
              className="usa-file-input"
              id={`payoff-doc-${doc}`}
              type="file"
              accept="application/pdf,image/png,image/jpeg"
              ref={(input) => {
                files.current[doc] = input;
              }}
            />
          </div>
        ))}
      </fieldset>
      <TextField
        id="payoff-good-through"
        label="Good through (closing date)"
        hint="MM/DD/YYYY, within 60 days"
        required
        {...bind(form, setForm, 'goodThrough')}
      />
      {isStaff ? <TextField id="payoff-received" label="Received on (if not today)" hint="MM/DD/YYYY" {...bind(form, setForm, 'receivedOn')} /> : null}
    </ActionForm>
  );
}

/** Staff open each uploaded document and accept it or refuse it with the reason, before issuing a payoff on it. */
function DocumentChecks({ demand }: { demand: PayoffDemandView }) {
  const documents = useQuery({
    queryKey: ['payoffs', 'documents', demand.id],
    queryFn: () => must(client.GET('/api/lien-payoffs/{id}/documents', { params: { path: { id: demand.id } } })),
  });
  return (
    <section aria-labelledby={`documents-${demand.id}`}>
      <h3 id={`documents-${demand.id}`}>Documents for escrow {demand.escrowNumber}</h3>
      <ErrorAlert error={documents.error} />
      {documents.data && documents.data.length === 0 ? <p>None uploaded yet.</p> : null}
      {documents.data?.map((d) => (
        <DocumentCheck key={d.id} demandId={demand.id} document={d} />
      ))}
    </section>
  );
}

function DocumentCheck({ demandId, document }: { demandId: string; document: DemandDocumentView }) {
  const [decision, setDecision] = useState<'accepted' | 'refused'>('accepted');
  const [note, setNote] = useState('');
  const check = useAction(
    () =>
      must(
        client.POST('/api/lien-payoffs/{id}/documents/{documentId}/check', {
          params: { path: { id: demandId, documentId: document.id } },
          body: { decision, note },
        }),
      ),
    [['payoffs']],
  );
  const id = `check-${document.id.slice(0, 8)}`;
  const label = documentLabels[document.kind];
  return (
    <ActionForm
      id={id}
      heading="h4"
      title={`${label}: ${document.check === 'unchecked' ? 'to check' : document.check}`}
      submitLabel="Save the check"
      isPending={check.isPending}
      error={check.error}
      status={check.isSuccess ? `${label}: ${decision}.` : ''}
      onSubmit={() => check.mutate()}
    >
      <p>
        <a className="usa-link" href={`/api/lien-payoffs/${demandId}/documents/${document.id}`} download>
          Open {document.fileName} ({Math.ceil(document.bytes / 1024)} KB)
        </a>
      </p>
      <SelectField
        id={`${id}-decision`}
        label={`Check of ${label.toLowerCase()}`}
        {...field(decision, setDecision)}
        options={[
          { value: 'accepted', label: 'Accepted' },
          { value: 'refused', label: 'Refused: ask for it again' },
        ]}
      />
      <TextField id={`${id}-note`} label={`What was checked (${label.toLowerCase()})`} required minLength={3} {...field(note, setNote)} />
    </ActionForm>
  );
}

function ReviewForm({ demand }: { demand: PayoffDemandView }) {
  const [decision, setDecision] = useState<'issue' | 'reject'>('issue');
  const [note, setNote] = useState('');
  const review = useAction(
    () => must(client.POST('/api/lien-payoffs/{id}/review', { params: { path: { id: demand.id } }, body: { decision, note } })),
    [['payoffs']],
  );
  return (
    <ActionForm
      id="payoff-review"
      title="Decide this demand"
      submitLabel="Save the decision"
      isPending={review.isPending}
      error={review.error}
      status={review.data ? outcomeOf(review.data) : ''}
      onSubmit={() => review.mutate()}
    >
      <SelectField
        id="review-decision"
        label="Decision"
        {...field(decision, setDecision)}
        options={[
          { value: 'issue', label: 'Issue the payoff (identifiers confirmed)' },
          { value: 'reject', label: 'Reject the demand' },
        ]}
      />
      <TextField id="review-note" label="Note" hint="What was checked, or what the company must send" required {...field(note, setNote)} />
    </ActionForm>
  );
}

function PaymentForm({ demand }: { demand: PayoffDemandView }) {
  const [form, setForm] = useState({ receiptId: '', receivedOn: '', amount: '' });
  const pay = useAction(() => {
    const amountCents = parseDollarsToCents(form.amount);
    if (amountCents === null) throw new Error('Give the amount received in dollars and cents.');
    return must(
      client.POST('/api/lien-payoffs/{id}/payment', {
        params: { path: { id: demand.id } },
        body: { receiptId: form.receiptId, receivedOn: enteredDate('Received on', form.receivedOn), amountCents },
      }),
    );
  }, [['payoffs'], ['liens']]);
  const result = pay.data;
  return (
    <ActionForm
      id="payoff-payment"
      title="Post the payoff received"
      submitLabel="Post the payoff"
      isPending={pay.isPending}
      error={pay.error}
      status={
        result
          ? result.release
            ? `Payoff posted. ${result.release.lienCount} liens released in ${result.release.counties.length} counties: ${result.release.counties.join(', ')}.`
            : `Payoff posted; ${formatCents(result.stillOwedCents)} is still past due, so no release yet.`
          : ''
      }
      onSubmit={() => pay.mutate()}
    >
      <TextField id="payment-receipt" label="Receipt number" required {...bind(form, setForm, 'receiptId')} />
      <TextField id="payment-received" label="Received on" hint="MM/DD/YYYY" required {...bind(form, setForm, 'receivedOn')} />
      <TextField id="payment-amount" label="Amount received (dollars)" inputMode="decimal" required {...bind(form, setForm, 'amount')} />
      {result?.release ? (
        <p>
          <a className="usa-link" href={`/api/lien-releases/${result.release.id}/packet.pdf`} download>
            Download the release packet (PDF)
          </a>
        </p>
      ) : null}
    </ActionForm>
  );
}

const demandStatusLabels: Record<PayoffDemandView['status'], string> = { needs_review: 'Needs review', issued: 'Issued', rejected: 'Rejected', paid: 'Paid' };

const money = (cents: number | null) => (cents === null ? '—' : formatCents(cents));

function demandColumns(isPartner: boolean): ListColumn<PayoffDemandView>[] {
  return [
    {
      key: 'escrowNumber',
      header: 'Escrow',
      sortable: true,
      cell: (d) => (
        <Link to="/payoffs/$demandId" params={{ demandId: d.id }} className="usa-link">
          {d.escrowNumber}
        </Link>
      ),
    },
    ...(isPartner ? [] : [{ key: 'company', header: 'Company', sortable: true, cell: (d: PayoffDemandView) => d.companyName }]),
    { key: 'borrower', header: 'Borrower', cell: (d) => `${d.borrowerName} (${d.borrowerSsn})` },
    { key: 'status', header: 'Status', sortable: true, cell: (d) => demandStatusLabels[d.status] },
    {
      key: 'dueBy',
      header: 'Due by',
      sortable: true,
      cell: (d) =>
        d.daysLeft !== null && d.daysLeft < 0 ? (
          <span className="text-bold text-secondary-dark">
            {d.dueBy} ({-d.daysLeft} days overdue)
          </span>
        ) : (
          d.dueBy
        ),
    },
    { key: 'goodThrough', header: 'Good through', cell: (d) => d.goodThrough },
    { key: 'payoffCents', header: 'Payoff', sortable: true, cell: (d) => money(d.payoffCents) },
  ];
}

export function PayoffsPage() {
  const session = useSession();
  const isPartner = session.data?.user.partnerId != null;
  return (
    <Page
      title="Lien payoffs"
      intro="One statewide payoff of every child support lien a borrower has, in every county, good through the closing date; the answer is due in 15 days."
    >
      <RequestForm isStaff={!isPartner} />
      <section aria-labelledby="demands-heading">
        <h2 id="demands-heading">{isPartner ? 'Your demands' : 'Demands'}</h2>
        <p>Open an escrow number for the demand, its letter{isPartner ? '' : ', its documents, the review and the payment'}.</p>
        <ListView
          id="payoff-demands"
          noun="payoff demands"
          exportPath="/api/lien-payoffs"
          columns={demandColumns(isPartner)}
          filters={[
            {
              name: 'status',
              label: 'Status',
              options: [{ value: '', label: 'Any status' }, ...Object.entries(demandStatusLabels).map(([value, label]) => ({ value, label }))],
            },
          ]}
          searchLabel={isPartner ? 'Escrow number or property' : 'Escrow number, company or property'}
          queryKey={['payoffs', 'list']}
          load={(query) => must(client.GET('/api/lien-payoffs', { params: { query: query as unknown as Query<'/api/lien-payoffs'> } }))}
          rowKey={(d) => d.id}
        />
      </section>
    </Page>
  );
}

/** One payoff demand on its own page: what was asked, the statewide payoff by case and lien, and what staff do next. */
export function PayoffDemandPage({ demandId }: { demandId: string }) {
  const session = useSession();
  const isPartner = session.data?.user.partnerId != null;
  const canManage = hasPermission(session.data, 'liens.manage');
  const canPost = canManage && hasPermission(session.data, 'finance.post');
  const demand = useQuery({
    queryKey: ['payoffs', demandId],
    queryFn: () => must(client.GET('/api/lien-payoffs/{id}', { params: { path: { id: demandId } } })),
  });
  const d = demand.data;
  const isReviewing = useSticky(d?.status === 'needs_review' && canManage);
  const isTakingPayment = useSticky(d?.status === 'issued' && canPost);
  return (
    <RecordPage
      noun="Payoff demand"
      query={demand}
      record={d}
      title={(d) => `Payoff demand: escrow ${d.escrowNumber}`}
      back={{ to: '/payoffs', label: 'All payoff demands' }}
    >
      {(d) => (
        <>
          <section aria-labelledby="demand-facts">
            <h2 id="demand-facts">The demand</h2>
            <Facts
              testId="demand-facts"
              facts={[
                ['Status', demandStatusLabels[d.status]],
                ['Company', d.companyName],
                ['Escrow number', d.escrowNumber],
                ['Property', d.propertyAddress],
                ['Transaction', d.transactionType],
                ['Borrower', `${d.borrowerName} (${d.borrowerSsn})`],
                ['Received on', d.receivedOn],
                ['Answer due by', d.daysLeft !== null && d.daysLeft < 0 ? `${d.dueBy} (${-d.daysLeft} days overdue)` : d.dueBy],
                ['Good through', d.goodThrough],
                d.issuedOn !== null && ['Issued on', d.issuedOn],
                ['Payoff', money(d.payoffCents)],
                ['Per day after that', money(d.perDiemCents)],
                d.paidOn !== null && ['Paid', `${money(d.paidCents)} on ${d.paidOn}`],
                d.missingDocuments.length > 0 && ['Documents missing', d.missingDocuments.map((m) => documentLabels[m as DemandDocument] ?? m).join('; ')],
                d.reviewNote !== null && ['Review note', d.reviewNote],
              ]}
            />
            {d.identity && d.identity.problems.length + d.identity.warnings.length > 0 ? (
              <>
                <h3>What the identity checks found</h3>
                <ul className="usa-list">
                  {[...d.identity.problems, ...d.identity.warnings].map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {d.breakdown.length > 0 ? (
              <TableRegion label="The payoff by case">
                <table className="usa-table usa-table--compact width-full" data-testid="payoff-breakdown">
                  <caption>The payoff by case</caption>
                  <TableHead columns={['Case', 'LCSA', 'Principal', 'Interest', 'Total', 'Per day']} />
                  <tbody>
                    {d.breakdown.map((b) => (
                      <tr key={b.caseNumber}>
                        <th scope="row">{b.caseNumber}</th>
                        <td>{b.lcsaName}</td>
                        <td>{formatCents(b.principalCents)}</td>
                        <td>{formatCents(b.interestCents)}</td>
                        <td>{formatCents(b.totalCents)}</td>
                        <td>{formatCents(b.perDiemCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            ) : null}
            {d.liens.length > 0 ? (
              <TableRegion label="Liens the payoff releases">
                <table className="usa-table usa-table--compact width-full" data-testid="payoff-liens">
                  <caption>Liens the payoff releases</caption>
                  <TableHead columns={['County', 'LCSA', 'Instrument number', 'Recorded on']} />
                  <tbody>
                    {d.liens.map((l) => (
                      <tr key={`${l.countyName}-${l.instrumentNumber}`}>
                        <th scope="row">{l.countyName}</th>
                        <td>{l.lcsaName}</td>
                        <td>{l.instrumentNumber}</td>
                        <td>{l.recordedOn}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            ) : null}
            <h3>Documents</h3>
            <ul className="usa-list">
              {d.status === 'issued' || d.status === 'paid' ? (
                <li>
                  <a className="usa-link" href={`/api/lien-payoffs/${d.id}/letter.pdf`} download>
                    Demand letter for escrow {d.escrowNumber} (PDF)
                  </a>
                </li>
              ) : (
                <li>No demand letter yet: the payoff is not issued.</li>
              )}
              {d.releaseId && !isPartner ? (
                <li>
                  <a className="usa-link" href={`/api/lien-releases/${d.releaseId}/packet.pdf`} download>
                    Release packet for escrow {d.escrowNumber} (PDF)
                  </a>
                </li>
              ) : null}
            </ul>
          </section>
          {isReviewing ? (
            <>
              <DocumentChecks demand={d} />
              <ReviewForm demand={d} />
            </>
          ) : null}
          {isTakingPayment ? <PaymentForm demand={d} /> : null}
        </>
      )}
    </RecordPage>
  );
}
