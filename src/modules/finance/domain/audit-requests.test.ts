import { describe, expect, it } from 'vitest';
import { deadlinesFor, queueState, type QueuedRequest } from './audit-requests';

describe('audit request and complaint deadlines', () => {
  it('an arrears audit is due 30 days after the request (CSS Letter 15-12)', () => {
    expect(deadlinesFor({ kind: 'arrears_audit', receivedOn: '2026-01-15' })).toEqual({ dueOn: '2026-02-14', isFiledLate: false, latestExtensionTo: null });
  });

  it('a complaint is resolved in 30 days, extendable by 30, and flagged when filed after the 90-day window (FC 17800)', () => {
    expect(deadlinesFor({ kind: 'complaint', receivedOn: '2026-03-01', knewOn: '2025-12-01' })).toEqual({
      dueOn: '2026-03-31',
      isFiledLate: false,
      latestExtensionTo: '2026-04-30',
    });
    expect(deadlinesFor({ kind: 'complaint', receivedOn: '2026-03-02', knewOn: '2025-12-01' }).isFiledLate).toBe(true);
  });

  it('queues open items as on time, due soon or overdue, and closed ones as on time or late', () => {
    const base: QueuedRequest = { kind: 'arrears_audit', receivedOn: '2026-01-15', dueOn: '2026-02-14', extendedTo: null, completedOn: null };
    expect(queueState(base, '2026-01-20')).toEqual({ state: 'on_time', daysLeft: 25 });
    expect(queueState(base, '2026-02-10')).toEqual({ state: 'due_soon', daysLeft: 4 });
    expect(queueState(base, '2026-02-15')).toEqual({ state: 'overdue', daysLeft: -1 });
    expect(queueState({ ...base, completedOn: '2026-02-14' }, '2026-03-01').state).toBe('completed_on_time');
    expect(queueState({ ...base, completedOn: '2026-02-16' }, '2026-03-01').state).toBe('completed_late');
  });

  it("a director's extension moves a complaint's deadline; an audit's delay letter does not make it timely", () => {
    const complaint: QueuedRequest = { kind: 'complaint', receivedOn: '2026-03-01', dueOn: '2026-03-31', extendedTo: '2026-04-30', completedOn: '2026-04-20' };
    expect(queueState(complaint, '2026-05-01').state).toBe('completed_on_time');
    const audit: QueuedRequest = { kind: 'arrears_audit', receivedOn: '2026-01-15', dueOn: '2026-02-14', extendedTo: '2026-03-01', completedOn: '2026-02-20' };
    expect(queueState(audit, '2026-03-01').state).toBe('completed_late');
  });
});
