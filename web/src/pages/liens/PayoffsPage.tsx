/**
 * Lien payoffs. A title or escrow company requests a payoff here (the partner portal) and gets the
 * statewide payoff at once when the borrower's identifiers check out, with the demand letter to download;
 * staff enter demands that came by mail or fax, decide those under review, and the state disbursement
 * unit posts a payoff, which releases every lien of the obligor in one packet.
 */
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { DemandDocument, DemandDocumentView, NewPayoffDemand, PayoffDemandView } from '../../../../src/modules/liens/contract';
import { client, fileBody, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { formatCents, parseDollarsToCents } from '../../components/money';
import { ErrorAlert, Page } from '../../components/Page';
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

function ReviewForm({ demands }: { demands: PayoffDemandView[] }) {
  const [id, setId] = useState('');
  const [decision, setDecision] = useState<'issue' | 'reject'>('issue');
  const [note, setNote] = useState('');
  const chosen = demands.find((d) => d.id === id) ?? demands[0];
  const review = useAction(
    () => must(client.POST('/api/lien-payoffs/{id}/review', { params: { path: { id: chosen!.id } }, body: { decision, note } })),
    [['payoffs']],
  );
  return (
    <ActionForm
      id="payoff-review"
      title="Decide a demand under review"
      submitLabel="Save the decision"
      isPending={review.isPending}
      error={review.error}
      status={review.data ? outcomeOf(review.data) : ''}
      onSubmit={() => review.mutate()}
    >
      <SelectField
        id="review-demand"
        label="Demand"
        {...field(chosen?.id ?? '', setId)}
        options={demands.map((d) => ({ value: d.id, label: `${d.companyName}, escrow ${d.escrowNumber} (due ${d.dueBy})` }))}
      />
      {chosen?.identity ? (
        <ul className="usa-list" aria-label="What the checks found">
          {[...chosen.identity.problems, ...chosen.identity.warnings].map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
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

function PaymentForm({ demands }: { demands: PayoffDemandView[] }) {
  const [id, setId] = useState('');
  const [form, setForm] = useState({ receiptId: '', receivedOn: '', amount: '' });
  const chosen = demands.find((d) => d.id === id) ?? demands[0];
  const pay = useAction(() => {
    const amountCents = parseDollarsToCents(form.amount);
    if (amountCents === null) throw new Error('Give the amount received in dollars and cents.');
    return must(
      client.POST('/api/lien-payoffs/{id}/payment', {
        params: { path: { id: chosen!.id } },
        body: { receiptId: form.receiptId, receivedOn: enteredDate('Received on', form.receivedOn), amountCents },
      }),
    );
  }, [['payoffs'], ['liens']]);
  const result = pay.data;
  return (
    <ActionForm
      id="payoff-payment"
      title="Post a payoff received"
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
      <SelectField
        id="payment-demand"
        label="Demand"
        {...field(chosen?.id ?? '', setId)}
        options={demands.map((d) => ({ value: d.id, label: `${d.companyName}, escrow ${d.escrowNumber}: ${formatCents(d.payoffCents ?? 0)}` }))}
      />
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

export function PayoffsPage() {
  const session = useSession();
  const isPartner = session.data?.user.partnerId != null;
  const canManage = hasPermission(session.data, 'liens.manage');
  const canPost = canManage && hasPermission(session.data, 'finance.post');
  const demands = useQuery({ queryKey: ['payoffs'], queryFn: () => must(client.GET('/api/lien-payoffs')) });
  const underReview = demands.data?.filter((d) => d.status === 'needs_review') ?? [];
  const issued = demands.data?.filter((d) => d.status === 'issued') ?? [];
  return (
    <Page
      title="Lien payoffs"
      intro="One statewide payoff of every child support lien a borrower has, in every county, good through the closing date; the answer is due in 15 days."
    >
      <RequestForm isStaff={!isPartner} />
      <section aria-labelledby="demands-heading">
        <h2 id="demands-heading">{isPartner ? 'Your demands' : 'Demands, soonest due first'}</h2>
        <ErrorAlert error={demands.error} />
        {demands.data && demands.data.length === 0 ? <p>None yet.</p> : null}
        {demands.data && demands.data.length > 0 ? (
          <TableRegion label="Payoff demands">
            <table className="usa-table usa-table--compact width-full" data-testid="payoff-demands">
              <caption>{demands.data.length} payoff demands</caption>
              <TableHead columns={['Escrow', 'Company', 'Borrower', 'Status', 'Due by', 'Good through', 'Payoff', 'Per-diem', 'Documents']} />
              <tbody>
                {demands.data.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.escrowNumber}</th>
                    <td>{d.companyName}</td>
                    <td>
                      {d.borrowerName} ({d.borrowerSsn})
                    </td>
                    <td>{d.status.replace('_', ' ')}</td>
                    <td>{d.dueBy}</td>
                    <td>{d.goodThrough}</td>
                    <td>{d.payoffCents === null ? '—' : formatCents(d.payoffCents)}</td>
                    <td>{d.perDiemCents === null ? '—' : formatCents(d.perDiemCents)}</td>
                    <td>
                      {d.status === 'issued' || d.status === 'paid' ? (
                        <a className="usa-link" href={`/api/lien-payoffs/${d.id}/letter.pdf`} download>
                          Demand letter<span className="usa-sr-only"> for escrow {d.escrowNumber}</span> (PDF)
                        </a>
                      ) : (
                        '—'
                      )}
                      {d.releaseId && !isPartner ? (
                        <>
                          {' · '}
                          <a className="usa-link" href={`/api/lien-releases/${d.releaseId}/packet.pdf`} download>
                            Release packet<span className="usa-sr-only"> for escrow {d.escrowNumber}</span> (PDF)
                          </a>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : null}
      </section>
      {canManage ? underReview.map((d) => <DocumentChecks key={d.id} demand={d} />) : null}
      {canManage && underReview.length > 0 ? <ReviewForm demands={underReview} /> : null}
      {canPost && issued.length > 0 ? <PaymentForm demands={issued} /> : null}
    </Page>
  );
}
