/**
 * The case list: paged, sorted and filtered on the server (platform/lists), and its export — an outbound
 * file, so every address goes through outboundAddress() (a family-violence-flagged person's address never
 * leaves) and SSNs are masked. The page shows only the case and the obligor's name; the export adds the
 * parties, and is audited as a read of personal data.
 */
import type { Actor } from '../../platform/auth/actor';
import { authorize, rowFilter } from '../../platform/auth/scope';
import type { ListSource } from '../../platform/lists/lists';
import { outboundAddress } from '../../platform/pii/address';
import { maskSsn } from '../../platform/pii/ssn';
import type { CaseSummary } from './contract';
import { caseOrder, casesWithParties, pageCases, type CaseSelection, type CaseRow, type PersonRecord as Person } from './store';

type CaseFilters = { status?: 'open' | 'closed'; lcsaId?: string; caseNumber?: string; q?: string };
type CaseWithParties = Awaited<ReturnType<typeof casesWithParties>>[number];

function name(person: Person | null): string {
  return person ? `${person.lastName}, ${person.firstName}` : '';
}

function address(person: Person | null): string {
  return person ? outboundAddress(person).lines.join(', ') : '';
}

function summaryOf(row: CaseRow): Omit<CaseSummary, 'obligorName'> {
  return { id: row.id, caseNumber: row.caseNumber, lcsaId: row.lcsaId, countyFips: row.countyFips, status: row.status, openedOn: row.openedOn };
}

function selection(actor: Actor, filters: CaseFilters): CaseSelection {
  authorize(actor, 'registry.read');
  return { filter: rowFilter(actor), status: filters.status, lcsaId: filters.lcsaId, caseNumber: filters.caseNumber, q: filters.q };
}

export const caseList: ListSource<CaseSummary, Omit<CaseFilters, 'q'>, CaseWithParties> = {
  name: 'cases',
  personal: true,
  defaultSort: { sort: 'caseNumber', dir: 'asc' },
  columns: [
    { key: 'caseNumber', header: 'Case number', value: (c) => c.caseNumber, orderBy: caseOrder.caseNumber },
    { key: 'obligor', header: 'Obligor', value: (c) => c.obligorName ?? '', orderBy: caseOrder.obligor },
    { key: 'lcsa', header: 'LCSA', value: (c) => c.lcsaId, orderBy: caseOrder.lcsa },
    { key: 'county', header: 'County FIPS', value: (c) => c.countyFips, orderBy: caseOrder.county },
    { key: 'status', header: 'Status', value: (c) => c.status, orderBy: caseOrder.status },
    { key: 'openedOn', header: 'Opened on', value: (c) => c.openedOn, orderBy: caseOrder.openedOn },
  ],
  async rows(tx, actor, filters, window) {
    const { items, total } = await pageCases(tx, selection(actor, filters), window);
    return {
      items: items.map(({ row, obligorFirst, obligorLast }) => ({ ...summaryOf(row), obligorName: obligorLast ? `${obligorLast}, ${obligorFirst}` : null })),
      total,
    };
  },
  export: {
    columns: [
      { key: 'caseNumber', header: 'Case number', value: (r) => r.row.caseNumber },
      { key: 'lcsa', header: 'LCSA', value: (r) => r.row.lcsaId },
      { key: 'county', header: 'County FIPS', value: (r) => r.row.countyFips },
      { key: 'status', header: 'Status', value: (r) => r.row.status },
      { key: 'openedOn', header: 'Opened on', value: (r) => r.row.openedOn },
      { key: 'obligor', header: 'Obligor', value: (r) => name(r.obligor) },
      { key: 'obligorSsn', header: 'Obligor SSN', value: (r) => maskSsn(r.obligor?.ssnLast4 ?? null) ?? '' },
      { key: 'obligorAddress', header: 'Obligor address', value: (r) => address(r.obligor) },
      { key: 'custodialParty', header: 'Custodial party', value: (r) => name(r.custodial) },
      { key: 'custodialPartyAddress', header: 'Custodial party address', value: (r) => address(r.custodial) },
    ],
    rows: (tx, actor, filters, window) => casesWithParties(tx, selection(actor, filters), window),
  },
};
