/**
 * The intercept module's SQL over its own tables: insurers (each a platform partner organisation), the
 * outreach log, claim files with their claims, matches and refused lines, the matchable list and its
 * exclusions, notices and their answers, and the compliance figures. People, cases and money are read
 * through the registry's and finance's public functions, never their tables. Services pass the actor's
 * row filter; the store applies it to each table's LCSA or insurer.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { scopeSql, type RowFilter } from '../../platform/auth/scope';
import { partners } from '../../platform/auth/schema';
import { businessDate } from '../../platform/db/business-date';
import type { Tx } from '../../platform/db/connect';
import { queryRows } from '../../platform/db/rows';
import { contains, startsWith } from '../../platform/db/like';
import { countAll, windowRows, windowSelect, type ListWindow } from '../../platform/lists/lists';
import { countDue, type WorkCount } from '../../platform/work/work';
import { addDays, type CalendarDate, type Period } from '../../platform/dates';
import { shareFromQuery, type ProgressMetric } from '../../platform/progress-metric';
import { obligorCaseInLcsa, personMatchFacts } from '../registry/index';
import type { ComplianceReport } from './contract';
import {
  interceptClaimFiles,
  interceptClaims,
  interceptExclusions,
  interceptFileErrors,
  interceptInsurers,
  interceptMatchable,
  interceptMatches,
  interceptMatchWeights,
  interceptNoticeAnswers,
  interceptNotices,
  interceptOutreach,
  interceptContests,
  interceptSduReceipts,
} from './schema';

export type InsurerRow = typeof interceptInsurers.$inferSelect;
export type ClaimFileRow = typeof interceptClaimFiles.$inferSelect;
export type ClaimRow = typeof interceptClaims.$inferSelect;
export type NewClaim = typeof interceptClaims.$inferInsert;
export type MatchRow = typeof interceptMatches.$inferSelect;
export type NewMatch = typeof interceptMatches.$inferInsert;
export type NewFileError = typeof interceptFileErrors.$inferInsert;
export type NoticeRow = typeof interceptNotices.$inferSelect;
export type OutreachRow = typeof interceptOutreach.$inferSelect;
export type ReceiptRow = typeof interceptSduReceipts.$inferSelect;
export type ContestRow = typeof interceptContests.$inferSelect;
type InsurerValues = Omit<typeof interceptInsurers.$inferInsert, 'partnerId'>;

// Insurers

export async function insurerByNaic(tx: Tx, naicCode: string): Promise<InsurerRow | undefined> {
  const [row] = await tx.select().from(interceptInsurers).where(eq(interceptInsurers.naicCode, naicCode));
  return row;
}

/** The registered insurer with its organisation's name, if the filter reaches it. */
export async function insurerInScope(tx: Tx, filter: RowFilter, partnerId: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await tx
    .select({ id: interceptInsurers.partnerId, name: partners.name })
    .from(interceptInsurers)
    .innerJoin(partners, eq(partners.id, interceptInsurers.partnerId))
    .where(and(eq(interceptInsurers.partnerId, partnerId), scopeSql(filter, { partner: interceptInsurers.partnerId })));
  return row;
}

/** Creates the insurer's partner organisation, or renames the existing one; its id. */
export async function savePartnerOrganisation(tx: Tx, existingId: string | undefined, name: string): Promise<string> {
  if (existingId) {
    await tx.update(partners).set({ name }).where(eq(partners.id, existingId));
    return existingId;
  }
  const [created] = await tx.insert(partners).values({ name, kind: 'insurer' }).returning({ id: partners.id });
  return created!.id;
}

export async function upsertInsurer(tx: Tx, partnerId: string, values: InsurerValues): Promise<void> {
  const row = { partnerId, ...values };
  await tx.insert(interceptInsurers).values(row).onConflictDoUpdate({ target: interceptInsurers.partnerId, set: row });
}

/** Links an existing partner organisation to the registry, leaving one already linked as it is. */
export async function linkInsurer(tx: Tx, partnerId: string, values: InsurerValues): Promise<void> {
  await tx
    .insert(interceptInsurers)
    .values({ partnerId, ...values })
    .onConflictDoNothing();
}

export async function insurersInScope(tx: Tx, filter: RowFilter): Promise<{ insurer: InsurerRow; name: string }[]> {
  return tx
    .select({ insurer: interceptInsurers, name: partners.name })
    .from(interceptInsurers)
    .innerJoin(partners, eq(partners.id, interceptInsurers.partnerId))
    .where(scopeSql(filter, { partner: interceptInsurers.partnerId }))
    .orderBy(asc(partners.name));
}

// Compliance and outreach

type ComplianceRow = Omit<ComplianceReport['insurers'][number], 'reportingShare'>;

