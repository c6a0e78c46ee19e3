/**
 * The audit log for auditors: narrowed by action, person, record and dates, sorted, paged and exported like
 * every list, its filters in the address so a finding can be shared as a link.
 */
import { useMutation } from '@tanstack/react-query';
import type { AuditEntry } from '../../../../src/platform/audit/contract';
import { client, must, type Query } from '../../api';
import { ListView, type ListColumn, type ListField } from '../../components/ListView';
import { ErrorAlert, Page } from '../../components/Page';

const columns: ListColumn<AuditEntry>[] = [
  { key: 'occurredAt', header: 'When', sortable: true, cell: (e) => new Date(e.occurredAt).toLocaleString('en-US') },
  { key: 'action', header: 'Action', sortable: true, cell: (e) => `${e.action}${e.isPiiRead ? ' (personal data)' : ''}` },
  {
    key: 'actorEmail',
    header: 'Who',
    sortable: true,
    cell: (e) => (
      <>
        {e.actorName ? (
          <>
            {e.actorName} <span className="text-base-dark">({e.actorEmail})</span>
            <br />
          </>
        ) : null}
        {e.actorRole}
        {e.lcsaId ? ` · ${e.lcsaId}` : ''}
      </>
    ),
  },
  { key: 'entityType', header: 'Record', sortable: true, cell: (e) => (e.entityId ? `${e.entityType} ${e.entityId}` : e.entityType) },
  { key: 'outcome', header: 'Outcome', sortable: true, cell: (e) => e.outcome },
];

const fields: ListField[] = [
  { name: 'action', label: 'Action starts with', kind: 'text', hint: 'For example case.read or auth.sign_in' },
  { name: 'actorEmail', label: 'Person (email)', kind: 'email' },
  { name: 'entityType', label: 'Record type', kind: 'text', hint: 'For example case, lien or claim' },
  { name: 'entityId', label: 'Record id', kind: 'text' },
  { name: 'from', label: 'From', kind: 'date' },
  { name: 'to', label: 'To', kind: 'date' },
  { name: 'isPiiRead', label: 'Reads of personal data only', kind: 'checkbox' },
];

export function AuditPage() {
  const verify = useMutation({ mutationFn: () => must(client.GET('/api/audit/verify')) });
  return (
    <Page
      title="Audit log"
      intro="Every write and every read of personal data, hash-chained so that tampering shows. Searches and downloads here are audited too."
    >
      <div className="margin-bottom-3">
        <button type="button" className="usa-button usa-button--outline" onClick={() => verify.mutate()} disabled={verify.isPending}>
          Verify the hash chain
        </button>
        <div role="status" aria-live="polite">
          {verify.data ? (verify.data.isIntact ? `Intact: ${verify.data.rowsChecked} rows checked.` : `Broken at row ${verify.data.brokenAtId}.`) : null}
        </div>
        <ErrorAlert error={verify.error} />
      </div>
      <ListView
        id="audit"
        noun="audit entries"
        exportPath="/api/audit"
        columns={columns}
        fields={fields}
        queryKey={['audit']}
        load={(query) => must(client.GET('/api/audit', { params: { query: query as unknown as Query<'/api/audit'> } }))}
        rowKey={(e) => String(e.id)}
        rowHeader="action"
      />
    </Page>
  );
}
