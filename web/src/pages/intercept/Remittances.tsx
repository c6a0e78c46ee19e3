/**
 * Money received against notices, as the state disbursement unit reports it: state finance staff send a
 * receipt file (taken whole, or refused with every problem by line and field) and settle the exceptions —
 * post one against a notice, or return it to the payer. LCSA staff see the exceptions quoting their notices.
 */
import { useRef, useState } from 'react';
import type { ReceiptView } from '../../../../src/modules/intercept/contract';
import { client, fileBody, must, type Query } from '../../api';
import { ListView, type ListColumn } from '../../components/ListView';
import { ActionForm } from '../../components/ActionForm';
import { field } from '../../components/bind';
import { formatCents } from '../../components/money';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';

const reasonLabels: Record<NonNullable<ReceiptView['reason']>, string> = {
  unknown_notice: 'Quotes no notice we know',
  notice_on_hold: 'Notice on hold (contested)',
  notice_closed: 'Notice closed (paid, denied or released)',
  no_promise: 'The insurer did not say it remitted',
  amount_or_date_differs: 'Amount or date differs from what the insurer said',
  above_notice: 'More than the notice asks',
};

const refreshes = [['sdu-receipts'], ['intercept-notices']] as const;

function ReceiptFileForm() {
  const input = useRef<HTMLInputElement>(null);
  const send = useAction(() => {
    const file = input.current?.files?.[0];
    if (!file) throw new Error('Choose a receipt file to send.');
    return must(client.POST('/api/intercept/receipt-files', { params: { query: { fileName: file.name } }, ...fileBody(file, 'text/csv') }));
  }, refreshes);
  return (
    <ActionForm
      id="receipt-file"
      title="Send a disbursement unit receipt file"
      submitLabel="Send receipts"
      isPending={send.isPending}
      error={send.error}
      status={
        send.isSuccess
          ? `${send.data.received} receipts: ${send.data.posted} posted, ${send.data.exceptions} exceptions, ${send.data.duplicates} already on file.`
          : ''
      }
      onSubmit={() => send.mutate()}
    >
      <label className="usa-label" htmlFor="receipt-file-input">
        Receipt file
      </label>
      <span className="usa-hint" id="receipt-file-hint">
        CSV with the header receipt_id, notice_reference, amount, received_on, payer. A file with any bad line is refused whole.
      </span>
      <input className="usa-file-input" id="receipt-file-input" type="file" accept=".csv,text/csv" ref={input} aria-describedby="receipt-file-hint" required />
    </ActionForm>
  );
}

function SettleForm({ receipt }: { receipt: ReceiptView }) {
  const [action, setAction] = useState<'post' | 'return'>(receipt.noticeId ? 'post' : 'return');
  const [noticeId, setNoticeId] = useState(receipt.noticeId ?? '');
  const [note, setNote] = useState('');
  const settle = useAction(
    () =>
      must(
        client.POST('/api/intercept/receipts/{id}/resolution', {
          params: { path: { id: receipt.id } },
          body: action === 'post' ? { action, noticeId: noticeId.trim(), note } : { action, note },
        }),
      ),
    refreshes,
  );
  const id = `settle-${receipt.receiptId}`;
  return (
    <ActionForm
      id={id}
      heading="h4"
      title={`Settle receipt ${receipt.receiptId}`}
      submitLabel="Settle"
      isPending={settle.isPending}
      error={settle.error}
      status={settle.isSuccess ? `Receipt ${receipt.receiptId}: ${settle.data.status}.` : ''}
      onSubmit={() => settle.mutate()}
    >
      <SelectField
        id={`${id}-action`}
        label="What to do"
        {...field(action, setAction)}
        options={[
          { value: 'post', label: 'Post it against a notice' },
          { value: 'return', label: 'Return it to the payer' },
        ]}
      />
      {action === 'post' ? <TextField id={`${id}-notice`} label="Notice reference" required {...field(noticeId, setNoticeId)} /> : null}
      <TextField id={`${id}-note`} label="Why" required minLength={3} {...field(note, setNote)} />
    </ActionForm>
  );
}

const receiptColumns: ListColumn<ReceiptView>[] = [
  { key: 'receiptId', header: 'Receipt', sortable: true, cell: (r) => r.receiptId },
  { key: 'receivedOn', header: 'Received', sortable: true, cell: (r) => r.receivedOn },
  { key: 'amountCents', header: 'Amount', sortable: true, cell: (r) => formatCents(r.amountCents) },
  { key: 'noticeReference', header: 'Notice quoted', cell: (r) => <span className="text-break-all">{r.noticeReference}</span> },
  { key: 'payer', header: 'Payer', sortable: true, cell: (r) => r.payerName ?? '—' },
  { key: 'reason', header: 'Why it did not match', sortable: true, cell: (r) => (r.reason ? reasonLabels[r.reason] : '—') },
  { key: 'sourceFile', header: 'From', cell: (r) => (r.sourceFile ? `${r.sourceFile}, line ${r.line}` : 'API') },
];

/** The receipts, paged and sorted by the server: the exceptions to settle first; posted and returned ones on request. */
export function Remittances({ canSettle }: { canSettle: boolean }) {
  return (
    <section aria-labelledby="receipts-heading">
      <h2 id="receipts-heading">Money received: exceptions</h2>
      <p>
        An insurer’s remittance counts when the State Disbursement Unit receives it. Receipts that match what an insurer said it sent are posted at once; these
        did not match and wait for finance staff.
      </p>
      {canSettle ? <ReceiptFileForm /> : null}
      <ListView
        id="receipt-exceptions"
        noun="receipts"
        exportPath="/api/intercept/receipts"
        columns={receiptColumns}
        filters={[
          {
            name: 'status',
            label: 'Receipts',
            options: [
              { value: 'exception', label: 'Exceptions to settle' },
              { value: 'posted', label: 'Posted' },
              { value: 'returned', label: 'Returned to the payer' },
            ],
          },
        ]}
        searchLabel="Receipt, notice quoted or payer"
        queryKey={['sdu-receipts', 'list']}
        load={(query) => must(client.GET('/api/intercept/receipts', { params: { query: query as unknown as Query<'/api/intercept/receipts'> } }))}
        rowKey={(r) => r.id}
        footer={(page) => (canSettle ? page.items.filter((r) => r.status === 'exception').map((r) => <SettleForm key={r.id} receipt={r} />) : null)}
      />
    </section>
  );
}
