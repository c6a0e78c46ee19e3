/**
 * The case list as CSV: an outbound export, so every address goes through outboundAddress() (a
 * family-violence-flagged person's address never leaves) and SSNs are masked. Bounded at
 * `maxExportRows`; the export is audited as a read of personal data.
 */
import { toCsv } from '../../platform/export-cells';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import { outboundAddress } from '../../platform/pii/address';
import { maskSsn } from '../../platform/pii/ssn';
import { casesWithParties, type PersonRecord as Person } from './store';

export const maxExportRows = 10_000;

function name(person: Person | null): string {
  return person ? `${person.lastName}, ${person.firstName}` : '';
}

function address(person: Person | null): string {
  return person ? outboundAddress(person).lines.join(', ') : '';
}

export async function exportCasesCsv(tx: Tx, actor: Actor, filter: { status?: 'open' | 'closed'; caseNumber?: string }): Promise<string> {
  authorize(actor, 'registry.read');
  const rows = await casesWithParties(tx, { filter: rowFilter(actor), status: filter.status, caseNumber: filter.caseNumber }, maxExportRows + 1);
  if (rows.length > maxExportRows) {
    throw new AppError('validation', 'export_too_large', `The export would have more than ${maxExportRows} cases; narrow it with status or caseNumber.`, [
      { path: 'querystring', message: `at most ${maxExportRows} rows` },
    ]);
  }
  await recordAudit(tx, actor, { action: 'case.export', entityType: 'case', isPiiRead: true, lcsaId: actor.lcsaId, detail: { rows: rows.length, ...filter } });
  return toCsv(
    rows.map(({ row, obligor: o, custodial: c }) => [
      row.caseNumber,
      row.lcsaId,
      row.countyFips,
      row.status,
      row.openedOn,
      name(o),
      maskSsn(o?.ssnLast4 ?? null) ?? '',
      address(o),
      name(c),
      address(c),
    ]),
    {
      header: true,
      columns: [
        'case_number',
        'lcsa_id',
        'county_fips',
        'status',
        'opened_on',
        'obligor',
        'obligor_ssn',
        'obligor_address',
        'custodial_party',
        'custodial_party_address',
      ],
    },
  );
}
