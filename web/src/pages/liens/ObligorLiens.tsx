/** On the case page: every lien of the case's obligor, in every county, whichever LCSA recorded it. */
import { useQuery } from '@tanstack/react-query';
import type { LienView } from '../../../../src/modules/liens/contract';
import { api } from '../../api';
import { ErrorAlert } from '../../components/Page';
import { LienTable } from './LiensPage';

export function ObligorLiens({ personId }: { personId: string }) {
  const liens = useQuery({ queryKey: ['liens', 'person', personId], queryFn: () => api<LienView[]>(`/api/persons/${personId}/liens`) });
  return (
    <section aria-labelledby="obligor-liens-heading">
      <h2 id="obligor-liens-heading">Liens of the obligor, statewide</h2>
      <ErrorAlert error={liens.error} />
      {liens.data && liens.data.length === 0 ? <p>No liens.</p> : null}
      {liens.data && liens.data.length > 0 ? <LienTable liens={liens.data} caption="Every county and recording LCSA" testId="obligor-liens" /> : null}
    </section>
  );
}