/** Per insurer for the period: files, months with a file, claims, matches, notices, answers, remittances. */
export async function complianceRows(tx: Tx, period: Period): Promise<ComplianceRow[]> {
  const received = businessDate(sql`created_at`);
  return queryRows<ComplianceRow>(
    tx,
    sql`with f as (
          select insurer_id, count(*)::int as files, count(distinct to_char(${received}, 'YYYY-MM'))::int as months, sum(accepted_count)::int as claims,
                 sum(matched_count + review_count)::int as matches, max(${received})::text as last_file_on
          from ${interceptClaimFiles} where status = 'received' and ${received} between ${period.from}::date and ${period.to}::date group by insurer_id),
        n as (
          select n.insurer_id, count(*)::int as notices,
                 count(*) filter (where exists (select 1 from ${interceptNoticeAnswers} a where a.notice_id = n.id))::int as answered,
                 coalesce(sum(n.remitted_cents), 0)::bigint as remitted,
                 avg(n.notice_date - ${businessDate(sql`m.created_at`)})::float as days_to_notice,
                 avg((select min(a.on_date) from ${interceptNoticeAnswers} a where a.notice_id = n.id and a.answer = 'remitted') - n.notice_date)::float as days_to_remit
          from ${interceptNotices} n join ${interceptMatches} m on m.id = n.match_id
          where n.notice_date between ${period.from}::date and ${period.to}::date group by n.insurer_id)
        select i.partner_id as "insurerId", p.name, i.naic_code as "naicCode", i.channel, i.is_licensed as "isLicensed",
               coalesce(f.files, 0) as "filesReceived", coalesce(f.months, 0) as "monthsWithFile", coalesce(f.claims, 0) as "claimsReported",
               coalesce(f.matches, 0) as matches, coalesce(n.notices, 0) as notices, coalesce(n.answered, 0) as "noticesAnswered",
               coalesce(n.remitted, 0)::float8 as "remittedCents", n.days_to_notice as "averageDaysMatchToNotice",
               n.days_to_remit as "averageDaysNoticeToRemittance", f.last_file_on as "lastFileOn"
        from ${interceptInsurers} i join ${partners} p on p.id = i.partner_id
        left join f on f.insurer_id = i.partner_id left join n on n.insurer_id = i.partner_id
        order by p.name`,
  );
}

export function insurersReportingMetric(tx: Tx, asOf: CalendarDate): Promise<ProgressMetric> {
  return shareFromQuery(
    tx,
    sql`select count(*) filter (where exists (
              select 1 from ${interceptClaimFiles} f
              where f.insurer_id = i.partner_id and f.status = 'received' and ${businessDate(sql`f.created_at`)} between ${addDays(asOf, -365)}::date and ${asOf}::date))::int as numerator,
            count(*)::int as denominator
        from ${interceptInsurers} i where i.is_licensed`,
    {
      key: 'intercept.insurers_reporting',
      label: 'Licensed insurers that reported claims in the last 12 months',
      asOf,
      what: 'licensed insurers reported',
      emptyNote: 'No licensed insurer is registered yet.',
    },
  );
}

export async function insertOutreach(tx: Tx, values: typeof interceptOutreach.$inferInsert): Promise<OutreachRow> {
  const [row] = await tx.insert(interceptOutreach).values(values).returning();
  return row!;
}

/** The outreach log: everything for statewide staff; bulletins and its own entries for an insurer. */
export async function outreachInScope(
  tx: Tx,
  filter: RowFilter,
  since: CalendarDate | undefined,
): Promise<{ entry: OutreachRow; insurerName: string | null }[]> {
  const bulletin = isNull(interceptOutreach.insurerId);
  return tx
    .select({ entry: interceptOutreach, insurerName: partners.name })
    .from(interceptOutreach)
    .leftJoin(partners, eq(partners.id, interceptOutreach.insurerId))
    .where(
      and(
        // Staff who reach the log (the service allows only programme managers) read all of it.
        filter.kind === 'partner' ? or(bulletin, scopeSql(filter, { partner: interceptOutreach.insurerId })) : undefined,
        since ? gte(interceptOutreach.sentOn, since) : undefined,
      ),
    )
    .orderBy(desc(interceptOutreach.sentOn), asc(interceptOutreach.subject))
    .limit(500);
}

// Claim files, claims and refused lines

/** One batch of a file's lines: its claims, their matches and the refused lines. */
export async function insertClaimBatch(tx: Tx, batch: { claims: NewClaim[]; matches: NewMatch[]; errors: NewFileError[] }): Promise<void> {
  if (batch.claims.length) await tx.insert(interceptClaims).values(batch.claims);
  if (batch.matches.length) await tx.insert(interceptMatches).values(batch.matches);
  if (batch.errors.length) await tx.insert(interceptFileErrors).values(batch.errors);
}

/** How long an import holds its file without committing a chunk before another may take it over. */
const importLease = sql`now() + interval '2 minutes'`;

/** The file's row, locked until the transaction ends (two uploads of one file take turns). */
export async function lockFileByContent(tx: Tx, insurerId: string, sha256: string): Promise<ClaimFileRow | undefined> {
  const [row] = await tx
    .select()
    .from(interceptClaimFiles)
    .where(and(eq(interceptClaimFiles.insurerId, insurerId), eq(interceptClaimFiles.sha256, sha256)))
    .for('update');
  return row;
}

/** Takes an importing file whose lease has run out (or was given back); undefined while another import holds it. */
export async function takeImportLease(tx: Tx, fileId: string, token: string): Promise<ClaimFileRow | undefined> {
  const [row] = await tx
    .update(interceptClaimFiles)
    .set({ leaseToken: token, leaseUntil: importLease })
    .where(
      and(
        eq(interceptClaimFiles.id, fileId),
        eq(interceptClaimFiles.status, 'importing'),
        sql`(${interceptClaimFiles.leaseUntil} is null or ${interceptClaimFiles.leaseUntil} < now())`,
      ),
    )
    .returning();
  return row;
}

