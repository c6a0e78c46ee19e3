/**
 * For insurers: before paying a claim, ask whether the claimant owes past-due child support (Ins. Code
 * 13553–13554). The answer is yes (a notice follows), under review (hold) or no — never an amount.
 */
import { useState } from 'react';
import { claimTypes } from '../../../../src/modules/intercept/contract';
import { client, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { field } from '../../components/bind';
import { enteredDate } from '../../components/dates';
import { parseDollarsToCents } from '../../components/money';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';

const empty = {
  claimNumber: '',
  claimType: 'liability',
  paymentType: 'lump_sum',
  amount: '',
  ssn: '',
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  addressLine1: '',
  city: '',
  zip: '',
};

export function Lookup() {
  const [form, setForm] = useState(empty);
  const set = (key: keyof typeof empty) => field(form[key], (value: string) => setForm((f) => ({ ...f, [key]: value })));
  const ask = useAction(() => {
    const amountCents = parseDollarsToCents(form.amount);
    if (!amountCents) throw new Error('Amount of the payment: enter dollars and cents.');
    const optional = (key: 'ssn' | 'addressLine1' | 'city' | 'zip') => (form[key].trim() ? { [key]: form[key].trim() } : {});
    return must(
      client.POST('/api/intercept/lookups', {
        body: {
          claimNumber: form.claimNumber.trim(),
          claimType: form.claimType,
          paymentType: form.paymentType as 'lump_sum' | 'periodic',
          amountCents,
          claimant: {
            firstName: form.firstName.trim(),
            lastName: form.lastName.trim(),
            ...(form.dateOfBirth.trim() ? { dateOfBirth: enteredDate('Date of birth', form.dateOfBirth) } : {}),
            ...optional('ssn'),
            ...optional('addressLine1'),
            ...optional('city'),
            ...optional('zip'),
          },
        },
      }),
    );
  }, [['claim-files']]);
  return (
    <ActionForm
      id="lookup"
      title="Check a claimant before paying"
      submitLabel="Check"
      isPending={ask.isPending}
      error={ask.error}
      status={ask.isSuccess ? `Claim ${ask.data.claimNumber}: ${ask.data.message}` : ''}
      onSubmit={() => ask.mutate()}
    >
      <TextField id="lookup-claim" label="Claim number" required {...set('claimNumber')} />
      <SelectField id="lookup-type" label="Claim type" {...set('claimType')} options={claimTypes.map((t) => ({ value: t, label: t.replace(/_/g, ' ') }))} />
      <SelectField
        id="lookup-payment"
        label="Payment"
        {...set('paymentType')}
        options={[
          { value: 'lump_sum', label: 'Lump sum' },
          { value: 'periodic', label: 'Periodic' },
        ]}
      />
      <TextField id="lookup-amount" label="Amount of the payment (dollars)" inputMode="decimal" required {...set('amount')} />
      <TextField id="lookup-ssn" label="Claimant SSN" hint="Or give the date of birth and the address" autoComplete="off" {...set('ssn')} />
      <TextField id="lookup-first" label="Claimant first name" required autoComplete="off" {...set('firstName')} />
      <TextField id="lookup-last" label="Claimant last name" required autoComplete="off" {...set('lastName')} />
      <TextField id="lookup-dob" label="Claimant date of birth" hint="MM/DD/YYYY" autoComplete="off" {...set('dateOfBirth')} />
      <TextField id="lookup-address" label="Claimant street address" autoComplete="off" {...set('addressLine1')} />
      <TextField id="lookup-city" label="City" autoComplete="off" {...set('city')} />
      <TextField id="lookup-zip" label="ZIP code" autoComplete="off" {...set('zip')} />
    </ActionForm>
  );
}
