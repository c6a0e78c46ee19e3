/**
 * The insurer's pre-payment lookup (Ins. Code 13553–13554: an insurer without a central reporting
 * organization checks before paying; an interactive lookup is one of the ways). An insurer about to pay a
 * claim asks whether the claimant owes past-due support and is told yes (a notice to withhold follows: do
 * not pay before it), under review (hold while the department confirms) or no — never an amount, a case
 * or anything about the obligor. The lookup is a claim report like any other: it goes through the same
 * intake (validation, the same matcher and thresholds, one claim per claim number, the purge of
 * non-matches), as a one-line file, so the notice can follow from it. Rate-limited and audited.
 */
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, partnerOf } from '../../platform/auth/scope';
import type { Db } from '../../platform/db/connect';
import { inTransaction } from '../../platform/db/transaction';
import { todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import type { PiiKeys } from '../../platform/pii/keys';
import type { LookupAnswer, LookupRequest } from './contract';
import { csvCells, csvColumns } from './formats';
import { importClaimFile } from './intake';
import { claimStatusByNumber, fileErrors } from './store';

const answers: Record<LookupAnswer['owesPastDueSupport'], string> = {
  yes: 'The claimant owes past-due child support. A notice to withhold follows from the Department of Child Support Services: do not pay the claim before you receive it.',
  under_review:
    'The department is checking whether the claimant owes past-due child support. Hold the payment: you will receive a notice to withhold, or word that you may pay, within ten business days.',
  no: 'The claimant does not owe past-due child support that this program collects. You may pay the claim as usual.',
};

export async function lookupClaimant(db: Db, keys: PiiKeys, actor: Actor, input: LookupRequest): Promise<LookupAnswer> {
  authorize(actor, 'intercept.submit');
  const insurerId = partnerOf(actor);
  if (!insurerId) throw new AppError('forbidden', 'permission_denied', 'The pre-payment lookup is for insurers.');
  const c = input.claimant;
  const line = stringify([[...csvColumns], csvCells({ ...input, ...c })]);
  const file = await importClaimFile(db, keys, actor, {
    fileName: `lookup-${todayInCalifornia()}-${input.claimNumber}.csv`,
    format: 'csv',
    open: () => Readable.from([line]),
  });
  return inTransaction(db, async (tx) => {
    const status = await claimStatusByNumber(tx, insurerId, input.claimNumber);
    if (!status) {
      // The line was refused: the same answer as a file's refused line, by field.
      const problems = await fileErrors(tx, file.id);
      throw new AppError(
        'validation',
        'lookup_invalid',
        'The lookup could not be read.',
        problems.map((p) => ({ path: `/${p.field}`, message: p.reason })),
      );
    }
    const owes: LookupAnswer['owesPastDueSupport'] = status === 'matched' || status === 'confirmed' ? 'yes' : status === 'review' ? 'under_review' : 'no';
    await recordAudit(tx, actor, { action: 'intercept.lookup', entityType: 'intercept_file', entityId: file.id, detail: { answer: owes } });
    return { claimNumber: input.claimNumber, owesPastDueSupport: owes, message: answers[owes] };
  });
}
