/**
 * The intercept store on a database (PGlite, or the server with DATABASE_URL), without the HTTP app:
 * insurers and files reached only by their own partner; matches and notices by their LCSA (and notices
 * by their insurer too); claimants erased only when they matched no one; exclusions taking a person off
 * the matchable list at once; the compliance figures counting what was stored.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fresno, kern, seedTestCase, statewide as state } from '../../../test/cases';
import { useTestDatabase } from '../../../test/db';
import type { RowFilter } from '../../platform/auth/scope';
import type { ListWindow } from '../../platform/lists/lists';
import { inTransaction } from '../../platform/db/transaction';
import { derivePiiKeys } from '../../platform/pii/keys';
import {
  promisesOf,
  claimById,
  claimFileInScope,
  pageClaimFiles,
  complianceRows,
  decideMatchRow,
  eraseUnmatchedClaimants,
  excludedPersons,
  lockFileByContent,
  advanceImport,
  publishFile,
  fileErrors,
  insertClaimBatch,
  insertImportingFile,
  insertExclusion,
  insertNotice,
  insertOutreach,
  insurerByNaic,
  insurerInScope,
  insurersInScope,
  matchableWithFacts,
  pageMatches,
  matchInScope,
  noticeOfMatch,
  noticeInScope,
  outreachInScope,
  recordAnswer,
  replaceMatchable,
  savePartnerOrganisation,
  upsertInsurer,
  type NewClaim,
} from './store';

const { db } = await useTestDatabase();
const keys = derivePiiKeys(crypto.randomBytes(32));
const tag = crypto.randomBytes(3).toString('hex');

const theCase = await seedTestCase(db, keys, { caseNumber: `INT-${tag}`, lcsaId: 'kern', countyFips: '06029', lastName: 'Claimant' });
const obligorId = theCase.obligorId;

const insurerValues = (naicCode: string) => ({
  naicCode,
  fein: '123456789',
  linesOfBusiness: ['life'],
  channel: 'direct' as const,
  contactName: null,
  contactEmail: null,
  contactPhone: null,
  isLicensed: true,
});
const naic = (n: number) => String(crypto.randomInt(10_000, 99_999) + n).slice(0, 5);

/** Two insurers, a file from the first with one matched claim, one unmatched claim and a refused line. */
const world = await inTransaction(db, async (tx) => {
  const acme = await savePartnerOrganisation(tx, undefined, `Acme Life ${tag}`);
  const other = await savePartnerOrganisation(tx, undefined, `Other Mutual ${tag}`);
  await upsertInsurer(tx, acme, insurerValues(naic(0)));
  await upsertInsurer(tx, other, { ...insurerValues(naic(1)), isLicensed: false });
  const lease = crypto.randomUUID();
  const file = await insertImportingFile(
    tx,
    {
      insurerId: acme,
      fileName: 'claims.csv',
      format: 'csv',
      sha256: `sha-${tag}`,
      bytes: 10,
      lineCount: 0,
      acceptedCount: 0,
      notReportableCount: 0,
      rejectedCount: 0,
    },
    lease,
  );
  const claim = (line: number, status: NewClaim['status']): NewClaim => ({
    id: crypto.randomUUID(),
    fileId: file.id,
    insurerId: acme,
    line,
    claimNumber: `C-${tag}-${line}`,
    claimType: 'life',
    paymentType: 'lump_sum',
    amountCents: 500_000,
    reportability: 'reportable',
    status,
    firstName: 'Avery',
    lastName: 'Claimant',
    ssnLast4: '1234',
  });
  const matched = claim(2, 'review');
  const unmatched = claim(3, 'no_match');
  const match = {
    id: crypto.randomUUID(),
    claimId: matched.id!,
    personId: obligorId,
    lcsaId: 'kern',
    score: 0.9,
    outcome: 'review' as const,
    evidence: [],
    pastDueCents: 250_000,
  };
  await insertClaimBatch(tx, {
    claims: [matched, unmatched],
    matches: [match],
    errors: [{ fileId: file.id, line: 4, field: 'ssn', reason: 'not nine digits' }],
  });
  // As an import does: the chunk's counts recorded, then the file published.
  expect(await advanceImport(tx, file.id, lease, { lineCount: 3, acceptedCount: 2, rejectedCount: 1, reviewCount: 1, importedThrough: 4 })).toBe(true);
  expect(await publishFile(tx, file.id, lease)).toMatchObject({ status: 'received' });
  return { acme, other, file, matched, unmatched, match };
});
const acmeOnly: RowFilter = { kind: 'partner', partnerId: world.acme };
const otherOnly: RowFilter = { kind: 'partner', partnerId: world.other };
const window: ListWindow = { sort: 'id', dir: 'asc', orderBy: [], limit: 50, offset: 0 };

