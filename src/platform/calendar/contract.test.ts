import { describe, expect, it } from 'vitest';
import { todayInCalifornia } from './contract';

describe('todayInCalifornia', () => {
  it('is the date in Los Angeles, in winter and in summer time, not the date in UTC', () => {
    expect(todayInCalifornia(new Date('2026-11-25T01:00:00Z'))).toBe('2026-11-24'); // 5 pm PST
    expect(todayInCalifornia(new Date('2026-11-25T08:00:00Z'))).toBe('2026-11-25'); // midnight PST
    expect(todayInCalifornia(new Date('2026-07-01T06:59:00Z'))).toBe('2026-06-30'); // 11:59 pm PDT
    expect(todayInCalifornia(new Date('2026-07-01T07:00:00Z'))).toBe('2026-07-01');
  });
});
