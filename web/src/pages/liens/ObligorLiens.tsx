/**
 * On the case page: every lien of the case's obligor, in every county, whichever LCSA recorded it, and
 * (for lien staff) the one request that releases them all, with its packet.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { client, must, type Body } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { ErrorAlert } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { useAction } from '../../components/useAction';
import { hasPermission, useSession } from '../../session';
import { LienTable } from './LiensPage';
import { WrongPerson } from './WrongPerson';
import { field } from '../../components/bind';
import { enteredDate } from '../../components/dates';
import { TextField } from '../../components/TextField';

function ReleaseAll({ personId }: { personId: string }) {
  const [reason, setReason] = useState<Body<'/api/persons/{id}/liens/release'>['reason']>('paid_in_full');
  const release = useAction(() => must(client.POST('/api/persons/{id}/liens/release', { params: { path: { id: personId } }, body: { reason } })), [['liens']]);
  return (
    <>
      <ActionForm
        id="release-all"
        heading="h3"
        title="Release every lien of this obligor"
        submitLabel="Release all liens"
        isPending={release.isPending}
        error={release.error}
        status={release.data ? `${release.data.lienCount} liens released in ${release.data.counties.join(', ')}; due by ${release.data.dueBy}.` : ''}
        onSubmit={() => release.mutate()}
        confirm={{
          title: 'Release every lien of this obligor?',
          text: `Every recorded lien of this obligor, in every county, is released ${reason === 'paid_in_full' ? 'as paid in full' : 'by court order'}, and a release is prepared for each county recorder. This cannot be undone here.`,
          confirmLabel: 'Yes, release every lien',
        }}
      >
        <SelectField
          id="release-reason"
          label="Reason"
          {...field(reason, setReason)}
          options={[
            { value: 'paid_in_full', label: 'Paid in full (5 days)' },
            { value: 'court_order', label: 'Court order (15 days or sooner)' },
          ]}
        />
        {release.data ? (
          <p>
            <a className="usa-link" href={`/api/lien-releases/${release.data.id}/packet.pdf`} download>
              Download the release packet for every county (PDF)
            </a>
          </p>
        ) : null}
      </ActionForm>
      {release.data ? <ReleaseRecorded releaseId={release.data.id} /> : null}
    </>
  );
}

/** When the county recorded the release: the end of the measured release time. */
export function ReleaseRecorded({ releaseId }: { releaseId: string }) {
  const [recordedOn, setRecordedOn] = useState('');
  const record = useAction(
    () =>
      must(
        client.POST('/api/lien-releases/{id}/recorded', {
          params: { path: { id: releaseId } },
          body: { recordedOn: enteredDate('Recorded by the county on', recordedOn) },
        }),
      ),
    [['liens']],
  );
  return (
    <ActionForm
      id="release-recorded"
      heading="h3"
      title="Record when the county recorded the release"
      submitLabel="Save recording date"
      isPending={record.isPending}
      error={record.error}
      status={record.isSuccess ? `Release recorded on ${record.data.recordedOn}.` : ''}
      onSubmit={() => record.mutate()}
    >
      <TextField id="release-recorded-on" label="Recorded by the county on" hint="MM/DD/YYYY" required {...field(recordedOn, setRecordedOn)} />
    </ActionForm>
  );
}

export function ObligorLiens({ personId }: { personId: string }) {
  const session = useSession();
  const liens = useQuery({
    queryKey: ['liens', 'person', personId],
    queryFn: () => must(client.GET('/api/persons/{id}/liens', { params: { path: { id: personId } } })),
  });
  return (
    <section aria-labelledby="obligor-liens-heading">
      <h2 id="obligor-liens-heading">Liens of the obligor, statewide</h2>
      <ErrorAlert error={liens.error} />
      {liens.data && liens.data.length === 0 ? <p>No liens.</p> : null}
      {liens.data && liens.data.length > 0 ? <LienTable liens={liens.data} caption="Every county and recording LCSA" testId="obligor-liens" /> : null}
      {/* Kept once the liens are released, so that the packet link stays; asking again says there is nothing to release. */}
      {liens.data && liens.data.length > 0 && hasPermission(session.data, 'liens.manage') ? <ReleaseAll personId={personId} /> : null}
      {liens.data && liens.data.length > 0 && hasPermission(session.data, 'liens.manage') ? <WrongPerson personId={personId} /> : null}
    </section>
  );
}