/** A new file, importing, held by the lease `token`. */
export async function insertImportingFile(tx: Tx, values: typeof interceptClaimFiles.$inferInsert, token: string): Promise<ClaimFileRow> {
  const [row] = await tx
    .insert(interceptClaimFiles)
    .values({ ...values, status: 'importing', leaseToken: token, leaseUntil: importLease })
    .returning();
  return row!;
}

/**
 * Records a committed chunk: the file's counts and last line, the lease renewed. False when the lease is
 * no longer this import's (it stalled past it and another took over): the chunk must roll back.
 */
export async function advanceImport(tx: Tx, fileId: string, token: string, progress: Partial<ClaimFileRow>): Promise<boolean> {
  const rows = await tx
    .update(interceptClaimFiles)
    .set({ ...progress, leaseUntil: importLease })
    .where(and(eq(interceptClaimFiles.id, fileId), eq(interceptClaimFiles.leaseToken, token), eq(interceptClaimFiles.status, 'importing')))
    .returning({ id: interceptClaimFiles.id });
  return rows.length === 1;
}

/** Gives the lease back (an import that failed), so that the same file sent again resumes at once. */
export async function releaseImportLease(tx: Tx, fileId: string, token: string): Promise<void> {
  await tx
    .update(interceptClaimFiles)
    .set({ leaseToken: null, leaseUntil: null })
    .where(and(eq(interceptClaimFiles.id, fileId), eq(interceptClaimFiles.leaseToken, token)));
}

/** Publishes an imported file: its claims and matches are seen from now on. Undefined if the lease was lost. */
export async function publishFile(tx: Tx, fileId: string, token: string): Promise<ClaimFileRow | undefined> {
  const [row] = await tx
    .update(interceptClaimFiles)
    .set({ status: 'received', leaseToken: null, leaseUntil: null })
    .where(and(eq(interceptClaimFiles.id, fileId), eq(interceptClaimFiles.leaseToken, token), eq(interceptClaimFiles.status, 'importing')))
    .returning();
  return row;
}

const claimFileScope = (filter: RowFilter) => scopeSql(filter, { partner: interceptClaimFiles.insurerId });

function claimFilesWhere(tx: Tx, where: SQL | undefined) {
  return tx
    .select({ file: interceptClaimFiles, insurerName: partners.name })
    .from(interceptClaimFiles)
    .innerJoin(partners, eq(partners.id, interceptClaimFiles.insurerId))
    .where(where)
    .$dynamic();
}

/** The columns a claim files list orders by. */
export const claimFileOrder = {
  receivedAt: interceptClaimFiles.createdAt,
  fileName: interceptClaimFiles.fileName,
  insurer: partners.name,
  lineCount: interceptClaimFiles.lineCount,
  rejectedCount: interceptClaimFiles.rejectedCount,
  matchedCount: interceptClaimFiles.matchedCount,
  reviewCount: interceptClaimFiles.reviewCount,
};

/** One window of the files the filter reaches (an insurer's own); `q`: a file name or insurer that contains it; `refused`: with refused lines. */
export async function pageClaimFiles(
  tx: Tx,
  filter: RowFilter,
  selection: { q?: string; refused?: boolean },
  window: ListWindow,
): Promise<{ rows: { file: ClaimFileRow; insurerName: string }[]; total: number }> {
  const q = selection.q?.trim();
  const where = and(
    claimFileScope(filter),
    selection.refused === undefined ? undefined : selection.refused ? gt(interceptClaimFiles.rejectedCount, 0) : eq(interceptClaimFiles.rejectedCount, 0),
    q ? or(contains(interceptClaimFiles.fileName, q), contains(partners.name, q)) : undefined,
  );
  return windowSelect(
    claimFilesWhere(tx, where),
    tx.select({ n: countAll }).from(interceptClaimFiles).innerJoin(partners, eq(partners.id, interceptClaimFiles.insurerId)).where(where),
    window,
    interceptClaimFiles.id,
  );
}

/** One file, if the filter reaches it. */
export async function claimFileInScope(tx: Tx, filter: RowFilter, fileId: string): Promise<{ file: ClaimFileRow; insurerName: string } | undefined> {
  const [row] = await claimFilesWhere(tx, and(claimFileScope(filter), eq(interceptClaimFiles.id, fileId)));
  return row;
}

export async function fileErrors(tx: Tx, fileId: string): Promise<{ line: number; field: string; reason: string }[]> {
  return tx
    .select({ line: interceptFileErrors.line, field: interceptFileErrors.field, reason: interceptFileErrors.reason })
    .from(interceptFileErrors)
    .where(eq(interceptFileErrors.fileId, fileId))
    .orderBy(asc(interceptFileErrors.line), asc(interceptFileErrors.field));
}

export async function claimById(tx: Tx, id: string): Promise<ClaimRow | undefined> {
  const [row] = await tx.select().from(interceptClaims).where(eq(interceptClaims.id, id));
  return row;
}

const erasedClaimant = {
  status: 'purged' as const,
  firstName: null,
  lastName: null,
  dateOfBirth: null,
  addressLine1: null,
  city: null,
  state: null,
  zip: null,
  ssnCiphertext: null,
  ssnBlindIndex: null,
  ssnLast4: null,
};

