import { describe, expect, it } from 'vitest';
import { defaultLienPolicies, defaultReleasePolicies, instrumentFor, recordTasks, releaseDueBy, suppression } from './policy';

const policy = defaultLienPolicies[0]!;
const order = { orderId: 'o', issuedOn: '2026-03-02', courtCountyFips: '06037', currentAmountCents: 50_000, isReserved: false, isTerminated: false } as const;
const facts = { countyFips: '06067', openedOn: '2026-01-10', isChapter13: false, pastDueCents: 0, isObligorOutOfState: false } as const;

describe('when and where to record (22 CCR 116130; policy.ts)', () => {
  it('gives one task per target county, due 45 days after the order is received', () => {
    expect(recordTasks(order, facts, policy)).toEqual([
      { countyFips: '06037', trigger: 'order_received', triggerDate: '2026-03-02', dueBy: '2026-04-16', instrument: 'abstract_of_support_judgment' },
      { countyFips: '06067', trigger: 'order_received', triggerDate: '2026-03-02', dueBy: '2026-04-16', instrument: 'abstract_of_support_judgment' },
    ]);
  });

  it('counts from the case opening when the case opens on an existing order, and records once when the counties are the same', () => {
    const tasks = recordTasks({ ...order, issuedOn: '2020-05-05', courtCountyFips: '06067' }, facts, policy);
    expect(tasks).toEqual([
      { countyFips: '06067', trigger: 'case_opened', triggerDate: '2026-01-10', dueBy: '2026-02-24', instrument: 'abstract_of_support_judgment' },
    ]);
  });

  it('records nothing for a $0 or reserved order, a terminated order with nothing owed, or a Chapter 13 debtor, and says why', () => {
    expect(suppression({ ...order, currentAmountCents: 0 }, facts)).toBe('order_zero');
    expect(suppression({ ...order, isReserved: true }, facts)).toBe('order_reserved');
    expect(suppression({ ...order, isTerminated: true, currentAmountCents: 0 }, facts)).toBe('order_terminated_nothing_owed');
    expect(recordTasks(order, { ...facts, isChapter13: true }, policy)).toEqual([]);
    expect(suppression({ ...order, isTerminated: true, currentAmountCents: 0 }, { ...facts, pastDueCents: 1, isChapter13: true })).toBe('chapter_13_debtor');
  });

  it('keeps a lien for a terminated order with arrears (enforceable until paid, FC 291), as a certified order', () => {
    const arrearsOnly = { ...order, isTerminated: true, currentAmountCents: 0 };
    expect(suppression(arrearsOnly, { ...facts, pastDueCents: 120_000 })).toBeNull();
    expect(recordTasks(arrearsOnly, { ...facts, pastDueCents: 120_000 }, policy).map((t) => t.instrument)).toEqual(['certified_order', 'certified_order']);
  });

  it('uses the federal notice of lien when the obligor lives outside California', () => {
    expect(instrumentFor(order, { ...facts, isObligorOutOfState: true }, policy)).toBe('federal_notice_of_lien');
    expect(instrumentFor(order, facts, policy)).toBe('abstract_of_support_judgment');
  });
});

describe('release deadlines (22 CCR 116134)', () => {
  it('gives 5 days when paid in full, 15 for a wrong person, and a court order the sooner of 15 days and its own', () => {
    const release = defaultReleasePolicies[0]!;
    expect(releaseDueBy('paid_in_full', '2026-11-10', release)).toBe('2026-11-15');
    expect(releaseDueBy('wrong_person', '2026-11-10', release)).toBe('2026-11-25');
    expect(releaseDueBy('court_order', '2026-11-10', release, '2026-11-20')).toBe('2026-11-20');
    expect(releaseDueBy('court_order', '2026-11-10', release, '2026-12-31')).toBe('2026-11-25');
  });
});
