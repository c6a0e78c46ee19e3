/** What people type as dollars, read as integer cents by the web app's forms. */
import { describe, expect, it } from 'vitest';
import { parseDollarsToCents } from '../web/src/components/money';

describe('parseDollarsToCents', () => {
  it('reads dollars and cents without floating point', () => {
    expect(parseDollarsToCents('1,234.5')).toBe(123_450);
    expect(parseDollarsToCents('$0.07')).toBe(7);
    expect(parseDollarsToCents(' 19.99 ')).toBe(1_999);
  });

  it('refuses what is not an amount, a negative unless asked, and more digits than allowed', () => {
    for (const text of ['', 'abc', '1.234', '1e3', '12.3.4', '-5']) expect(parseDollarsToCents(text)).toBeNull();
    expect(parseDollarsToCents('12345678')).toBeNull();
    expect(parseDollarsToCents('12,345,678.90', { maxDollarDigits: 9 })).toBe(1_234_567_890);
  });

  it('reads a negative adjustment written with a minus or in parentheses when asked', () => {
    expect(parseDollarsToCents('-1,200.00', { signed: true })).toBe(-120_000);
    expect(parseDollarsToCents('(1,200.5)', { signed: true })).toBe(-120_050);
    expect(parseDollarsToCents('--5', { signed: true })).toBeNull();
  });
});