/** Erases the claimant data of a file's (or the given) claims that matched no one; how many were erased. */
export async function eraseUnmatchedClaimants(tx: Tx, target: { fileId?: string; claimIds?: string[] }): Promise<number> {
  const unmatched = sql`${interceptClaims.status} in ('no_match', 'not_reportable', 'rejected')`;
  const which = target.claimIds ? inArray(interceptClaims.id, target.claimIds) : eq(interceptClaims.fileId, target.fileId!);
  const purged = await tx
    .update(interceptClaims)
    .set({ ...erasedClaimant, purgedAt: sql`now()` })
    .where(and(which, unmatched))
    .returning({ id: interceptClaims.id });
  return purged.length;
}

// Matches and review

const matchScope = (filter: RowFilter) => scopeSql(filter, { lcsa: interceptMatches.lcsaId });
/** A claim's file, once published: the matches of a file still importing are seen by no one. */
const publishedFile = and(eq(interceptClaimFiles.id, interceptClaims.fileId), eq(interceptClaimFiles.status, 'received'));

function matchesWhere(tx: Tx, where: SQL | undefined) {
  return tx
    .select({
      match: interceptMatches,
      claim: interceptClaims,
      insurerName: partners.name,
      obligorCase: obligorCaseInLcsa(interceptMatches.personId, interceptMatches.lcsaId),
    })
    .from(interceptMatches)
    .innerJoin(interceptClaims, eq(interceptClaims.id, interceptMatches.claimId))
    .innerJoin(interceptClaimFiles, publishedFile)
    .innerJoin(partners, eq(partners.id, interceptClaims.insurerId))
    .where(where)
    .$dynamic();
}

export type MatchWithClaim = Awaited<ReturnType<typeof matchesWhere>>[number];

/** The columns a review queue orders by. */
export const matchOrder = {
  waiting: interceptMatches.createdAt,
  score: interceptMatches.score,
  amountCents: interceptClaims.amountCents,
  pastDueCents: interceptMatches.pastDueCents,
  claimNumber: interceptClaims.claimNumber,
  insurer: partners.name,
};

/** One window of the undecided matches of an outcome the filter reaches; `q`: a claim number that starts with it, or an insurer. */
export async function pageMatches(
  tx: Tx,
  filter: RowFilter,
  selection: { outcome: 'review' | 'match'; q?: string },
  window: ListWindow,
): Promise<{ rows: MatchWithClaim[]; total: number }> {
  const q = selection.q?.trim();
  const where = and(
    matchScope(filter),
    eq(interceptMatches.outcome, selection.outcome),
    isNull(interceptMatches.decision),
    q ? or(startsWith(interceptClaims.claimNumber, q, { ignoreCase: true }), contains(partners.name, q)) : undefined,
  );
  return windowSelect(
    matchesWhere(tx, where),
    tx
      .select({ n: countAll })
      .from(interceptMatches)
      .innerJoin(interceptClaims, eq(interceptClaims.id, interceptMatches.claimId))
      .innerJoin(interceptClaimFiles, publishedFile)
      .innerJoin(partners, eq(partners.id, interceptClaims.insurerId))
      .where(where),
    window,
    interceptMatches.id,
  );
}

/** One match with its claim and insurer, if the filter reaches it (and its file is published). */
export async function matchWithClaimInScope(tx: Tx, filter: RowFilter, matchId: string): Promise<MatchWithClaim | undefined> {
  const [row] = await matchesWhere(tx, and(matchScope(filter), eq(interceptMatches.id, matchId)));
  return row;
}

export async function matchInScope(tx: Tx, filter: RowFilter, matchId: string): Promise<{ match: MatchRow; claim: ClaimRow } | undefined> {
  const [row] = await tx
    .select({ match: interceptMatches, claim: interceptClaims })
    .from(interceptMatches)
    .innerJoin(interceptClaims, eq(interceptClaims.id, interceptMatches.claimId))
    .innerJoin(interceptClaimFiles, publishedFile)
    .where(and(eq(interceptMatches.id, matchId), matchScope(filter)));
  return row;
}

/** Records a reviewer's decision on the match and the claim's resulting status. */
export async function decideMatchRow(tx: Tx, match: MatchRow, decision: 'confirmed' | 'rejected', decidedBy: string | null): Promise<void> {
  await tx
    .update(interceptMatches)
    .set({ decision, decidedBy, decidedAt: sql`now()` })
    .where(eq(interceptMatches.id, match.id));
  await tx.update(interceptClaims).set({ status: decision }).where(eq(interceptClaims.id, match.claimId));
}

// The matchable list and exclusions

/** People with an exclusion in force on the date. */
export async function excludedPersons(tx: Tx, asOf: CalendarDate): Promise<Set<string>> {
  const rows = await tx
    .select({ personId: interceptExclusions.personId })
    .from(interceptExclusions)
    .where(and(lte(interceptExclusions.fromDate, asOf), or(isNull(interceptExclusions.toDate), gte(interceptExclusions.toDate, asOf))));
  return new Set(rows.map((r) => r.personId));
}

export async function replaceMatchable(tx: Tx, values: (typeof interceptMatchable.$inferInsert)[]): Promise<void> {
  await tx.delete(interceptMatchable);
  for (let i = 0; i < values.length; i += 500) await tx.insert(interceptMatchable).values(values.slice(i, i + 500));
}

