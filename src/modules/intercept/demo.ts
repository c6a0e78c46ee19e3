/**
 * Demo data for the intercept programme: a handful of insurers (fictional names; the demo insurer
 * account's company among them), the matchable obligors, and one claim file from the demo insurer in
 * which some claimants are demo obligors — exactly, with a nickname, or without an SSN after a move
 * (those wait for review) — and the rest are other people, with a few lines to fix.
 */
import { Readable } from 'node:stream';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { systemActor } from '../../platform/auth/actor';
import { partners } from '../../platform/auth/schema';
import type { Tx } from '../../platform/db/connect';
import type { PiiKeys } from '../../platform/pii/keys';
import { revealSsn } from '../../platform/pii/ssn';
import { csvColumns, type ClaimLine } from './formats';
import { importClaimFile } from './intake';
import { ensureInsurer } from './insurers';
import { personMatchFacts } from '../registry/index';
import { interceptClaims, interceptMatchable, interceptMatches, interceptOutreach } from './schema';
import { refreshMatchable } from './matchable';
import { decideMatch } from './review';
import { syntheticPopulation } from './synthetic';
import { todayInCalifornia, type CalendarDate } from '../../platform/dates';
import { recordContest } from './contests';
import type { NoticeView } from './contract';
import { answerNotice, issueNotice, recordDelivery } from './notices';
import { importReceiptFile, receiptFileColumns } from './remittances';

export const demoInsurerName = 'Golden State Mutual Insurance Company';

const demoInsurers = [
  { name: demoInsurerName, naicCode: '10001', fein: '941000001', linesOfBusiness: ['life', 'annuity', 'disability'], channel: 'direct' as const },
  { name: 'Redwood Casualty Company', naicCode: '10002', fein: '941000002', linesOfBusiness: ['liability', 'auto'], channel: 'cro' as const },
  { name: 'Sierra Life and Annuity', naicCode: '10003', fein: '941000003', linesOfBusiness: ['life', 'annuity'], channel: 'direct' as const },
  { name: 'Pacific Shield Auto Insurance', naicCode: '10004', fein: '941000004', linesOfBusiness: ['auto', 'liability'], channel: 'cro' as const },
  { name: 'Central Valley Workers Comp Mutual', naicCode: '10005', fein: '941000005', linesOfBusiness: ['workers_compensation'], channel: 'direct' as const },
  { name: 'Mission Disability Insurers', naicCode: '10006', fein: '941000006', linesOfBusiness: ['disability'], channel: 'direct' as const },
];

async function partnerNamed(tx: Tx, name: string): Promise<string> {
  const [existing] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.name, name));
  return existing?.id ?? (await tx.insert(partners).values({ name, kind: 'insurer' }).returning({ id: partners.id }))[0]!.id;
}

/** A claimant as written into a demo claim file: any text, as insurers send it. */
type DemoClaimant = Pick<ClaimLine, 'ssn' | 'firstName' | 'lastName' | 'addressLine1' | 'city' | 'zip'> & { dateOfBirth: string | null };

function pick<T>(list: T[], every: number, offset: number): T[] {
  return list.filter((_, i) => i % every === offset);
}

