/**
 * A LIKE condition for "starts with" whose text is taken literally (%, _ and \\ escaped).
 *
 * @example startsWith(cases.caseNumber, 'D001-') // case_number LIKE 'D001-%'
 */
import { like, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

export function startsWith(column: AnyPgColumn, prefix: string): SQL {
  return like(column, `${prefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
}
