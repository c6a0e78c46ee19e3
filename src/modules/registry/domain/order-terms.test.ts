import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../../platform/dates';
import { checkNewTerm, type TermFacts } from './order-terms';

const original: TermFacts = { reason: 'original', effectiveFrom: '2024-01-05', amountCents: 45_000, isReserved: false };
const order: { issuedOn: CalendarDate; terms: TermFacts[] } = { issuedOn: '2024-01-05', terms: [original] };
const modification = (overrides: Partial<TermFacts> = {}): TermFacts => ({
  reason: 'modification',
  effectiveFrom: '2025-02-01',
  amountCents: 52_500,
  isReserved: false,
  ...overrides,
});

describe('order terms', () => {
  it('accepts a modification after the original', () => {
    expect(checkNewTerm(order, modification())).toEqual([]);
  });

  it('accepts a retroactive modification between earlier terms', () => {
    const later = { ...order, terms: [original, modification({ effectiveFrom: '2025-06-01' })] };
    expect(checkNewTerm(later, modification({ effectiveFrom: '2024-09-01' }))).toEqual([]);
  });

  it('refuses a term before the order was issued, or on a date that has one', () => {
    expect(checkNewTerm(order, modification({ effectiveFrom: '2023-12-31' }))).toEqual([
      { path: '/effectiveFrom', message: 'not before the order was issued (2024-01-05)' },
    ]);
    expect(checkNewTerm(order, modification({ effectiveFrom: '2024-01-05' }))[0]?.message).toBe('a term already starts on this date');
  });

  it('charges nothing from a termination or for a reserved term, and allows nothing after a termination', () => {
    expect(checkNewTerm(order, modification({ reason: 'termination', amountCents: 100 }))[0]?.path).toBe('/amountCents');
    expect(checkNewTerm(order, modification({ isReserved: true, amountCents: 100 }))[0]?.message).toBe('must be 0 for a reserved term');
    const ended = { ...order, terms: [original, modification({ reason: 'termination', amountCents: 0, effectiveFrom: '2025-01-01' })] };
    expect(checkNewTerm(ended, modification({ effectiveFrom: '2025-05-01' }))[0]?.message).toBe('the order was terminated from 2025-01-01');
  });

  it('never accepts a negative or fractional amount', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true, noNaN: true })), (amountCents) => {
        expect(checkNewTerm(order, modification({ amountCents })).some((p) => p.path === '/amountCents')).toBe(true);
      }),
    );
  });
});
