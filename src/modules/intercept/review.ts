/**
 * Review of candidate matches and the purge of claimants who matched no one.
 *
 * LCSA caseworkers see the review-band candidates of obligors in their own LCSA, the claimant and the
 * obligor side by side (names, birth dates, masked SSNs, city and ZIP — never a street address) with
 * each field's evidence, and confirm or reject. A rejected claim then matched no one, so its claimant
 * data is purged like the others. The purge keeps the claim row (insurer, claim number, amount, status)
 * for compliance counts and erases everything about the person; the audit keeps counts only.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { systemActor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, authorize, authorizeAny, rowFilter } from '../../platform/auth/scope';
import { addDays, todayInCalifornia, type CalendarDate } from '../../platform/dates';
import { inForce } from '../../platform/versioned';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import type { ListSource } from '../../platform/lists/lists';
import { enqueueJob } from '../../platform/jobs/jobs';
import type { JobHandler } from '../../platform/jobs/runner';
import { maskSsn } from '../../platform/pii/ssn';
import { findPersons, lcsaNames, type PersonRow } from '../registry/index';
import type { ReviewAgeing, ReviewItem } from './contract';
import type { Evidence } from './domain/match';
import { weightsLabels } from './weights';
import { purgeJobKind } from './intake';
import {
  decideMatchRow,
  eraseAgedAndClosedClaimants,
  eraseUnmatchedClaimants,
  matchInScope,
  matchOrder,
  matchWithClaimInScope,
  pageMatches,
  reviewAgeing,
  type MatchWithClaim,
} from './store';

const place = (city: string | null, zip: string | null) => [city, zip].filter(Boolean).join(' ') || '—';

async function reviewItems(tx: Tx, actor: Actor, rows: MatchWithClaim[]): Promise<ReviewItem[]> {
  await recordAudit(tx, actor, { action: 'intercept.review.read', entityType: 'intercept_match', isPiiRead: true, detail: { count: rows.length } });
  const obligors = await findPersons(
    tx,
    rows.map((r) => r.match.personId),
  );
  const weights = await weightsLabels(
    tx,
    rows.map((r) => r.match.weightsId),
  );
  return rows.map(({ match, claim, insurerName, obligorCase }) => ({
    matchId: match.id,
    claimId: claim.id,
    insurerName,
    claimNumber: claim.claimNumber,
    claimType: claim.claimType,
    amountCents: claim.amountCents,
    score: match.score,
    outcome: match.outcome,
    decision: match.decision,
    pastDueCents: match.pastDueCents,
    waitingSince: match.createdAt.toISOString(),
    claimant: {
      name: [claim.firstName, claim.lastName].filter(Boolean).join(' '),
      dateOfBirth: claim.dateOfBirth,
      ssn: maskSsn(claim.ssnLast4),
      place: place(claim.city, claim.zip),
    },
    obligor: obligorView(obligors.get(match.personId)!),
    obligorCase,
    evidence: match.evidence as Evidence[],
    weights: weights.get(match.weightsId)!,
  }));
}

/**
 * Candidates waiting in the actor's LCSA: the review band by default, or the automatic matches waiting for a
 * notice; oldest first, so none ages out unseen. Every page is a read of personal data, audited.
 */
export const reviewList: ListSource<ReviewItem, { outcome: 'review' | 'match' }> = {
  name: 'intercept-reviews',
  personal: true,
  defaultSort: { sort: 'waiting', dir: 'asc' },
  columns: [
    { key: 'claimNumber', header: 'Claim', value: (r) => r.claimNumber, orderBy: matchOrder.claimNumber },
    { key: 'insurer', header: 'Insurer', value: (r) => r.insurerName, orderBy: matchOrder.insurer },
    { key: 'waiting', header: 'Waiting since', value: (r) => r.waitingSince.slice(0, 10), orderBy: matchOrder.waiting },
    { key: 'score', header: 'Score', value: (r) => r.score, orderBy: matchOrder.score },
    { key: 'amountCents', header: 'Claim amount (cents)', value: (r) => r.amountCents, orderBy: matchOrder.amountCents },
    { key: 'pastDueCents', header: 'Past due (cents)', value: (r) => r.pastDueCents, orderBy: matchOrder.pastDueCents },
    { key: 'claimant', header: 'Claimant', value: (r) => r.claimant.name },
    { key: 'obligor', header: 'Obligor', value: (r) => r.obligor.name },
    { key: 'case', header: 'Case', value: (r) => r.obligorCase?.caseNumber ?? '' },
  ],
  async rows(tx, actor, filters, window) {
    authorize(actor, 'intercept.review');
    const { rows, total } = await pageMatches(tx, rowFilter(actor), { outcome: filters.outcome, q: filters.q }, window);
    return { items: await reviewItems(tx, actor, rows), total };
  },
};

