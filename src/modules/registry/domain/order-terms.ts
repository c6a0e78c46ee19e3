/**
 * Rules for an order's terms over time (pure): the original term starts on the issue date; each
 * modification or termination starts on its own, later or earlier, effective date but never before the
 * order was issued and never on a date that already has a term; a termination charges $0 and nothing
 * may follow it; a reserved term charges $0.
 *
 * @example
 *   checkNewTerm({ issuedOn: '2024-01-05', terms: [original] }, { reason: 'termination', effectiveFrom: '2025-03-01', amountCents: 0, ... })
 *   // [] (no problems)
 */
import type { FieldError } from '../../../platform/errors';
import type { CalendarDate } from '../../../platform/dates';

export interface TermFacts {
  reason: 'original' | 'modification' | 'termination';
  effectiveFrom: CalendarDate;
  amountCents: number;
  isReserved: boolean;
}

export function checkNewTerm(order: { issuedOn: CalendarDate; terms: TermFacts[] }, term: TermFacts): FieldError[] {
  const problems: FieldError[] = [];
  if (!Number.isSafeInteger(term.amountCents) || term.amountCents < 0) problems.push({ path: '/amountCents', message: 'whole cents, zero or more' });
  if ((term.reason === 'termination' || term.isReserved) && term.amountCents !== 0) {
    problems.push({ path: '/amountCents', message: `must be 0 for a ${term.reason === 'termination' ? 'termination' : 'reserved term'}` });
  }
  if (term.effectiveFrom < order.issuedOn) problems.push({ path: '/effectiveFrom', message: `not before the order was issued (${order.issuedOn})` });
  if (order.terms.some((t) => t.effectiveFrom === term.effectiveFrom)) problems.push({ path: '/effectiveFrom', message: 'a term already starts on this date' });
  const termination = order.terms.find((t) => t.reason === 'termination');
  if (termination && term.effectiveFrom > termination.effectiveFrom) {
    problems.push({ path: '/effectiveFrom', message: `the order was terminated from ${termination.effectiveFrom}` });
  }
  if (term.reason === 'original' && order.terms.length > 0) problems.push({ path: '/reason', message: 'an order has one original term' });
  return problems;
}
