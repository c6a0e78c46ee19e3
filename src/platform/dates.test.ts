import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  calendarDate,
  dayNumberInMonth,
  daysBetween,
  daysFromCivil,
  daysInMonth,
  endOfMonth,
  firstOfMonth,
  fromDayNumber,
  isCalendarDate,
  nextMonth,
  type CalendarDate,
  toDayNumber,
} from './dates';
import { divideRoundHalfUp, formatCents, type BasisPoints, type Cents } from './money';

describe('money units', () => {
  it('takes plain numbers as cents or basis points but refuses one unit where the other belongs', () => {
    const amount: Cents = 12_345;
    const rate: BasisPoints = 1_000;
    const sum: Cents = amount + 5;
    // @ts-expect-error a rate is not an amount
    const wrongAmount: Cents = rate;
    // @ts-expect-error an amount is not a rate
    const wrongRate: BasisPoints = amount;
    expect([sum, wrongAmount, wrongRate]).toEqual([12_350, 1_000, 12_345]);
  });
});

describe('the CalendarDate type', () => {
  it('takes a written date and refuses a timestamp, a month or a bare string until it is checked', () => {
    const written: CalendarDate = '2026-11-24';
    // @ts-expect-error a timestamp is not a business date
    const stamp: CalendarDate = '2026-11-24T08:00:00Z';
    // @ts-expect-error a month is not a date
    const month: CalendarDate = '2026-11';
    const fromRequest: string = '2026-02-30';
    // @ts-expect-error a string from outside must be checked first
    const unchecked: CalendarDate = fromRequest;
    expect([written, stamp, month, unchecked]).toHaveLength(4);
    expect(() => calendarDate(fromRequest, 'receivedOn')).toThrow('receivedOn must be a calendar date YYYY-MM-DD, got "2026-02-30"');
    expect(calendarDate('2024-02-29')).toBe('2024-02-29');
  });

  it('steps through months written YYYY-MM', () => {
    expect(firstOfMonth('2026-02')).toBe('2026-02-01');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(() => firstOfMonth('2026-13')).toThrow('month must be a calendar date');
  });
});

describe('calendar dates', () => {
  it('round-trips every date through its day number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (day) => {
        expect(toDayNumber(fromDayNumber(day))).toBe(day + 0);
      }),
    );
  });

  it('counts days by arithmetic exactly as Date.UTC does, and clamps a day to its month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const inMonth = Math.min(day, daysInMonth(year, month));
        const utc = new Date(0);
        utc.setUTCFullYear(year, month - 1, inMonth);
        expect(daysFromCivil(year, month, inMonth)).toBe(Math.floor(utc.getTime() / 86_400_000));
        expect(dayNumberInMonth(year * 12 + month - 1, day)).toBe(daysFromCivil(year, month, inMonth));
      }),
    );
  });

  it('converts dates to day numbers as Date.UTC does, in the tabled years (1600–2399), at their edges and beyond', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const years = fc.oneof(fc.integer({ min: 1590, max: 2410 }), fc.integer({ min: 1, max: 9999 }));
    fc.assert(
      fc.property(years, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const inMonth = Math.min(day, daysInMonth(year, month));
        const utc = new Date(0);
        utc.setUTCFullYear(year, month - 1, inMonth);
        const expected = Math.floor(utc.getTime() / 86_400_000);
        expect(toDayNumber(calendarDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(inMonth, 2)}`))).toBe(expected);
        expect(dayNumberInMonth(year * 12 + month - 1, day)).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
    expect(toDayNumber('1600-01-01')).toBe(daysFromCivil(1600, 1, 1));
    expect(toDayNumber('2399-12-31')).toBe(daysFromCivil(2399, 12, 31));
    expect(dayNumberInMonth(2399 * 12 + 11, 31)).toBe(daysFromCivil(2399, 12, 31));
    expect(toDayNumber('2400-01-01')).toBe(daysFromCivil(2400, 1, 1));
    expect(toDayNumber('1599-12-31')).toBe(daysFromCivil(1599, 12, 31));
  });

  it('adds months clamped to the end of the month, keeping the intended day', () => {
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonthsClamped('2024-02-29', 1, 31)).toBe('2024-03-31');
    expect(addMonthsClamped('2024-11-15', 2)).toBe('2025-01-15');
  });

  it('agrees with Date.UTC on adding months and on the end of the month, for any date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: -600, max: 600 }),
        (year, month, day, months) => {
          const date = fromDayNumber(daysFromCivil(year, month, Math.min(day, daysInMonth(year, month))));
          const target = new Date(Date.UTC(year, month - 1 + months, 1));
          const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
          const expected = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, lastDay)));
          expect(addMonthsClamped(date, months, day)).toBe(expected.toISOString().slice(0, 10));
          expect(endOfMonth(date)).toBe(new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10));
        },
      ),
    );
  });

  it('counts days across leap years', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('knows the length of every month, leap years included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 2400 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
      }),
    );
  });

  it('knows real dates from impossible ones', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
  });
});

describe('money', () => {
  it('rounds half up on exact integers', () => {
    expect(divideRoundHalfUp(5, 2)).toBe(3);
    expect(divideRoundHalfUp(-5, 2)).toBe(-3);
    expect(divideRoundHalfUp(4, 3)).toBe(1);
    expect(divideRoundHalfUp(50_000 * 1_000, 10_000 * 12)).toBe(417);
  });

  it('formats cents as dollars', () => {
    expect(formatCents(123_456_78)).toBe('$123,456.78');
    expect(formatCents(-5)).toBe('-$0.05');
  });
});
