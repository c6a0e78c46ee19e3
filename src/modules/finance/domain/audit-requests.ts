/**
 * Deadlines for arrears audit requests and complaints, as versioned policy:
 * - CSS Letter 15-12 (2015-12-03): an audit of arrears is due 30 days after either party asks; when it
 *   cannot be done in time the LCSA sends a delay letter with an estimated completion date.
 * - FC 17800: a complaint is filed within 90 days of when the parent knew or should have known; the
 *   written resolution is due in 30 days and the director may extend it once by 30 more.
 * [GAP] Calendar days throughout, counted from the day after receipt; a complaint filed after the window
 * is still recorded (flagged), since the LCSA may accept it.
 */
import { addDays, daysBetween, type CalendarDate } from '../../../platform/dates';
import { inForce } from './policy';

export interface AuditDeadlinePolicy {
  effectiveFrom: CalendarDate;
  auditDays: number;
  complaintFilingWindowDays: number;
  complaintResolutionDays: number;
  complaintExtensionDays: number;
  /** Open items due within this many days are shown as due soon. */
  dueSoonDays: number;
}

export const defaultAuditDeadlinePolicies: AuditDeadlinePolicy[] = [
  { effectiveFrom: '2015-12-03', auditDays: 30, complaintFilingWindowDays: 90, complaintResolutionDays: 30, complaintExtensionDays: 30, dueSoonDays: 7 },
];

export type AuditRequestKind = 'arrears_audit' | 'complaint';

export interface AuditRequestFacts {
  kind: AuditRequestKind;
  receivedOn: CalendarDate;
  /** Complaints only: when the parent knew or should have known. */
  knewOn?: CalendarDate | null;
}

export interface Deadlines {
  dueOn: CalendarDate;
  /** A complaint received after its 90-day filing window. */
  isFiledLate: boolean;
  /** The latest date a director's extension may set (complaints); null for audits, whose delay letter sets its own estimate. */
  latestExtensionTo: CalendarDate | null;
}

function policyFor(receivedOn: CalendarDate, policies: AuditDeadlinePolicy[]): AuditDeadlinePolicy {
  // Requests received before the first version are held to it: the earliest rule is the most lenient we know.
  return receivedOn < policies[0]!.effectiveFrom ? policies[0]! : inForce(policies, receivedOn);
}

export function deadlinesFor(facts: AuditRequestFacts, policies: AuditDeadlinePolicy[] = defaultAuditDeadlinePolicies): Deadlines {
  const policy = policyFor(facts.receivedOn, policies);
  if (facts.kind === 'arrears_audit') return { dueOn: addDays(facts.receivedOn, policy.auditDays), isFiledLate: false, latestExtensionTo: null };
  const dueOn = addDays(facts.receivedOn, policy.complaintResolutionDays);
  return {
    dueOn,
    isFiledLate: facts.knewOn ? daysBetween(facts.knewOn, facts.receivedOn) > policy.complaintFilingWindowDays : false,
    latestExtensionTo: addDays(dueOn, policy.complaintExtensionDays),
  };
}

export type QueueState = 'on_time' | 'due_soon' | 'overdue' | 'completed_on_time' | 'completed_late';

/** Where a request stands on `today`: the extension or delay-letter date, when there is one, replaces the due date for reminders, not for the record of lateness. */
export interface QueuedRequest {
  kind: AuditRequestKind;
  receivedOn: CalendarDate;
  dueOn: CalendarDate;
  extendedTo: CalendarDate | null;
  completedOn: CalendarDate | null;
}

export function queueState(
  request: QueuedRequest,
  today: CalendarDate,
  policies: AuditDeadlinePolicy[] = defaultAuditDeadlinePolicies,
): { state: QueueState; daysLeft: number | null } {
  // A complaint's director extension moves the legal deadline; an audit's delay letter does not (it is late, with notice).
  const legalDue = request.kind === 'complaint' && request.extendedTo ? request.extendedTo : request.dueOn;
  if (request.completedOn) return { state: request.completedOn <= legalDue ? 'completed_on_time' : 'completed_late', daysLeft: null };
  const daysLeft = daysBetween(today, legalDue);
  if (daysLeft < 0) return { state: 'overdue', daysLeft };
  return { state: daysLeft <= policyFor(request.receivedOn, policies).dueSoonDays ? 'due_soon' : 'on_time', daysLeft };
}
