/**
 * The liens module's SQL over its own tables, with the registry's names (LCSAs, counties, people) read
 * through the registry's functions, never its tables.
 */
import { and, eq, inArray, isNotNull, type SQL } from 'drizzle-orm';
import { compareText } from '../../platform/compare';
import type { Tx } from '../../platform/db/connect';
import { countyNames, findPersons, lcsaNames, personName } from '../registry/index';
import { liens } from './schema';

type LienRow = typeof liens.$inferSelect;

/** Liens with their county's and LCSA's names. */
export async function withNames(tx: Tx, rows: LienRow[]): Promise<(LienRow & { countyName: string; lcsaName: string })[]> {
  const [counties, lcsas] = [await countyNames(tx), await lcsaNames(tx)];
  return rows.map((l) => ({ ...l, countyName: counties.get(l.countyFips) ?? l.countyFips, lcsaName: lcsas.get(l.lcsaId) ?? l.lcsaId }));
}

/** Liens matching `where`, each with its county's and LCSA's names. */
export async function liensWithNames(tx: Tx, where: SQL | undefined): Promise<(LienRow & { countyName: string; lcsaName: string })[]> {
  return withNames(tx, await tx.select().from(liens).where(where));
}

/** Which of these people have a lien. */
export async function peopleWithLiens(tx: Tx, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ personId: liens.personId })
    .from(liens)
    .where(inArray(liens.personId, [...personIds]));
  return new Set(rows.map((r) => r.personId));
}

/** These people's recorded (or partly released) liens, as a payoff demand lists them: by county, then date recorded. */
export async function storedLiensOf(
  tx: Tx,
  personIds: readonly string[],
): Promise<{ countyName: string; lcsaName: string; instrumentNumber: string; recordedOn: string }[]> {
  if (personIds.length === 0) return [];
  const rows = await liensWithNames(tx, and(inArray(liens.personId, [...personIds]), inArray(liens.status, ['recorded', 'partially_released'])));
  return rows
    .sort((a, b) => compareText(a.countyName, b.countyName) || compareText(a.recordedOn ?? '', b.recordedOn ?? ''))
    .map((l) => ({ countyName: l.countyName, lcsaName: l.lcsaName, instrumentNumber: l.instrumentNumber!, recordedOn: l.recordedOn! }));
}

/** The counties, by name, of the liens a release covers. */
export async function countiesOfRelease(tx: Tx, releaseId: string): Promise<string[]> {
  const rows = await liensWithNames(tx, eq(liens.releaseId, releaseId));
  return [...new Set(rows.map((l) => l.countyName))].sort(compareText);
}

/** The recorded liens matching `where`, each with its county, LCSA and debtor, by county and date recorded (or by date alone). */
export async function recordedLiensForLetters(
  tx: Tx,
  where: SQL,
  options: { byCounty: boolean; middleName: boolean },
): Promise<(LienRow & { countyName: string; lcsaName: string; debtor: string; instrumentNumber: string; recordedOn: string })[]> {
  const rows = await liensWithNames(tx, and(where, isNotNull(liens.recordedOn)));
  const people = await findPersons(
    tx,
    rows.map((l) => l.personId),
  );
  return rows
    .map((l) => {
      const p = people.get(l.personId);
      const debtor = p ? personName(p, { middle: options.middleName }) : '';
      return { ...l, debtor, instrumentNumber: l.instrumentNumber ?? '', recordedOn: l.recordedOn! };
    })
    .sort((a, b) => (options.byCounty ? compareText(a.countyName, b.countyName) : 0) || compareText(a.recordedOn, b.recordedOn));
}
