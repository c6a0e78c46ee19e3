/**
 * Charging: an order's terms → installments with due dates. Monthly orders fall due on the same day
 * of each month as the term's effective date (clamped to the month's end); semi-monthly on the 1st
 * and 15th; bi-weekly and weekly every 14 or 7 days from the effective date. A term runs until the
 * next term's effective date; a termination or a reserved term charges nothing; installments falling
 * due inside a suspension period (FC 4007.5) are charged at $0, so they are not produced.
 *
 * @example
 *   chargeSchedule(order, [], '2024-12-31') // [{ dueDate: '2024-01-01', amountCents: 50_000, … }, …]
 */
import { addDays, dateInMonth, dayOfMonth, monthIndexOf, type CalendarDate } from '../../../platform/dates';
import type { FinanceOrder, Installment, OrderTerm, SuspensionPeriod } from './types';

function dueDatesOf(term: OrderTerm, until: CalendarDate): CalendarDate[] {
  const dates: CalendarDate[] = [];
  const start = term.effectiveFrom;
  const startMonth = monthIndexOf(start);
  switch (term.frequency) {
    case 'monthly': {
      const day = dayOfMonth(start);
      for (let n = 0, due = start; due < until; n++, due = dateInMonth(startMonth + n, day)) dates.push(due);
      break;
    }
    case 'semi_monthly': {
      for (let n = 0; ; n++) {
        const first = dateInMonth(startMonth + n, 1);
        if (first >= until) break;
        const fifteenth = dateInMonth(startMonth + n, 15);
        if (first >= start) dates.push(first);
        if (fifteenth >= start && fifteenth < until) dates.push(fifteenth);
      }
      break;
    }
    case 'biweekly':
    case 'weekly': {
      const step = term.frequency === 'weekly' ? 7 : 14;
      for (let due = start; due < until; due = addDays(due, step)) dates.push(due);
      break;
    }
  }
  return dates;
}

function isSuspended(date: CalendarDate, suspensions: SuspensionPeriod[]): boolean {
  return suspensions.some((s) => s.from <= date && date <= s.to);
}

/** Installments of one order due on or before `through`. */
export function chargeSchedule(order: FinanceOrder, suspensions: SuspensionPeriod[], through: CalendarDate): Installment[] {
  const terms = [...order.terms].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const installments: Installment[] = [];
  const after = addDays(through, 1);
  terms.forEach((term, i) => {
    if (term.reason === 'termination' || term.isReserved || term.amountCents === 0) return;
    const next = terms[i + 1]?.effectiveFrom ?? after;
    const until = next < after ? next : after;
    for (const dueDate of dueDatesOf(term, until)) {
      if (isSuspended(dueDate, suspensions)) continue;
      installments.push({ id: `${order.id}:${dueDate}`, orderId: order.id, dueDate, amountCents: term.amountCents });
    }
  });
  return installments;
}

/**
 * The next support due after `asOf` across a case's orders: the earliest due date and everything due on
 * it (several orders may fall due the same day). Null when nothing more falls due (terminated or
 * reserved orders).
 */
export function nextInstallment(orders: readonly FinanceOrder[], asOf: CalendarDate): { dueOn: CalendarDate; amountCents: number } | null {
  // Every frequency falls due at least once in any 31 days; 62 leave room for a term starting next month.
  const through = addDays(asOf, 62);
  let next: { dueOn: CalendarDate; amountCents: number } | null = null;
  for (const order of orders) {
    for (const installment of chargeSchedule(order, [], through)) {
      if (installment.dueDate <= asOf) continue;
      if (!next || installment.dueDate < next.dueOn) next = { dueOn: installment.dueDate, amountCents: installment.amountCents };
      else if (installment.dueDate === next.dueOn) next.amountCents += installment.amountCents;
      break;
    }
  }
  return next;
}