/** One undecided or decided match in the actor's scope, as the review shows it. */
async function reviewItem(tx: Tx, actor: Actor, matchId: string): Promise<ReviewItem> {
  const row = await matchWithClaimInScope(tx, rowFilter(actor), matchId);
  if (!row) throw new AppError('not_found', 'match_not_found', `Match ${matchId} was not found in your scope.`);
  const [item] = await reviewItems(tx, actor, [row]);
  return item!;
}

function obligorView(obligor: PersonRow) {
  return {
    personId: obligor.id,
    name: [obligor.firstName, obligor.middleName, obligor.lastName].filter(Boolean).join(' '),
    dateOfBirth: obligor.dateOfBirth,
    ssn: maskSsn(obligor.ssnLast4),
    place: place(obligor.city, obligor.zip),
  };
}

export async function decideMatch(tx: Tx, actor: Actor, matchId: string, decision: 'confirmed' | 'rejected'): Promise<ReviewItem> {
  authorize(actor, 'intercept.review');
  const { match } = (await matchInScope(tx, rowFilter(actor), matchId)) ?? {};
  if (!match) throw new AppError('not_found', 'match_not_found', `Match ${matchId} was not found in your scope.`);
  assertCanWriteLcsa(actor, match.lcsaId);
  if (match.decision) throw new AppError('conflict', 'match_already_decided', `This match was already ${match.decision}.`);
  await decideMatchRow(tx, match, decision, actor.userId);
  await recordAudit(tx, actor, {
    action: `intercept.match.${decision}`,
    entityType: 'intercept_match',
    entityId: matchId,
    lcsaId: match.lcsaId,
    after: { decision },
  });
  if (decision === 'rejected') await enqueueJob(tx, actor, { kind: purgeJobKind, payload: { claimIds: [match.claimId] } });
  return reviewItem(tx, actor, matchId);
}

export interface ReviewPurgePolicy {
  effectiveFrom: CalendarDate;
  /**
   * [GAP] Ins. Code 13552 says data that does not match an obligor is destroyed promptly; it names no
   * period for a candidate nobody confirmed. Concord treats a review candidate undecided after this many
   * days as not matched, and purges it like a non-match.
   */
  purgeReviewAfterDays: number;
}
export const defaultReviewPurgePolicies: ReviewPurgePolicy[] = [{ effectiveFrom: '2020-01-01', purgeReviewAfterDays: 60 }];

/**
 * The purge the law asks beyond the non-matches: review candidates left undecided past the policy's days,
 * and matched claims whose notice was denied by the insurer or released after a contest. Run by the
 * purge job, which the worker asks for daily.
 */
export async function purgeAgedAndClosed(tx: Tx, today: CalendarDate = todayInCalifornia()) {
  const policy = inForce(defaultReviewPurgePolicies, today);
  const purged = await eraseAgedAndClosedClaimants(tx, addDays(today, -policy.purgeReviewAfterDays));
  await recordAudit(tx, systemActor(), { action: 'intercept.claims.purge_aged', entityType: 'intercept', detail: { ...purged, policy: policy.effectiveFrom } });
  return purged;
}

/** The review queue by age per LCSA, with what the purge will take within a week. */
export async function reviewQueueAgeing(tx: Tx, actor: Actor): Promise<ReviewAgeing> {
  authorizeAny(actor, ['intercept.review', 'intercept.manage']);
  const today = todayInCalifornia();
  const policy = inForce(defaultReviewPurgePolicies, today);
  const names = await lcsaNames(tx);
  const rows = await reviewAgeing(tx, rowFilter(actor), today, policy.purgeReviewAfterDays);
  return { asOf: today, purgeReviewAfterDays: policy.purgeReviewAfterDays, lcsas: rows.map((r) => ({ ...r, lcsaName: names.get(r.lcsaId) ?? r.lcsaId })) };
}

/** Erases the claimant data of a file's (or the given) claims that matched no one; returns how many. */
export async function purgeUnmatched(tx: Tx, target: { fileId?: string; claimIds?: string[] }): Promise<number> {
  const purged = await eraseUnmatchedClaimants(tx, target);
  await recordAudit(tx, systemActor(), {
    action: 'intercept.claims.purge',
    entityType: 'intercept_file',
    entityId: target.fileId ?? null,
    detail: { purged },
  });
  return purged;
}

export const purgeJob: JobHandler = async (ctx) => {
  const payload = ctx.job.payload as { fileId?: string; claimIds?: string[]; aged?: boolean };
  await ctx.commitChunk(async (tx) => {
    if (payload.aged) {
      const { agedReview, closedNotice } = await purgeAgedAndClosed(tx);
      return { done: 1, total: 1, note: `${agedReview} aged review candidates and ${closedNotice} claims of closed notices purged` };
    }
    const purged = await purgeUnmatched(tx, payload);
    return { done: 1, total: 1, note: `${purged} claimants purged` };
  });
};

/** The daily request for the aged purge (the worker runs it as a job). */
export async function requestAgedPurge(tx: Tx): Promise<string> {
  return enqueueJob(tx, systemActor(), { kind: purgeJobKind, payload: { aged: true } });
}
