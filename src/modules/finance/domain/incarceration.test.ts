import { describe, expect, it } from 'vitest';
import { makeHistory, makeOrder } from './builders';
import { defaultIncarcerationPolicies, firstFullMonthAfter, suspensionsFromIncarcerations, type Incarceration } from './incarceration';
import { defaultPolicies } from './policy';
import { replayAccount } from './replay';

const stay = (from: string, releasedOn: string | null, exceptions: Incarceration['exceptions'] = []): Incarceration => ({
  id: 'stay-1',
  from: from as Incarceration['from'],
  releasedOn: releasedOn as Incarceration['releasedOn'],
  exceptions,
});
const derive = (s: Incarceration, asOf = '2026-12-31') => suspensionsFromIncarcerations([s], defaultIncarcerationPolicies, asOf as Incarceration['from']);
/** The due dates a $500 monthly order from 2024-01-01 charged through `asOf`, with these stays. */
const charged = (stays: Incarceration[], asOf: string) =>
  replayAccount(makeHistory({ orders: [makeOrder({ effectiveFrom: '2024-01-01' })], incarcerations: stays }), asOf as Incarceration['from']).installments.map(
    (i) => i.dueDate,
  );

describe('incarceration suspends support by operation of law (FC 4007.5)', () => {
  it('suspends a stay of more than 90 days from its start until charging resumes on the first of the first full month after release', () => {
    // In custody March 10 to July 7, 2024 (120 days): April–July are not charged; August is.
    expect(derive(stay('2024-03-10', '2024-07-07'))).toEqual([{ from: '2024-03-10', to: '2024-07-31' }]);
    expect(charged([stay('2024-03-10', '2024-07-07')], '2024-09-30')).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-08-01', '2024-09-01']);
  });

  it('does not suspend a stay of 90 days or fewer', () => {
    // January 1 to March 31, 2024: 91 days suspends; January 2 to March 31: 90 days does not.
    expect(derive(stay('2024-01-01', '2024-03-31'))).toHaveLength(1);
    expect(derive(stay('2024-01-02', '2024-03-31'))).toEqual([]);
  });

  it('keeps charging when one of the statute’s exceptions applies', () => {
    for (const exception of ['means_to_pay', 'domestic_violence', 'failure_to_pay_support'] as const)
      expect(derive(stay('2024-03-10', '2024-07-07', [exception]))).toEqual([]);
  });

  it('a release on the 1st waits for the next month: that day was spent in custody', () => {
    expect(firstFullMonthAfter('2024-05-01')).toBe('2024-06-01');
    expect(firstFullMonthAfter('2024-12-31')).toBe('2025-01-01');
  });

  it('counts a stay still going through the as-of date: charged while it is 90 days or less, suspended from its start once it is longer', () => {
    const ongoing = stay('2024-03-10', null);
    expect(charged([ongoing], '2024-06-07')).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01']);
    expect(charged([ongoing], '2024-06-08')).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    // A release recorded after the as-of date is not yet known.
    expect(derive(stay('2024-03-10', '2025-01-15'), '2024-12-31')).toEqual([{ from: '2024-03-10', to: '9999-12-31' }]);
  });

  it('derives nothing before the reenactment (2021-01-01), and only from it for a stay that spans it', () => {
    expect(derive(stay('2019-02-01', '2019-09-30'))).toEqual([]);
    expect(derive(stay('2020-10-01', '2021-03-15'))).toEqual([{ from: '2021-01-01', to: '2021-03-31' }]);
  });

  it('follows the version of the rule in force: a policy that suspends only past the 90th day', () => {
    const afterMinimum = defaultIncarcerationPolicies.map((p) => ({ ...p, suspendsFrom: 'after_minimum' as const }));
    expect(suspensionsFromIncarcerations([stay('2024-03-10', '2024-07-07')], afterMinimum, '2026-12-31')).toEqual([{ from: '2024-06-08', to: '2024-07-31' }]);
    const policies = { ...defaultPolicies, incarceration: afterMinimum };
    const history = makeHistory({ orders: [makeOrder({ effectiveFrom: '2024-01-01' })], incarcerations: [stay('2024-03-10', '2024-07-07')] });
    expect(replayAccount(history, '2024-08-31', policies).installments.map((i) => i.dueDate)).toEqual([
      '2024-01-01',
      '2024-02-01',
      '2024-03-01',
      '2024-04-01',
      '2024-05-01',
      '2024-06-01',
      '2024-08-01',
    ]);
  });
});
