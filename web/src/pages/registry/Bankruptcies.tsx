/**
 * On the case page: the obligor's bankruptcies, recorded once for the individual and read by liens (no
 * lien against a Chapter 13 debtor; liens not yet recorded are held during the stay) and intercept (no
 * match during the stay). Staff who may change cases record a filing and its end.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { NewBankruptcy } from '../../../../src/modules/registry/contract';
import { client, must } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { field } from '../../components/bind';
import { enteredDate } from '../../components/dates';
import { ErrorAlert } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TableHead, TableRegion } from '../../components/Table';
import { TextField } from '../../components/TextField';
import { useAction } from '../../components/useAction';

function RecordBankruptcy({ personId }: { personId: string }) {
  const [chapter, setChapter] = useState<NewBankruptcy['chapter']>('13');
  const [caseNumber, setCaseNumber] = useState('');
  const [court, setCourt] = useState('');
  const [filedOn, setFiledOn] = useState('');
  const record = useAction(
    () =>
      must(
        client.POST('/api/persons/{id}/bankruptcies', {
          params: { path: { id: personId } },
          body: { chapter, caseNumber: caseNumber.trim(), court: court.trim(), filedOn: enteredDate('Filed on', filedOn) },
        }),
      ),
    [['bankruptcies', personId], ['liens']],
  );
  return (
    <ActionForm
      id="record-bankruptcy"
      title="Record a bankruptcy"
      submitLabel="Record bankruptcy"
      isPending={record.isPending}
      error={record.error}
      status={record.isSuccess ? `Chapter ${record.data.chapter} case ${record.data.caseNumber} recorded.` : ''}
      onSubmit={() => record.mutate()}
    >
      <SelectField
        id="bankruptcy-chapter"
        label="Chapter"
        {...field(chapter, setChapter)}
        options={[
          { value: '7', label: 'Chapter 7' },
          { value: '11', label: 'Chapter 11' },
          { value: '12', label: 'Chapter 12' },
          { value: '13', label: 'Chapter 13' },
        ]}
      />
      <TextField id="bankruptcy-case" label="Bankruptcy case number" required {...field(caseNumber, setCaseNumber)} />
      <TextField id="bankruptcy-court" label="Court" hint="For example: U.S. Bankruptcy Court, C.D. Cal." required {...field(court, setCourt)} />
      <TextField id="bankruptcy-filed" label="Filed on" hint="MM/DD/YYYY" required {...field(filedOn, setFiledOn)} />
    </ActionForm>
  );
}

export function Bankruptcies({ personId, canRecord }: { personId: string; canRecord: boolean }) {
  const list = useQuery({
    queryKey: ['bankruptcies', personId],
    queryFn: () => must(client.GET('/api/persons/{id}/bankruptcies', { params: { path: { id: personId } } })),
  });
  return (
    <section aria-labelledby="bankruptcies-heading">
      <h2 id="bankruptcies-heading">Bankruptcies of the obligor</h2>
      <ErrorAlert error={list.error} />
      {list.data && list.data.length === 0 ? <p>None recorded.</p> : null}
      {list.data && list.data.length > 0 ? (
        <TableRegion label="Bankruptcies">
          <table className="usa-table usa-table--compact" data-testid="bankruptcies">
            <TableHead columns={['Case', 'Chapter', 'Court', 'Filed', 'Ended', 'Automatic stay']} />
            <tbody>
              {list.data.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{b.caseNumber}</th>
                  <td>{b.chapter}</td>
                  <td>{b.court}</td>
                  <td>{b.filedOn}</td>
                  <td>
                    {b.dischargedOn ? `Discharged ${b.dischargedOn}` : b.dismissedOn ? `Dismissed ${b.dismissedOn}` : 'Open'}
                    {b.stayLiftedOn ? `; stay lifted ${b.stayLiftedOn}` : ''}
                  </td>
                  <td>{b.isStayInForce ? 'In force: liens not yet recorded are held' : 'Not in force'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {canRecord ? <RecordBankruptcy personId={personId} /> : null}
    </section>
  );
}
