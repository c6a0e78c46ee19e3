/** Readable test and example data for the finance engine: valid by default, overridable. */
import { addDays, type CalendarDate } from '../../../platform/dates';
import type { CaseHistory } from './replay';
import type { Collection, FinanceOrder, OrderTerm } from './types';

export function makeOrder(overrides: Partial<FinanceOrder> & { monthlyAmountCents?: number; effectiveFrom?: CalendarDate } = {}): FinanceOrder {
  const { monthlyAmountCents = 50_000, effectiveFrom = '2024-01-01', ...rest } = overrides;
  const original: OrderTerm = { effectiveFrom, reason: 'original', frequency: 'monthly', amountCents: monthlyAmountCents, isReserved: false };
  return { id: 'order-1', issuedOn: effectiveFrom, terms: [original], ...rest };
}

/** An order that charged one installment and ended the next day: the shape of most interest examples. */
export function makeSingleInstallmentOrder(dueDate: CalendarDate, amountCents: number, overrides: Partial<FinanceOrder> = {}): FinanceOrder {
  const nextDay = addDays(dueDate, 1);
  return makeOrder({
    effectiveFrom: dueDate,
    terms: [
      { effectiveFrom: dueDate, reason: 'original', frequency: 'monthly', amountCents, isReserved: false },
      { effectiveFrom: nextDay, reason: 'termination', frequency: 'monthly', amountCents: 0, isReserved: false },
    ],
    ...overrides,
  });
}

export function makeCollection(receivedOn: CalendarDate, amountCents: number, overrides: Partial<Collection> = {}): Collection {
  return { id: `c-${receivedOn}-${amountCents}`, receivedOn, amountCents, source: 'wage_withholding', ...overrides };
}

export function makeHistory(overrides: Partial<CaseHistory> = {}): CaseHistory {
  return {
    caseId: 'case-1',
    orders: [makeOrder()],
    collections: [],
    suspensions: [],
    activeDuty: [],
    assistance: [],
    childCount: 1,
    adjustments: [],
    ...overrides,
  };
}
