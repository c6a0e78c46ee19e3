/** Parsers for command-line option values: a bad value stops the command with a message naming the option. */
import { InvalidArgumentError } from 'commander';
import { isCalendarDate, type CalendarDate } from './dates';

export function wholeNumber(name: string, min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    return n;
  };
}

export function calendarDateOption(name: string) {
  return (value: string): CalendarDate => {
    if (!isCalendarDate(value)) throw new InvalidArgumentError(`${name} ${value} is not a calendar date (YYYY-MM-DD).`);
    return value;
  };
}
