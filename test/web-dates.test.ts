/** The web app's date fields: what was typed becomes a CalendarDate, or an error that names the field. */
import { describe, expect, it } from 'vitest';
import { enteredDate, optionalDate } from '../web/src/components/dates';

describe('a date typed into a form', () => {
  it('is taken when it is a real date, trimmed', () => {
    expect(enteredDate('Received on', ' 2024-02-29 ')).toBe('2024-02-29');
    expect(optionalDate('From', '')).toBeUndefined();
    expect(optionalDate('From', '2026-01-01')).toBe('2026-01-01');
  });

  it('is taken as people in California type it, month first', () => {
    expect(enteredDate('Received on', '12/04/2026')).toBe('2026-12-04');
    expect(enteredDate('Received on', '2/9/2024')).toBe('2024-02-09');
    expect(enteredDate('Received on', '02/29/2024')).toBe('2024-02-29');
  });

  it('is refused with the field named when it is not one', () => {
    for (const text of ['2026-02-30', '02/30/2026', '13/01/2026', '2026-11', '11/24/26', '2026-11-24T08:00:00Z', ''])
      expect(() => enteredDate('Received on', text)).toThrow('Received on: enter a real date as MM/DD/YYYY or YYYY-MM-DD, for example 11/24/2026.');
    expect(() => optionalDate('To', 'yesterday')).toThrow('To: enter a real date');
  });
});
