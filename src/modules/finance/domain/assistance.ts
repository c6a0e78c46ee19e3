/**
 * A case's assistance history (CalWORKs) by calendar month: the status that decides distribution
 * (current, former, never — 42 USC 657(a)), whether support falling due in a month is assigned to the
 * state (DRA: support accruing while assistance is received, W&I 11477), and the grant that month adds
 * to unreimbursed assistance (URA). Months are month indexes (year × 12 + month − 1, `monthIndexOf`),
 * so a replay asks by number rather than by building `YYYY-MM` strings.
 *
 * @example new AssistanceCalendar(periods).status(monthIndexOf('2024-03-01')) // 'former'
 */
import { monthIndexOf } from '../../../platform/dates';
import type { Cents } from '../../../platform/money';
import type { AssistanceStatus } from './distribution';
import type { AssistancePeriod } from './types';

export class AssistanceCalendar {
  /** Each period's first and last month (inclusive; an open period runs on) and its grant. */
  private readonly from: number[];
  private readonly to: number[];
  private readonly grants: Cents[];
  /** The first month of assistance, or +∞ when there was none. */
  readonly firstMonth: number;

  constructor(periods: AssistancePeriod[]) {
    this.from = periods.map((p) => monthIndexOf(p.from));
    this.to = periods.map((p) => (p.to === null ? Number.POSITIVE_INFINITY : monthIndexOf(p.to)));
    this.grants = periods.map((p) => p.monthlyGrantCents);
    this.firstMonth = Math.min(Number.POSITIVE_INFINITY, ...this.from);
  }

  /** Whether period i covers the month. */
  private covers(i: number, month: number): boolean {
    return this.from[i]! <= month && month <= this.to[i]!;
  }

  isAssistanceMonth(month: number): boolean {
    for (let i = 0; i < this.from.length; i++) if (this.covers(i, month)) return true;
    return false;
  }

  status(month: number): AssistanceStatus {
    if (this.isAssistanceMonth(month)) return 'current';
    return month > this.firstMonth ? 'former' : 'never';
  }

  grantForMonth(month: number): Cents {
    let grant = 0;
    for (let i = 0; i < this.from.length; i++) if (this.covers(i, month)) grant += this.grants[i]!;
    return grant;
  }
}
