/**
 * Who can be matched: obligors on open cases whose past-due support (arrears and unpaid interest, from
 * finance) is at or above the policy threshold, with no exclusion in force (a bankruptcy stay in the
 * registry's bankruptcies, or an exclusion recorded here: bankruptcy stay, unverified SSN, exemption). The list is rebuilt by `refreshMatchable` with each obligor's SSN keys (the blind index
 * the registry keeps, and nine masked blind indexes made here), so that matching never decrypts.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import type { PiiKeys } from '../../platform/pii/keys';
import { revealSsn, ssnKey } from '../../platform/pii/ssn';
import { AppError } from '../../platform/errors';
import { pastDue } from '../finance/index';
import { bankruptcyStatusOf, findPersons, openObligorCases } from '../registry/index';
import { ObligorIndex, preparePerson, type Prepared } from './domain/match';
import { maskedSsn, textKeys, type KeyScheme, type SsnKeys } from './domain/ssn';
import { excludedPersons, insertExclusion, matchableWithFacts, replaceMatchable } from './store';
import type { CalendarDate } from '../../platform/dates';

export interface ScreeningPolicy {
  effectiveFrom: CalendarDate;
  /** [GAP] DCSS publishes no threshold; New Jersey's CSLN screen uses $1,000 of arrears. */
  pastDueThresholdCents: number;
}
export const defaultScreeningPolicy: ScreeningPolicy = { effectiveFrom: '2020-01-01', pastDueThresholdCents: 100_000 };

export function blindKeys(keys: PiiKeys): KeyScheme<string> {
  return textKeys((text) => ssnKey(keys, text));
}

export async function refreshMatchable(
  tx: Tx,
  keys: PiiKeys,
  actor: Actor,
  options: { asOf: CalendarDate; policy?: ScreeningPolicy },
): Promise<{ obligors: number; matchable: number; excluded: number }> {
  authorize(actor, 'intercept.manage');
  const policy = options.policy ?? defaultScreeningPolicy;
  const rows = await openObligorCases(tx);
  const excluded = await excludedPersons(tx, options.asOf);
  // The registry's bankruptcies: while the automatic stay is in force the obligor is not matched.
  for (const [personId, status] of await bankruptcyStatusOf(tx, [...new Set(rows.map((r) => r.personId))], options.asOf)) {
    if (status.isStayInForce) excluded.add(personId);
  }
  const owedByCase = await pastDue(tx, actor, [...new Set(rows.map((r) => r.caseId))], options.asOf);
  const byPerson = new Map<string, { lcsaId: string; pastDueCents: number; ssnCiphertext: string | null }>();
  for (const row of rows) {
    const owed = owedByCase.get(row.caseId) ?? 0;
    const entry = byPerson.get(row.personId) ?? { lcsaId: row.lcsaId, pastDueCents: 0, ssnCiphertext: row.ssnCiphertext };
    entry.pastDueCents += owed;
    byPerson.set(row.personId, entry);
  }
  const values = [];
  let excludedCount = 0;
  for (const [personId, entry] of byPerson) {
    if (entry.pastDueCents < policy.pastDueThresholdCents) continue;
    if (excluded.has(personId)) {
      excludedCount += 1;
      continue;
    }
    const ssn = entry.ssnCiphertext ? revealSsn(keys, entry.ssnCiphertext) : null;
    values.push({
      personId,
      lcsaId: entry.lcsaId,
      pastDueCents: entry.pastDueCents,
      asOf: options.asOf,
      maskedKeys: ssn ? Array.from({ length: 9 }, (_, i) => ssnKey(keys, maskedSsn(ssn, i))) : null,
    });
  }
  await replaceMatchable(tx, values);
  const summary = { obligors: byPerson.size, matchable: values.length, excluded: excludedCount };
  // The SSNs were decrypted to make keys: one audit row with the counts, never the numbers.
  await recordAudit(tx, actor, { action: 'intercept.matchable.refresh', entityType: 'intercept', isPiiRead: true, detail: { ...summary, asOf: options.asOf } });
  return summary;
}

export interface MatchableObligor extends Prepared<SsnKeys<string>> {
  lcsaId: string;
  pastDueCents: number;
}

/** The matchable obligors with their keys and facts, as an index for the matcher. */
export async function loadMatchableIndex(tx: Tx): Promise<ObligorIndex<string, MatchableObligor>> {
  const rows = await matchableWithFacts(tx);
  const obligors: MatchableObligor[] = rows.map((r) => ({
    ...preparePerson(
      { id: r.personId, ssn: null, firstName: r.firstName, lastName: r.lastName, dateOfBirth: r.dateOfBirth, addressLine1: r.addressLine1, zip: r.zip },
      r.exactKey && r.maskedKeys ? { exact: r.exactKey, masked: r.maskedKeys } : null,
    ),
    lcsaId: r.lcsaId,
    pastDueCents: r.pastDueCents,
  }));
  return new ObligorIndex<string, MatchableObligor>(obligors);
}

export const exclusionReasons = ['bankruptcy_stay', 'unverified_ssn', 'exemption'] as const;

/** Records an exclusion from matching (as data, with its dates); the next refresh leaves the person out. */
export async function addExclusion(
  tx: Tx,
  actor: Actor,
  input: { personId: string; reason: (typeof exclusionReasons)[number]; fromDate: CalendarDate; toDate?: CalendarDate },
): Promise<{ id: string }> {
  authorize(actor, 'intercept.manage');
  if (!(await findPersons(tx, [input.personId])).has(input.personId))
    throw new AppError('not_found', 'person_not_found', `Person ${input.personId} was not found.`);
  if (input.toDate && input.toDate < input.fromDate) {
    throw new AppError('validation', 'exclusion_reversed', 'The exclusion must end on or after it starts.', [{ path: '/toDate', message: 'before fromDate' }]);
  }
  // The person leaves the matchable list at once, not only at the next refresh.
  const id = await insertExclusion(tx, { personId: input.personId, reason: input.reason, fromDate: input.fromDate, toDate: input.toDate ?? null });
  await recordAudit(tx, actor, { action: 'intercept.exclusion.add', entityType: 'person', entityId: input.personId, after: input });
  return { id };
}
