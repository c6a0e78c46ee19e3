/**
 * LIKE conditions whose text is taken literally (%, _ and \\ escaped): "starts with" and, ignoring case,
 * "contains".
 *
 * @example startsWith(cases.caseNumber, 'D001-') // case_number LIKE 'D001-%'
 * @example contains(partners.name, 'mutual') // name ILIKE '%mutual%'
 */
import { ilike, like, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** Text typed into a filter, for a LIKE pattern: its `%`, `_` and `\` match themselves. */
export function likeText(text: string): string {
  return text.replace(/[%_\\]/g, (c) => `\\${c}`);
}

export function startsWith(column: AnyPgColumn, prefix: string, options: { ignoreCase?: boolean } = {}): SQL {
  return (options.ignoreCase ? ilike : like)(column, `${likeText(prefix)}%`);
}

export function contains(column: AnyPgColumn, text: string): SQL {
  return ilike(column, `%${likeText(text)}%`);
}