/** The matchable obligors with the registry's facts the matcher compares. */
export function matchableWithFacts(tx: Tx) {
  const person = personMatchFacts(tx);
  return tx
    .select({
      personId: interceptMatchable.personId,
      lcsaId: interceptMatchable.lcsaId,
      pastDueCents: interceptMatchable.pastDueCents,
      maskedKeys: interceptMatchable.maskedKeys,
      exactKey: person.ssnBlindIndex,
      firstName: person.firstName,
      lastName: person.lastName,
      dateOfBirth: person.dateOfBirth,
      addressLine1: person.addressLine1,
      zip: person.zip,
    })
    .from(interceptMatchable)
    .innerJoin(person, eq(person.id, interceptMatchable.personId));
}

/** Records the exclusion and takes the person off the matchable list at once. */
export async function insertExclusion(tx: Tx, values: typeof interceptExclusions.$inferInsert): Promise<string> {
  const [row] = await tx.insert(interceptExclusions).values(values).returning({ id: interceptExclusions.id });
  await tx.delete(interceptMatchable).where(eq(interceptMatchable.personId, values.personId));
  return row!.id;
}

// Match weights

export type MatchWeightsRow = typeof interceptMatchWeights.$inferSelect;

export async function insertMatchWeights(tx: Tx, values: typeof interceptMatchWeights.$inferInsert): Promise<string> {
  const [row] = await tx.insert(interceptMatchWeights).values(values).returning({ id: interceptMatchWeights.id });
  return row!.id;
}

/** The set in force on a day: the latest in force from on or before it (the last loaded, for two from the same day). */
export async function matchWeightsInForce(tx: Tx, asOf: CalendarDate): Promise<MatchWeightsRow | null> {
  const [row] = await tx
    .select()
    .from(interceptMatchWeights)
    .where(lte(interceptMatchWeights.effectiveFrom, asOf))
    .orderBy(desc(interceptMatchWeights.effectiveFrom), desc(interceptMatchWeights.createdAt))
    .limit(1);
  return row ?? null;
}

/** Every set, the latest in force first. */
export async function allMatchWeights(tx: Tx): Promise<MatchWeightsRow[]> {
  return tx.select().from(interceptMatchWeights).orderBy(desc(interceptMatchWeights.effectiveFrom), desc(interceptMatchWeights.createdAt));
}

export async function matchWeightsByIds(tx: Tx, ids: string[]): Promise<MatchWeightsRow[]> {
  return ids.length ? tx.select().from(interceptMatchWeights).where(inArray(interceptMatchWeights.id, ids)) : [];
}

// Notices and answers

export interface NoticeWithClaim {
  notice: NoticeRow;
  claim: ClaimRow;
  insurerName: string;
  obligorCase: { id: string; caseNumber: string } | null;
}

/** Which notices: those the filter reaches (an insurer its own, an LCSA its own), narrowed. */
export interface NoticeSelection {
  id?: string;
  recheckDueBy?: CalendarDate;
  status?: NoticeRow['status'];
  onHold?: boolean;
  /** A claim number that starts with it, or an insurer whose name contains it. */
  q?: string;
}

function selectingNotices(filter: RowFilter, selection: NoticeSelection): SQL | undefined {
  const q = selection.q?.trim();
  return and(
    scopeSql(filter, { partner: interceptNotices.insurerId, lcsa: interceptNotices.lcsaId }),
    selection.id ? eq(interceptNotices.id, selection.id) : undefined,
    selection.recheckDueBy ? lte(interceptNotices.recheckOn, selection.recheckDueBy) : undefined,
    selection.status ? eq(interceptNotices.status, selection.status) : undefined,
    selection.onHold === undefined ? undefined : eq(interceptNotices.onHold, selection.onHold),
    q ? or(startsWith(interceptClaims.claimNumber, q, { ignoreCase: true }), contains(partners.name, q)) : undefined,
  );
}

/** The columns a notices list orders by. */
export const noticeOrder = {
  claimNumber: interceptClaims.claimNumber,
  insurer: partners.name,
  noticeDate: interceptNotices.noticeDate,
  withholdCents: interceptNotices.withholdCents,
  status: interceptNotices.status,
  promisedCents: interceptNotices.promisedCents,
  remittedCents: interceptNotices.remittedCents,
  recheckOn: interceptNotices.recheckOn,
};

function noticesWhere(tx: Tx, where: SQL | undefined) {
  return tx
    .select({
      notice: interceptNotices,
      claim: interceptClaims,
      insurerName: partners.name,
      // The obligor's oldest open case in the notice's LCSA, for staff to follow the money.
      obligorCase: obligorCaseInLcsa(interceptNotices.personId, interceptNotices.lcsaId),
    })
    .from(interceptNotices)
    .innerJoin(interceptClaims, eq(interceptClaims.id, interceptNotices.claimId))
    .innerJoin(partners, eq(partners.id, interceptNotices.insurerId))
    .where(where)
    .$dynamic();
}

/** One window of the selected notices, and how many there are. */
export async function pageNotices(
  tx: Tx,
  filter: RowFilter,
  selection: NoticeSelection,
  window: ListWindow,
): Promise<{ rows: NoticeWithClaim[]; total: number }> {
  const where = selectingNotices(filter, selection);
  // The claim and insurer are joined for the count only when the text filter reads them.
  const count = selection.q?.trim()
    ? tx
        .select({ n: countAll })
        .from(interceptNotices)
        .innerJoin(interceptClaims, eq(interceptClaims.id, interceptNotices.claimId))
        .innerJoin(partners, eq(partners.id, interceptNotices.insurerId))
        .where(where)
    : tx.select({ n: countAll }).from(interceptNotices).where(where);
  return windowSelect(noticesWhere(tx, where), count, window, interceptNotices.id);
}

