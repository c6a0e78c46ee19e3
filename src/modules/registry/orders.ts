/**
 * Court orders and assistance history of a case: record an order, modify or terminate it from an
 * effective date, add an assistance period. Each write checks scope, checks the rules in domain/, and
 * audits in the same transaction.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, assertRowInScope, authorize } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError, type ErrorCode } from '../../platform/errors';
import type { NewAssistancePeriod, NewOrder, NewOrderTerm } from './contract';
import { checkNewTerm } from './domain/order-terms';
import { assistancePeriodsOf, caseForUpdate, findCounty, insertAssistancePeriod, insertOrder, insertOrderTerm, orderForUpdate } from './store';

async function caseForWrite(tx: Tx, actor: Actor, caseId: string) {
  authorize(actor, 'registry.write');
  const found = assertRowInScope(actor, await caseForUpdate(tx, caseId), 'case_not_found', `Case ${caseId}`);
  assertCanWriteLcsa(actor, found.lcsaId);
  return found;
}

function rejectIfProblems(problems: { path: string; message: string }[], code: ErrorCode, what: string): void {
  if (problems.length > 0) throw new AppError('validation', code, `${what}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
}

export async function addOrder(tx: Tx, actor: Actor, caseId: string, input: NewOrder): Promise<{ orderId: string }> {
  const found = await caseForWrite(tx, actor, caseId);
  if (!(await findCounty(tx, input.courtCountyFips))) {
    throw new AppError('validation', 'county_unknown', `No California county has FIPS ${input.courtCountyFips}.`, [
      { path: '/courtCountyFips', message: 'a California county FIPS code' },
    ]);
  }
  const term = { reason: 'original' as const, effectiveFrom: input.issuedOn, amountCents: input.amountCents, isReserved: input.isReserved ?? false };
  rejectIfProblems(checkNewTerm({ issuedOn: input.issuedOn, terms: [] }, term), 'order_term_is_invalid', 'The order cannot be recorded');
  const orderId = await insertOrder(
    tx,
    {
      lcsaId: found.lcsaId,
      caseId,
      courtOrderNumber: input.courtOrderNumber,
      courtCountyFips: input.courtCountyFips,
      orderType: input.orderType,
      issuedOn: input.issuedOn,
    },
    { frequency: input.frequency, ...term },
  );
  if (!orderId) {
    throw new AppError('conflict', 'court_order_already_recorded', `Order ${input.courtOrderNumber} of county ${input.courtCountyFips} is already recorded.`, [
      { path: '/courtOrderNumber', message: 'unique within the court county' },
    ]);
  }
  await recordAudit(tx, actor, { action: 'order.create', entityType: 'order', entityId: orderId, lcsaId: found.lcsaId, after: input });
  return { orderId };
}

export async function addOrderTerm(tx: Tx, actor: Actor, orderId: string, input: NewOrderTerm): Promise<{ caseId: string }> {
  authorize(actor, 'registry.write');
  const locked = await orderForUpdate(tx, orderId);
  const order = assertRowInScope(actor, locked?.order, 'order_not_found', `Order ${orderId}`);
  assertCanWriteLcsa(actor, order.lcsaId);
  const terms = locked!.terms;
  const term = { reason: input.reason, effectiveFrom: input.effectiveFrom, amountCents: input.amountCents, isReserved: input.isReserved ?? false };
  rejectIfProblems(checkNewTerm({ issuedOn: order.issuedOn, terms }, term), 'order_term_is_invalid', `The ${input.reason} cannot be recorded`);
  await insertOrderTerm(tx, { lcsaId: order.lcsaId, orderId, frequency: input.frequency, ...term });
  await recordAudit(tx, actor, {
    action: `order.${input.reason}`,
    entityType: 'order',
    entityId: orderId,
    lcsaId: order.lcsaId,
    before: terms.at(-1),
    after: input,
  });
  return { caseId: order.caseId };
}

export async function addAssistancePeriod(tx: Tx, actor: Actor, caseId: string, input: NewAssistancePeriod): Promise<void> {
  const found = await caseForWrite(tx, actor, caseId);
  if (input.endsOn !== undefined && input.endsOn < input.startsOn) {
    throw new AppError('validation', 'assistance_period_ends_before_start', 'An assistance period cannot end before it starts.', [
      { path: '/endsOn', message: `on or after ${input.startsOn}` },
    ]);
  }
  // The grant is what the family received: it adds to URA, which caps what the state keeps (42 USC 657).
  if (input.program === 'calworks' && input.monthlyGrantCents === undefined) {
    throw new AppError('validation', 'assistance_grant_required', 'A CalWORKs period needs its monthly grant: it adds to unreimbursed assistance.', [
      { path: '/monthlyGrantCents', message: 'required for CalWORKs' },
    ]);
  }
  if (input.program !== 'calworks' && input.monthlyGrantCents !== undefined) {
    throw new AppError('validation', 'assistance_grant_not_calworks', `Only CalWORKs grants are recorded, not ${input.program} amounts.`, [
      { path: '/monthlyGrantCents', message: 'only for CalWORKs' },
    ]);
  }
  const existing = await assistancePeriodsOf(tx, caseId);
  const overlaps = existing.some(
    (p) => p.program === input.program && p.startsOn <= (input.endsOn ?? '9999-12-31') && input.startsOn <= (p.endsOn ?? '9999-12-31'),
  );
  if (overlaps) {
    throw new AppError('conflict', 'assistance_period_overlaps', `The case already has a ${input.program} period overlapping these dates.`, [
      { path: '/startsOn', message: 'must not overlap another period of the same programme' },
    ]);
  }
  const periodId = await insertAssistancePeriod(tx, {
    lcsaId: found.lcsaId,
    caseId,
    program: input.program,
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? null,
    monthlyGrantCents: input.monthlyGrantCents ?? null,
  });
  await recordAudit(tx, actor, {
    action: 'case.assistance_period.add',
    entityType: 'case',
    entityId: caseId,
    lcsaId: found.lcsaId,
    after: { periodId, ...input },
  });
}
