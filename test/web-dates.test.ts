/** The web app's date fields: what was typed becomes a CalendarDate, or an error that names the field. */
import { describe, expect, it } from 'vitest';
import { enteredDate, optionalDate } from '../web/src/components/dates';

describe('a date typed into a form', () => {
  it('is taken when it is a real date, trimmed', () => {
    expect(enteredDate('Received on', ' 2024-02-29 ')).toBe('2024-02-29');
    expect(optionalDate('From', '')).toBeUndefined();
    expect(optionalDate('From', '2026-01-01')).toBe('2026-01-01');
  });

  it('is refused with the field named when it is not one', () => {
    for (const text of ['2026-02-30', '11/24/2026', '2026-11', '2026-11-24T08:00:00Z', ''])
      expect(() => enteredDate('Received on', text)).toThrow('Received on: enter a real date as YYYY-MM-DD, for example 2026-11-24.');
    expect(() => optionalDate('To', 'yesterday')).toThrow('To: enter a real date');
  });
});