/** One notice with its claim, if the filter reaches it. */
export async function noticeInScope(tx: Tx, filter: RowFilter, id: string): Promise<NoticeWithClaim | undefined> {
  const [row] = await noticesWhere(tx, selectingNotices(filter, { id }));
  return row;
}

export async function noticeOfMatch(tx: Tx, matchId: string): Promise<string | undefined> {
  const [row] = await tx.select({ id: interceptNotices.id }).from(interceptNotices).where(eq(interceptNotices.matchId, matchId));
  return row?.id;
}

export async function insertNotice(tx: Tx, values: typeof interceptNotices.$inferInsert): Promise<NoticeRow> {
  const [row] = await tx.insert(interceptNotices).values(values).returning();
  return row!;
}

/** Records the insurer's answer and the notice's resulting state. */
export async function recordAnswer(
  tx: Tx,
  answer: typeof interceptNoticeAnswers.$inferInsert,
  change: Partial<typeof interceptNotices.$inferInsert>,
): Promise<void> {
  await tx.insert(interceptNoticeAnswers).values(answer);
  await tx.update(interceptNotices).set(change).where(eq(interceptNotices.id, answer.noticeId));
}

/** The notice a receipt quotes, locked for the posting (no scope: the disbursement unit receives for every LCSA). */
export async function noticeForUpdate(tx: Tx, id: string): Promise<NoticeRow | undefined> {
  const [row] = await tx.select().from(interceptNotices).where(eq(interceptNotices.id, id)).for('update');
  return row;
}

export async function updateNotice(tx: Tx, id: string, change: Partial<typeof interceptNotices.$inferInsert>): Promise<void> {
  await tx.update(interceptNotices).set(change).where(eq(interceptNotices.id, id));
}

/** The insurer's promised remittances on a notice, oldest first, and whether a receipt paid each. */
export async function promisesOf(tx: Tx, noticeId: string) {
  return tx
    .select({
      answerId: interceptNoticeAnswers.id,
      amountCents: interceptNoticeAnswers.amountCents,
      sentOn: interceptNoticeAnswers.onDate,
      receiptId: interceptNoticeAnswers.receiptId,
    })
    .from(interceptNoticeAnswers)
    .where(and(eq(interceptNoticeAnswers.noticeId, noticeId), eq(interceptNoticeAnswers.answer, 'remitted')))
    .orderBy(asc(interceptNoticeAnswers.onDate), asc(interceptNoticeAnswers.id));
}

export async function markPromisePaid(tx: Tx, answerId: string, receiptId: string): Promise<void> {
  await tx.update(interceptNoticeAnswers).set({ receiptId }).where(eq(interceptNoticeAnswers.id, answerId));
}

// Disbursement unit receipts

export async function receiptsBySduId(tx: Tx, sduReceiptIds: string[]): Promise<Map<string, ReceiptRow>> {
  if (sduReceiptIds.length === 0) return new Map();
  const rows = await tx.select().from(interceptSduReceipts).where(inArray(interceptSduReceipts.sduReceiptId, sduReceiptIds));
  return new Map(rows.map((r) => [r.sduReceiptId, r]));
}

export async function insertReceipt(tx: Tx, values: typeof interceptSduReceipts.$inferInsert): Promise<ReceiptRow> {
  const [row] = await tx.insert(interceptSduReceipts).values(values).returning();
  return row!;
}

export async function updateReceipt(tx: Tx, id: string, change: Partial<typeof interceptSduReceipts.$inferInsert>): Promise<void> {
  await tx.update(interceptSduReceipts).set(change).where(eq(interceptSduReceipts.id, id));
}

/** The columns a receipts list orders by. */
export const receiptOrder = {
  receivedOn: interceptSduReceipts.receivedOn,
  receiptId: interceptSduReceipts.sduReceiptId,
  amountCents: interceptSduReceipts.amountCents,
  payer: interceptSduReceipts.payerName,
  reason: interceptSduReceipts.reason,
};

/** One window of the receipts in scope with this status; `q`: a receipt id or notice reference that starts with it, or a payer. */
export async function pageReceipts(
  tx: Tx,
  filter: RowFilter,
  selection: { status: ReceiptRow['status']; q?: string },
  window: ListWindow,
): Promise<{ rows: ReceiptRow[]; total: number }> {
  const q = selection.q?.trim();
  const where = and(
    scopeSql(filter, { lcsa: interceptSduReceipts.lcsaId }),
    eq(interceptSduReceipts.status, selection.status),
    q
      ? or(
          startsWith(interceptSduReceipts.sduReceiptId, q, { ignoreCase: true }),
          startsWith(interceptSduReceipts.noticeReference, q, { ignoreCase: true }),
          contains(interceptSduReceipts.payerName, q),
        )
      : undefined,
  );
  return windowRows(tx, interceptSduReceipts, where, window, interceptSduReceipts.id);
}

