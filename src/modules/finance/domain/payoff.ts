/**
 * What it takes to pay an account off, and how an obligor has been paying — for lien payoff demands
 * and subordination requests (the liens module).
 *
 * A payoff quote is the replay of the account at the good-through date: every installment due by then
 * and still unpaid, and the interest posted and accrued to that day. The per-diem is the simple interest
 * one more day adds on that unpaid principal, each installment at its own rate (CCP 685.010; 7% before
 * 1983), over 365 days, rounded half-up — what escrow adds for each day it pays late. [GAP] DCSS
 * publishes no per-diem convention for demands; the daily rate on unpaid principal is the plain reading.
 */
import { monthOf, nextMonth } from '../../../platform/dates';
import { rateForDueDate, type InterestPolicy } from './policy';
import type { ReplayResult } from './replay';
import type { Collection, Installment } from './types';

export interface PayoffQuote {
  principalCents: number;
  interestCents: number;
  totalCents: number;
  perDiemCents: number;
}

export function payoffQuote(result: ReplayResult, policy: InterestPolicy): PayoffQuote {
  let principalCents = 0;
  let dailyCents = 0;
  for (const inst of result.installments) {
    if (inst.unpaidCents === 0) continue;
    principalCents += inst.unpaidCents;
    dailyCents += (inst.unpaidCents * rateForDueDate(policy.rates, inst.dueDate)) / 10_000 / 365;
  }
  const interestCents = result.balances.interestCents + result.balances.interestAccruedUnpostedCents;
  return { principalCents, interestCents, totalCents: principalCents + interestCents, perDiemCents: Math.round(dailyCents) };
}

export interface PaymentMonth {
  month: string;
  /** Support that fell due in the month. */
  chargedCents: number;
  collectedCents: number;
  /** Of which by wage withholding (an income withholding order / wage assignment). */
  wageWithholdingCents: number;
}

/** Month by month from `fromMonth` to `toMonth` (YYYY-MM, inclusive): support charged and collected. */
export function paymentHistory(installments: Installment[], collections: Collection[], fromMonth: string, toMonth: string): PaymentMonth[] {
  const months = new Map<string, PaymentMonth>();
  for (let m = fromMonth; m <= toMonth; m = nextMonth(m)) months.set(m, { month: m, chargedCents: 0, collectedCents: 0, wageWithholdingCents: 0 });
  for (const inst of installments) {
    const row = months.get(monthOf(inst.dueDate));
    if (row) row.chargedCents += inst.amountCents;
  }
  for (const c of collections) {
    const row = months.get(monthOf(c.receivedOn));
    if (!row) continue;
    row.collectedCents += c.amountCents;
    if (c.source === 'wage_withholding') row.wageWithholdingCents += c.amountCents;
  }
  return [...months.values()];
}