describe('the intercept store', () => {
  it('lets an insurer reach only its own registration and files', () =>
    inTransaction(db, async (tx) => {
      expect((await insurersInScope(tx, acmeOnly)).map((i) => i.insurer.partnerId)).toEqual([world.acme]);
      expect(await insurerInScope(tx, otherOnly, world.acme)).toBeUndefined();
      expect(await insurerInScope(tx, state, world.acme)).toEqual({ id: world.acme, name: `Acme Life ${tag}` });
      const naicCode = (await insurersInScope(tx, acmeOnly))[0]!.insurer.naicCode;
      expect((await insurerByNaic(tx, naicCode))?.partnerId).toBe(world.acme);
      expect(await pageClaimFiles(tx, otherOnly, {}, window)).toEqual({ rows: [], total: 0 });
      expect((await pageClaimFiles(tx, acmeOnly, {}, window)).rows.map((f) => f.file.lineCount)).toEqual([3]);
      expect((await pageClaimFiles(tx, acmeOnly, { refused: false }, window)).total).toBe(0);
      expect((await pageClaimFiles(tx, acmeOnly, { refused: true, q: 'acme life' }, window)).total).toBe(1);
      expect((await claimFileInScope(tx, acmeOnly, world.file.id))?.file.lineCount).toBe(3);
      expect(await claimFileInScope(tx, otherOnly, world.file.id)).toBeUndefined();
      expect(await pageClaimFiles(tx, kern, {}, window)).toEqual({ rows: [], total: 0 });
      expect((await lockFileByContent(tx, world.acme, `sha-${tag}`))?.id).toBe(world.file.id);
      expect(await lockFileByContent(tx, world.other, `sha-${tag}`)).toBeUndefined();
      expect(await fileErrors(tx, world.file.id)).toEqual([{ line: 4, field: 'ssn', reason: 'not nine digits' }]);
    }));

  it('shows a match to its LCSA only, records the decision once on match and claim', () =>
    inTransaction(db, async (tx) => {
      expect((await pageMatches(tx, fresno, { outcome: 'review' }, window)).total).toBe(0);
      expect((await pageMatches(tx, acmeOnly, { outcome: 'review' }, window)).total).toBe(0);
      const { rows: queue, total } = await pageMatches(tx, kern, { outcome: 'review' }, window);
      expect(total).toBe(1);
      expect((await pageMatches(tx, kern, { outcome: 'match' }, window)).total).toBe(0);
      expect(queue.map((r) => [r.match.id, r.insurerName])).toEqual([[world.match.id, `Acme Life ${tag}`]]);
      expect(await matchInScope(tx, fresno, world.match.id)).toBeUndefined();
      await decideMatchRow(tx, queue[0]!.match, 'confirmed', null);
      expect(await pageMatches(tx, kern, { outcome: 'review' }, window)).toEqual({ rows: [], total: 0 });
      expect((await matchInScope(tx, kern, world.match.id))?.match.decision).toBe('confirmed');
      expect((await claimById(tx, world.matched.id!))?.status).toBe('confirmed');
    }));

  it('erases the claimant data of unmatched claims only', () =>
    inTransaction(db, async (tx) => {
      expect(await eraseUnmatchedClaimants(tx, { fileId: world.file.id })).toBe(1);
      const erased = await claimById(tx, world.unmatched.id!);
      expect(erased).toMatchObject({ status: 'purged', firstName: null, lastName: null, ssnLast4: null, claimNumber: world.unmatched.claimNumber });
      expect((await claimById(tx, world.matched.id!))?.firstName).toBe('Avery');
      expect(await eraseUnmatchedClaimants(tx, { claimIds: [world.matched.id!] })).toBe(0);
    }));

  it('reaches a notice by its insurer or its LCSA, and keeps its answers', () =>
    inTransaction(db, async (tx) => {
      const notice = await insertNotice(tx, {
        matchId: world.match.id,
        claimId: world.matched.id!,
        insurerId: world.acme,
        personId: obligorId,
        lcsaId: 'kern',
        kind: 'lump_sum',
        noticeDate: '2026-01-05',
        pastDueCents: 250_000,
        withholdCents: 250_000,
        capRule: 'none',
        status: 'issued',
      });
      expect(await noticeOfMatch(tx, world.match.id)).toBe(notice.id);
      for (const filter of [acmeOnly, kern, state]) expect(await noticeInScope(tx, filter, notice.id)).toBeDefined();
      for (const filter of [otherOnly, fresno]) expect(await noticeInScope(tx, filter, notice.id)).toBeUndefined();
      const seen = await noticeInScope(tx, kern, notice.id);
      expect(seen!.obligorCase).toEqual({ id: theCase.id, caseNumber: `INT-${tag}` });
      await recordAnswer(
        tx,
        { noticeId: notice.id, answer: 'remitted', amountCents: 100_000, onDate: '2026-02-01', note: null, answeredBy: null },
        { status: 'remitted', promisedCents: 100_000, remittedCents: 100_000 },
      );
      expect(await promisesOf(tx, notice.id)).toMatchObject([{ amountCents: 100_000, sentOn: '2026-02-01', receiptId: null }]);
      expect((await noticeInScope(tx, state, notice.id))!.notice).toMatchObject({ status: 'remitted', remittedCents: 100_000 });
      const [acme] = (await complianceRows(tx, { from: '2026-01-01', to: '2026-12-31' })).filter((r) => r.insurerId === world.acme);
      expect(acme).toMatchObject({ notices: 1, noticesAnswered: 1, remittedCents: 100_000 });
    }));

  it('takes an excluded person off the matchable list at once', () =>
    inTransaction(db, async (tx) => {
      await replaceMatchable(tx, [{ personId: obligorId, lcsaId: 'kern', pastDueCents: 250_000, asOf: '2026-01-01', maskedKeys: null }]);
      expect((await matchableWithFacts(tx)).map((r) => [r.personId, r.firstName])).toEqual([[obligorId, 'Avery']]);
      await insertExclusion(tx, { personId: obligorId, reason: 'bankruptcy_stay', fromDate: '2026-01-01', toDate: '2026-06-30' });
      expect(await matchableWithFacts(tx)).toEqual([]);
      expect((await excludedPersons(tx, '2026-03-01')).has(obligorId)).toBe(true);
      expect((await excludedPersons(tx, '2026-07-01')).has(obligorId)).toBe(false);
    }));

  it('gives an insurer the bulletins and its own outreach, and staff all of it', () =>
    inTransaction(db, async (tx) => {
      const entry = (insurerId: string | null, subject: string) =>
        insertOutreach(tx, { insurerId, kind: insurerId ? 'email' : 'bulletin', subject, body: 'Text.', sentOn: '2026-03-01', createdBy: null });
      await entry(null, `Bulletin ${tag}`);
      await entry(world.acme, `To Acme ${tag}`);
      await entry(world.other, `To Other ${tag}`);
      const subjects = async (filter: RowFilter) =>
        (await outreachInScope(tx, filter, '2026-03-01')).map((r) => r.entry.subject).filter((s) => s.endsWith(tag));
      expect(await subjects(acmeOnly)).toEqual([`Bulletin ${tag}`, `To Acme ${tag}`]);
      expect(await subjects(state)).toEqual([`Bulletin ${tag}`, `To Acme ${tag}`, `To Other ${tag}`]);
    }));
});