/** One receipt, if the filter reaches it (an LCSA: one quoting its notices). */
export async function receiptInScope(tx: Tx, filter: RowFilter, id: string): Promise<ReceiptRow | undefined> {
  const [row] = await tx
    .select()
    .from(interceptSduReceipts)
    .where(and(scopeSql(filter, { lcsa: interceptSduReceipts.lcsaId }), eq(interceptSduReceipts.id, id)));
  return row;
}

// Contests

export async function insertContest(tx: Tx, values: typeof interceptContests.$inferInsert): Promise<ContestRow> {
  const [row] = await tx.insert(interceptContests).values(values).returning();
  return row!;
}

export async function updateContest(tx: Tx, id: string, change: Partial<typeof interceptContests.$inferInsert>): Promise<void> {
  await tx.update(interceptContests).set(change).where(eq(interceptContests.id, id));
}

/** Contests the filter reaches (an LCSA its own; an insurer those on its notices), open first, newest first. */
function contestsWhere(tx: Tx, where: SQL | undefined) {
  return tx
    .select({ contest: interceptContests, claimNumber: interceptClaims.claimNumber, insurerId: interceptNotices.insurerId })
    .from(interceptContests)
    .innerJoin(interceptNotices, eq(interceptNotices.id, interceptContests.noticeId))
    .innerJoin(interceptClaims, eq(interceptClaims.id, interceptNotices.claimId))
    .where(where)
    .$dynamic();
}

export type ContestWithNotice = Awaited<ReturnType<typeof contestsWhere>>[number];

const contestScope = (filter: RowFilter) => scopeSql(filter, { partner: interceptNotices.insurerId, lcsa: interceptContests.lcsaId });

/** The columns a contests list orders by. */
export const contestOrder = {
  // Open ones first, then decided.
  status: sql`(${interceptContests.status} <> 'open')`,
  receivedOn: interceptContests.receivedOn,
  claimNumber: interceptClaims.claimNumber,
  grounds: interceptContests.grounds,
  decidedOn: interceptContests.decidedOn,
};

/** One window of the contests the filter reaches; `q`: a claim number that starts with it. */
export async function pageContests(
  tx: Tx,
  filter: RowFilter,
  selection: { noticeId?: string; status?: ContestRow['status']; q?: string },
  window: ListWindow,
): Promise<{ rows: ContestWithNotice[]; total: number }> {
  const q = selection.q?.trim();
  const where = and(
    contestScope(filter),
    selection.noticeId ? eq(interceptContests.noticeId, selection.noticeId) : undefined,
    selection.status ? eq(interceptContests.status, selection.status) : undefined,
    q ? startsWith(interceptClaims.claimNumber, q, { ignoreCase: true }) : undefined,
  );
  return windowSelect(
    contestsWhere(tx, where),
    tx
      .select({ n: countAll })
      .from(interceptContests)
      .innerJoin(interceptNotices, eq(interceptNotices.id, interceptContests.noticeId))
      .innerJoin(interceptClaims, eq(interceptClaims.id, interceptNotices.claimId))
      .where(where),
    window,
    interceptContests.id,
  );
}

/** One contest with its notice's claim number, if the filter reaches it. */
export async function contestInScope(tx: Tx, filter: RowFilter, id: string): Promise<ContestWithNotice | undefined> {
  const [row] = await contestsWhere(tx, and(contestScope(filter), eq(interceptContests.id, id)));
  return row;
}

/** Every claim number this insurer has reported (claims kept, not reportable or purged): a claim is imported once. */
export async function claimNumbersOfInsurer(tx: Tx, insurerId: string): Promise<Set<string>> {
  const rows = await tx.select({ claimNumber: interceptClaims.claimNumber }).from(interceptClaims).where(eq(interceptClaims.insurerId, insurerId));
  return new Set(rows.map((r) => r.claimNumber));
}

/**
 * Claims whose data the law no longer lets Concord keep (Ins. Code 13552): review candidates left
 * undecided since before `reviewCutoff` (their match row, which ties the claimant to an obligor, is
 * deleted), and matched claims whose notice the insurer denied or a decided contest released. Their
 * claimant data is erased as for a claim that matched no one; the claim row stays for compliance counts.
 */
export async function eraseAgedAndClosedClaimants(tx: Tx, reviewCutoff: CalendarDate): Promise<{ agedReview: number; closedNotice: number }> {
  const aged = await tx
    .delete(interceptMatches)
    .where(
      and(
        eq(interceptMatches.outcome, 'review'),
        isNull(interceptMatches.decision),
        sql`${businessDate(sql`${interceptMatches.createdAt}`)} < ${reviewCutoff}::date`,
      ),
    )
    .returning({ claimId: interceptMatches.claimId });
  const agedIds = aged.map((a) => a.claimId);
  if (agedIds.length > 0) {
    await tx
      .update(interceptClaims)
      .set({ ...erasedClaimant, purgedAt: sql`now()` })
      .where(inArray(interceptClaims.id, agedIds));
  }
  const closed = await tx
    .update(interceptClaims)
    .set({ ...erasedClaimant, purgedAt: sql`now()` })
    .where(
      and(
        sql`${interceptClaims.status} <> 'purged'`,
        sql`exists (select 1 from ${interceptNotices} n where n.claim_id = ${interceptClaims.id} and n.status in ('denied', 'released'))`,
      ),
    )
    .returning({ id: interceptClaims.id });
  return { agedReview: agedIds.length, closedNotice: closed.length };
}

