/** Finance staff post a collection on a case; the account below is replayed at once. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { collectionSources, sourceLabels, type CollectionSource } from '../../../../src/modules/finance/contract';
import { client, must } from '../../api';
import { parseDollarsToCents } from '../../components/money';
import { ActionForm } from '../../components/ActionForm';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { field } from '../../components/bind';
import { enteredDate } from '../../components/dates';

export function PostCollectionForm({ caseId }: { caseId: string }) {
  const queryClient = useQueryClient();
  const [receiptId, setReceiptId] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const [amount, setAmount] = useState('');
  const [source, setSource] = useState<CollectionSource>('wage_withholding');
  const [message, setMessage] = useState('');
  const post = useMutation({
    mutationFn: () => {
      const amountCents = parseDollarsToCents(amount);
      if (amountCents === null || amountCents === 0) throw new Error('Amount: enter dollars and cents, for example 250.00.');
      return must(
        client.POST('/api/cases/{id}/collections', {
          params: { path: { id: caseId } },
          body: { receiptId, receivedOn: enteredDate('Received on', receivedOn), amountCents, source },
        }),
      );
    },
    onSuccess: async (result) => {
      setMessage(result.isNew ? `Receipt ${receiptId} posted.` : `Receipt ${receiptId} was already posted; nothing changed.`);
      await queryClient.invalidateQueries({ queryKey: ['account', caseId] });
      await queryClient.invalidateQueries({ queryKey: ['payments', caseId] });
      await queryClient.invalidateQueries({ queryKey: ['activity', caseId] });
    },
  });
  return (
    <ActionForm
      id="post-collection"
      title="Post a collection"
      submitLabel="Post collection"
      isPending={post.isPending}
      error={post.error}
      status={message}
      onSubmit={() => {
        setMessage('');
        post.mutate();
      }}
    >
      <TextField id="receipt-id" label="Receipt id" required {...field(receiptId, setReceiptId)} />
      <TextField
        id="received-on"
        label="Received on"
        hint="The date the disbursement unit received it, MM/DD/YYYY"
        required
        {...field(receivedOn, setReceivedOn)}
      />
      <TextField id="amount" label="Amount (dollars)" inputMode="decimal" required {...field(amount, setAmount)} />
      <SelectField
        id="source"
        label="Source"
        {...field(source, setSource)}
        options={collectionSources.map((value) => ({ value, label: sourceLabels[value] }))}
      />
    </ActionForm>
  );
}
