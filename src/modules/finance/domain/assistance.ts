/**
 * A case's assistance history (CalWORKs) by calendar month: the status that decides distribution
 * (current, former, never — 42 USC 657(a)), whether support falling due in a month is assigned to the
 * state (DRA: support accruing while assistance is received, W&I 11477), and the grant that month adds
 * to unreimbursed assistance (URA).
 *
 * @example assistanceStatus(periods, '2024-03') // 'former'
 */
import type { Cents } from '../../../platform/money';
import type { AssistanceStatus } from './distribution';
import type { AssistancePeriod } from './types';

/** `YYYY-MM` months covered by the period, inclusive; an open period runs on. */
function covers(period: AssistancePeriod, month: string): boolean {
  return period.from.slice(0, 7) <= month && (period.to === null || month <= period.to.slice(0, 7));
}

export function isAssistanceMonth(periods: AssistancePeriod[], month: string): boolean {
  return periods.some((p) => covers(p, month));
}

export function assistanceStatus(periods: AssistancePeriod[], month: string): AssistanceStatus {
  if (isAssistanceMonth(periods, month)) return 'current';
  return periods.some((p) => p.from.slice(0, 7) < month) ? 'former' : 'never';
}

export function grantForMonth(periods: AssistancePeriod[], month: string): Cents {
  let grant = 0;
  for (const p of periods) if (covers(p, month)) grant += p.monthlyGrantCents;
  return grant;
}
