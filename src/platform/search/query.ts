/**
 * Reading what someone typed in the search box: identifiers (case, order, receipt, claim numbers), a
 * name, or the last four of an SSN with a date of birth typed as 05/02/1980, 5/2/1980 or 1980-05-02.
 *
 * @example readSearchText('1234 05/02/1980') // { ssnLast4: '1234', dateOfBirth: '1980-05-02', … }
 */
import { readTypedDate } from '../calendar/contract';
import type { CalendarDate } from '../dates';

export interface SearchText {
  /** Trimmed, inner spaces collapsed. */
  text: string;
  /** One word in upper case (case, order, receipt and claim numbers, or their first characters), or null. */
  identifier: string | null;
  /** Lower case letters, spaces, hyphens and apostrophes only, when the text reads as a name. */
  name: string | null;
  ssnLast4: string | null;
  dateOfBirth: CalendarDate | null;
  /** Why the text cannot be searched as typed, or null. */
  hint: string | null;
}

const maskedLast4 = /^(?:\*{3}-?\*{2}-?)?(\d{4})$/;

export function readSearchText(raw: string): SearchText {
  const text = raw.trim().replace(/\s+/g, ' ');
  const words = text.split(' ');
  const dates = words.map(readTypedDate);
  const dateOfBirth = dates.find((d) => d !== null) ?? null;
  const rest = words.filter((_, i) => dates[i] === null);
  const last4 = rest.length === 1 ? (maskedLast4.exec(rest[0]!)?.[1] ?? null) : null;
  let hint: string | null = null;
  if (last4 && !dateOfBirth) hint = 'To find a person by the last four digits of their SSN, add their date of birth, e.g. 1234 05/02/1980.';
  else if (dateOfBirth && !last4) hint = 'A date of birth alone finds no one: type it with the last four digits of the SSN, e.g. 1234 05/02/1980.';
  const isIdentifier = !last4 && !dateOfBirth && /^[\w./-]+$/.test(text);
  const isName = /^\p{L}[\p{L}' .-]*$/u.test(text) && /\p{L}{2}/u.test(text);
  return {
    text,
    identifier: isIdentifier ? text.toUpperCase() : null,
    name: isName ? text.toLowerCase() : null,
    ssnLast4: last4 && dateOfBirth ? last4 : null,
    dateOfBirth: last4 ? dateOfBirth : null,
    hint,
  };
}