export async function seedInterceptDemo(tx: Tx, keys: PiiKeys, asOf: CalendarDate): Promise<void> {
  const ids: Record<string, string> = {};
  for (const insurer of demoInsurers) {
    const { name, ...values } = insurer;
    ids[name] = await partnerNamed(tx, name);
    await ensureInsurer(tx, ids[name]!, values);
  }
  const actor = systemActor();
  await tx.insert(interceptOutreach).values([
    {
      kind: 'bulletin',
      subject: 'Reporting under AB 2802 is mandatory',
      body: 'Every insurer licensed for life, annuity, disability, liability or underinsured motorist lines must report claimants of $1,000 or more before payment (Insurance Code 13550). Send files through the portal or the API.',
      sentOn: '2026-09-15',
    },
    {
      kind: 'bulletin',
      subject: 'Fixed-width files accepted',
      body: 'Files in the fixed-width layout modelled on the federal insurance match file are now accepted beside CSV; see the file formats in the API documentation.',
      sentOn: '2026-10-20',
    },
    {
      insurerId: ids['Mission Disability Insurers'],
      kind: 'letter',
      subject: 'No claim files received',
      body: 'Our records show no claim file from you this year. Please contact the program to set up reporting.',
      sentOn: '2026-11-02',
    },
  ]);
  await refreshMatchable(tx, keys, actor, { asOf });
  const person = personMatchFacts(tx);
  const obligors: (DemoClaimant & { ssn: string })[] = await tx
    .select({
      ssn: sql<string>`${person.ssnCiphertext}`,
      firstName: person.firstName,
      lastName: person.lastName,
      dateOfBirth: sql<string>`${person.dateOfBirth}::text`,
      addressLine1: person.addressLine1,
      city: person.city,
      zip: person.zip,
    })
    .from(interceptMatchable)
    .innerJoin(person, eq(person.id, interceptMatchable.personId))
    .where(isNotNull(person.ssnCiphertext))
    .orderBy(interceptMatchable.personId)
    .limit(40);
  const row = (n: number, type: string, amount: string, p: DemoClaimant) => [
    `GSM-2026-${String(n).padStart(5, '0')}`,
    type,
    type === 'disability_income' ? 'periodic' : 'lump_sum',
    amount,
    '2026-10-15',
    p.ssn ?? '',
    p.firstName,
    p.lastName,
    p.dateOfBirth ?? '',
    p.addressLine1 ?? '',
    p.city ?? '',
    'CA',
    p.zip ?? '',
  ];
  const lines: unknown[][] = [];
  const revealed = obligors.map((o) => ({ ...o, ssn: revealSsn(keys, o.ssn) }));
  pick(revealed, 3, 0).forEach((o, i) => lines.push(row(lines.length + 1, i % 2 ? 'life_beneficiary' : 'liability', `${12_000 + i * 750}.00`, o)));
  // Without an SSN, after a move, the birth date's day keyed a digit off: the name agrees, the birth date nearly, the address does not → review.
  const dayOff = (date: string | null) => {
    if (!date) return null;
    const day = Number(date.slice(8));
    return `${date.slice(0, 8)}${String(day === 10 ? 20 : day > 10 ? day - 10 : day + 10).padStart(2, '0')}`;
  };
  pick(revealed, 3, 1).forEach((o, i) =>
    lines.push(
      row(lines.length + 1, 'disability_income', `${2_400 + i * 100}.00`, {
        ...o,
        ssn: null,
        dateOfBirth: dayOff(o.dateOfBirth),
        addressLine1: `${100 + i} Harbor Blvd`,
        city: 'Long Beach',
        zip: '90802',
      }),
    ),
  );
  const others = syntheticPopulation({ obligors: 1, claimants: 40, seed: 99, obligorShare: 0 }).claimants;
  others.forEach((p, i) =>
    lines.push(
      row(lines.length + 1, i % 5 === 0 ? 'property_repair' : 'personal_injury', i % 7 === 0 ? '650.00' : `${3_000 + i * 40}.00`, {
        ...p,
        city: 'Los Angeles',
        firstName: p.firstName!,
        lastName: p.lastName!,
      }),
    ),
  );
  lines.push(['GSM-2026-BAD1', 'life_beneficiary', 'lump_sum', '5000.00', '2026-02-30', '123456789', 'Pat', 'Doe', '1980-01-01', '', '', 'CA', '']);
  lines.push(['', 'weekly_benefit', 'lump_sum', 'lots', '2026-10-01', '', 'Sam', 'Roe', '', '', '', 'CA', '']);
  const text = stringify([[...csvColumns], ...lines]);
  const file = await importClaimFile(tx, keys, actor, {
    insurerId: ids[demoInsurerName],
    fileName: 'gsm-claims-2026-10.csv',
    format: 'csv',
    open: () => Readable.from([text]),
  });
  // Once: seeding again finds the same file and adds no notices or money.
  if (file.isNew) await seedNoticesAndMoney(tx, file.id);
}

/**
 * Notices for three automatic matches: one the insurer remitted on and the disbursement unit received
 * (posted), one the obligor contested (on hold, with a receipt that waits as the file's one exception),
 * one the insurer will withhold from.
 */
async function seedNoticesAndMoney(tx: Tx, fileId: string): Promise<void> {
  const actor = systemActor();
  const matches = await tx
    .select({ id: interceptMatches.id, lcsaId: interceptMatches.lcsaId })
    .from(interceptMatches)
    .innerJoin(interceptClaims, eq(interceptClaims.id, interceptMatches.claimId))
    .where(and(eq(interceptClaims.fileId, fileId), eq(interceptMatches.outcome, 'match')))
    .orderBy(interceptClaims.claimNumber);
  // Outside Los Angeles first, so that the demo caseworker's LCSA keeps its automatic matches waiting for a notice.
  const chosen = [...matches.filter((m) => m.lcsaId !== 'los-angeles'), ...matches.filter((m) => m.lcsaId === 'los-angeles')].slice(0, 3);
  if (chosen.length < 3) return;
  const today = todayInCalifornia();
  const notices: NoticeView[] = [];
  for (const m of chosen) {
    await decideMatch(tx, actor, m.id, 'confirmed');
    const notice = await issueNotice(tx, actor, m.id);
    await recordDelivery(tx, actor, notice.id, { insurerCopyMailedOn: today, obligorCopyMailedOn: today });
    notices.push(notice);
  }
  const [paid, contested, promised] = notices as [NoticeView, NoticeView, NoticeView];
  const paidCents = Math.min(paid.withholdCents, 75_000);
  await answerNotice(tx, actor, paid.id, { answer: 'remitted', amountCents: paidCents, sentOn: today });
  await answerNotice(tx, actor, contested.id, { answer: 'will_withhold' });
  await recordContest(tx, actor, {
    noticeId: contested.id,
    receivedOn: today,
    grounds: 'amount_wrong',
    statement: 'I paid the arrears for last spring directly to the other parent.',
    documents: ['Receipts for payments to the other parent', 'Letter from the other parent'],
  });
  await answerNotice(tx, actor, promised.id, { answer: 'will_withhold' });
  const receipts = stringify([
    [...receiptFileColumns],
    [`SDU-DEMO-${paid.id.slice(0, 8)}`, paid.id, (paidCents / 100).toFixed(2), today, demoInsurerName],
    // The insurer sent money on the contested notice anyway: held at the disbursement unit as an exception.
    [`SDU-DEMO-${contested.id.slice(0, 8)}`, contested.id, '400.00', today, demoInsurerName],
  ]);
  await importReceiptFile(tx, actor, 'sdu-receipts-demo.csv', receipts);
}
