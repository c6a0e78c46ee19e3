/**
 * On the case page, for lien staff: demands from property owners who share the obligor's name (22 CCR
 * 116134(a)). Record the demand with its proof, verify or deny it, and download the release as to the
 * owner's parcel. The obligor's own liens stay in force.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { WrongPersonRequestView } from '../../../../src/modules/liens/contract';
import { client, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { field } from '../../components/bind';
import { enteredDate } from '../../components/dates';
import { ErrorAlert } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';
import { useLcsas } from '../../session';

const statusLabels: Record<WrongPersonRequestView['status'], string> = {
  received: 'Received: to verify',
  verified: 'Verified: release issued',
  denied: 'Denied',
};

function RecordDemand({ personId }: { personId: string }) {
  const lcsas = useLcsas(true);
  const counties = (lcsas.data ?? [])
    .flatMap((l) => l.counties)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ value: c.fips, label: c.name }));
  const [form, setForm] = useState({ ownerName: '', apn: '', countyFips: '06037', propertyAddress: '', proof: '', receivedOn: '' });
  const set = (key: keyof typeof form) => field(form[key], (value: string) => setForm((f) => ({ ...f, [key]: value })));
  const record = useAction(
    () =>
      must(
        client.POST('/api/persons/{id}/wrong-person-requests', {
          params: { path: { id: personId } },
          body: {
            ownerName: form.ownerName.trim(),
            apn: form.apn.trim(),
            countyFips: form.countyFips.trim(),
            ...(form.propertyAddress.trim() ? { propertyAddress: form.propertyAddress.trim() } : {}),
            proofDocuments: form.proof
              .split(';')
              .map((d) => d.trim())
              .filter(Boolean),
            receivedOn: enteredDate('Demand received on', form.receivedOn),
          },
        }),
      ),
    [['wrong-person', personId]],
  );
  return (
    <ActionForm
      id="wrong-person-demand"
      title="Record a wrong-person demand"
      submitLabel="Record demand"
      isPending={record.isPending}
      error={record.error}
      status={record.isSuccess ? `Demand from ${record.data.ownerName} recorded; due by ${record.data.dueBy}.` : ''}
      onSubmit={() => record.mutate()}
    >
      <TextField id="wp-owner" label="Property owner" required {...set('ownerName')} />
      <TextField id="wp-apn" label="Assessor's parcel number (APN)" required {...set('apn')} />
      <SelectField id="wp-county" label="County of the parcel" {...set('countyFips')} options={counties} />
      <TextField id="wp-address" label="Property address (optional)" {...set('propertyAddress')} />
      <TextField id="wp-proof" label="Proof sent" hint="Separate the documents with semicolons" required {...set('proof')} />
      <TextField id="wp-received" label="Demand received on" hint="MM/DD/YYYY" required {...set('receivedOn')} />
    </ActionForm>
  );
}

function Decide({ request }: { request: WrongPersonRequestView }) {
  const [decision, setDecision] = useState<'verified' | 'denied'>('verified');
  const [note, setNote] = useState('');
  const decide = useAction(
    () => must(client.POST('/api/wrong-person-requests/{id}/decision', { params: { path: { id: request.id } }, body: { decision, note } })),
    [['wrong-person', request.personId]],
  );
  const id = `wp-decide-${request.id.slice(0, 8)}`;
  return (
    <ActionForm
      id={id}
      heading="h4"
      title={`Decide the demand for parcel ${request.apn}`}
      submitLabel="Record decision"
      isPending={decide.isPending}
      error={decide.error}
      status={decide.isSuccess ? `Parcel ${request.apn}: ${statusLabels[decide.data.status]}.` : ''}
      onSubmit={() => decide.mutate()}
    >
      <SelectField
        id={`${id}-decision`}
        label="Decision"
        {...field(decision, setDecision)}
        options={[
          { value: 'verified', label: 'Verified: not the obligor' },
          { value: 'denied', label: 'Denied: the proof does not show it' },
        ]}
      />
      <TextField id={`${id}-note`} label="What the proof showed" required minLength={3} {...field(note, setNote)} />
    </ActionForm>
  );
}

export function WrongPerson({ personId }: { personId: string }) {
  const list = useQuery({
    queryKey: ['wrong-person', personId],
    queryFn: () => must(client.GET('/api/persons/{id}/wrong-person-requests', { params: { path: { id: personId } } })),
  });
  return (
    <section aria-labelledby="wrong-person-heading">
      <h2 id="wrong-person-heading">A different owner with a similar name</h2>
      <p>The release covers the other owner’s property only; the obligor’s liens stay in force.</p>
      <ErrorAlert error={list.error} />
      {list.data && list.data.length > 0 ? (
        <TableRegion label="Wrong-person demands">
          <table className="usa-table usa-table--compact" data-testid="wrong-person-requests">
            <TableHead columns={['Parcel', 'Owner', 'County', 'Received', 'Due by', 'Status', 'Release']} />
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.apn}</th>
                  <td>{r.ownerName}</td>
                  <td>{r.countyName}</td>
                  <td>{r.receivedOn}</td>
                  <td>{r.dueBy}</td>
                  <td>{statusLabels[r.status]}</td>
                  <td>
                    {r.status === 'verified' ? (
                      <a className="usa-link" href={`/api/wrong-person-requests/${r.id}/certificate.pdf`} download>
                        Release for parcel {r.apn} (PDF)
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {list.data
        ?.filter((r) => r.status === 'received')
        .map((r) => (
          <Decide key={r.id} request={r} />
        ))}
      <RecordDemand personId={personId} />
    </section>
  );
}