/** The review queue by age (days since the candidate was found), per LCSA in the filter. */
export async function reviewAgeing(tx: Tx, filter: RowFilter, today: CalendarDate, purgeAfterDays: number) {
  const age = sql`(${today}::date - ${businessDate(sql`m.created_at`)})`;
  return queryRows<{ lcsaId: string; upTo14: number; upTo30: number; upTo60: number; over60: number; purgeWithin7Days: number; oldestDays: number | null }>(
    tx,
    sql`select m.lcsa_id as "lcsaId",
          count(*) filter (where ${age} <= 14)::int as "upTo14",
          count(*) filter (where ${age} between 15 and 30)::int as "upTo30",
          count(*) filter (where ${age} between 31 and 60)::int as "upTo60",
          count(*) filter (where ${age} > 60)::int as "over60",
          count(*) filter (where ${age} >= ${purgeAfterDays - 7})::int as "purgeWithin7Days",
          max(${age})::int as "oldestDays"
        from ${interceptMatches} m join ${interceptClaims} c on c.id = m.claim_id
        join ${interceptClaimFiles} f on f.id = c.file_id and f.status = 'received'
        where m.outcome = 'review' and m.decision is null and ${scopeSql(filter, { lcsa: sql`m.lcsa_id` })}
        group by m.lcsa_id order by m.lcsa_id`,
  );
}

/** The status of an insurer's claim by its number (the first report of it). */
export async function claimStatusByNumber(tx: Tx, insurerId: string, claimNumber: string): Promise<ClaimRow['status'] | undefined> {
  const [row] = await tx
    .select({ status: interceptClaims.status })
    .from(interceptClaims)
    .where(and(eq(interceptClaims.insurerId, insurerId), eq(interceptClaims.claimNumber, claimNumber)))
    .orderBy(asc(interceptClaims.createdAt))
    .limit(1);
  return row?.status;
}

// Search

export interface FoundClaim {
  id: string;
  claim_number: string;
  status: string;
  amount_cents: number;
  insurer: string;
  lcsa_id: string | null;
}

/**
 * Claims with this claim number (as typed or in upper case): statewide roles see every claim; an LCSA
 * sees those matched to one of its people (the match's LCSA).
 */
export async function claimsByNumber(tx: Tx, filter: RowFilter, typed: readonly string[], limit: number): Promise<FoundClaim[]> {
  const ids = [...new Set(typed)];
  return queryRows<FoundClaim>(
    tx,
    sql`select c.id, c.claim_number, c.status, c.amount_cents, p.name as insurer, m.lcsa_id
        from ${interceptClaims} c
        join ${partners} p on p.id = c.insurer_id
        left join ${interceptMatches} m on m.claim_id = c.id
        where c.claim_number in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) and ${scopeSql(filter, { lcsa: sql`m.lcsa_id` })}
        order by c.created_at desc limit ${limit}`,
  );
}

/** Match candidates waiting for a caseworker, each due before the purge would take it undecided. */
export function reviewsWaitingCount(tx: Tx, filter: RowFilter, today: CalendarDate, purgeAfterDays: number): Promise<WorkCount> {
  const m = interceptMatches;
  return countDue(
    tx,
    sql`${m}`,
    sql`${m.outcome} = 'review' and ${m.decision} is null and ${scopeSql(filter, { lcsa: m.lcsaId })}`,
    sql`((${m.createdAt} at time zone 'America/Los_Angeles')::date + ${purgeAfterDays}::int)`,
    today,
  );
}

export interface ParentNoticeRow {
  id: string;
  lcsaId: string;
  personId: string;
  noticeDate: CalendarDate;
  insurerName: string;
  pastDueCents: number;
  withholdCents: number;
  status: NoticeRow['status'];
  onHold: boolean;
  contestId: string | null;
  contestStatus: 'open' | 'upheld_amended' | 'upheld_released' | 'denied' | null;
  contestDecisionNote: string | null;
}

/**
 * The notices to these people (a parent's own registry records), newest first, each with its latest
 * contest: what the parents' portal shows the paying parent. The claim's own facts are not read.
 */
export async function noticesOfPeople(tx: Tx, personIds: readonly string[]): Promise<ParentNoticeRow[]> {
  if (personIds.length === 0) return [];
  return queryRows<ParentNoticeRow>(
    tx,
    sql`select n.id, n.lcsa_id as "lcsaId", n.person_id as "personId", n.notice_date::text as "noticeDate", p.name as "insurerName",
          n.past_due_cents as "pastDueCents", n.withhold_cents as "withholdCents", n.status, n.on_hold as "onHold",
          c.id as "contestId", c.status as "contestStatus", c.decision_note as "contestDecisionNote"
        from intercept_notices n
        join partners p on p.id = n.insurer_id
        left join lateral (select id, status, decision_note from intercept_contests where notice_id = n.id order by created_at desc limit 1) c on true
        where n.person_id in (${sql.join(
          personIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        order by n.notice_date desc, n.id`,
  );
}

/** People with a notice still open to contest (issued or to be withheld, not on hold): the demo's parent with a notice. */
export async function peopleWithOpenNotices(tx: Tx, limit: number): Promise<string[]> {
  const rows = await queryRows<{ personId: string }>(
    tx,
    sql`select person_id as "personId" from intercept_notices where status in ('issued', 'will_withhold') and not on_hold
        order by notice_date, id limit ${limit}`,
  );
  return rows.map((r) => r.personId);
}
