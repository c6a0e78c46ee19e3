/**
 * Cases in the reader's scope: paged, sorted and narrowed by the server, the view in the address (status,
 * LCSA, a case number or the obligor's last name). The export masks SSNs and withholds confidential addresses.
 */
import { Link } from '@tanstack/react-router';
import type { CaseSummary } from '../../../../src/modules/registry/contract';
import { maxExportRows } from '../../../../src/platform/lists/contract';
import { client, must, type Query } from '../../api';
import { ListView, type ListColumn, type ListFilter } from '../../components/ListView';
import { Page } from '../../components/Page';
import { useLcsas, useSession } from '../../session';

const columns: ListColumn<CaseSummary>[] = [
  {
    key: 'caseNumber',
    header: 'Case number',
    sortable: true,
    cell: (c) => (
      <Link to="/cases/$caseId" params={{ caseId: c.id }} className="usa-link">
        {c.caseNumber}
      </Link>
    ),
  },
  { key: 'obligor', header: 'Obligor', sortable: true, cell: (c) => c.obligorName ?? '—' },
  { key: 'lcsa', header: 'LCSA', sortable: true, cell: (c) => c.lcsaId },
  { key: 'status', header: 'Status', sortable: true, cell: (c) => (c.status === 'open' ? 'Open' : 'Closed') },
  { key: 'openedOn', header: 'Opened', sortable: true, cell: (c) => c.openedOn },
];

export function CasesPage() {
  const session = useSession();
  const isStatewide = session.data ? session.data.user.lcsaId === null && !session.data.user.partnerId : false;
  const lcsas = useLcsas(isStatewide);
  const filters: ListFilter[] = [
    {
      name: 'status',
      label: 'Status',
      options: [
        { value: '', label: 'Open and closed' },
        { value: 'open', label: 'Open' },
        { value: 'closed', label: 'Closed' },
      ],
    },
    ...(isStatewide && lcsas.data
      ? [{ name: 'lcsaId', label: 'LCSA', options: [{ value: '', label: 'Every LCSA' }, ...lcsas.data.map((l) => ({ value: l.id, label: l.name }))] }]
      : []),
  ];
  return (
    <Page title="Cases" intro="Cases in your scope. LCSA staff see their own LCSA's cases; state staff see all.">
      <ListView
        id="cases"
        noun="cases"
        exportPath="/api/cases"
        columns={columns}
        filters={filters}
        searchLabel="Case number or obligor's last name"
        queryKey={['cases', 'list']}
        load={(query) => must(client.GET('/api/cases', { params: { query: query as unknown as Query<'/api/cases'> } }))}
        rowKey={(c) => c.id}
      />
      <p>Downloads mask SSNs and withhold confidential addresses; an export holds at most {maxExportRows.toLocaleString('en-US')} cases.</p>
    </Page>
  );
}
