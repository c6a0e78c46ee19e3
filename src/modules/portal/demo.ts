/**
 * The portal's demo: on Los Angeles cases with both parents, a contact on file (fictional 555-01xx
 * phones and example.org emails), so that any of those parents can sign up; and on the first such case,
 * portal accounts for the paying and the receiving parent; and one for a paying parent with an insurance
 * intercept notice open to contest (printed at start with the staff accounts).
 */
import { eq, or } from 'drizzle-orm';
import { users } from '../../platform/auth/schema';
import { createParentAccount } from '../../platform/auth/users';
import type { Tx } from '../../platform/db/connect';
import { demoParentAccounts, demoPassword } from '../../demo-accounts';
import { casesWithBothParents, contactOf, updateContact } from '../registry/index';
import { peopleWithOpenNotices } from '../intercept/index';
import { seedFamiliesSurveyDemo } from '../trauma/index';
import { allOrgUnits } from '../training/index';
import { addDays, type CalendarDate } from '../../platform/dates';
import type { PiiKeys } from '../../platform/pii/keys';
import { insertRequest } from './store';

/** How many Los Angeles cases get parents with a contact on file. */
const casesWithContact = 20;

export async function seedPortalDemo(tx: Tx, keys: PiiKeys, asOf: CalendarDate): Promise<void> {
  const cases = await casesWithBothParents(tx, 'los-angeles', casesWithContact);
  let n = 0;
  for (const c of cases) {
    for (const personId of [c.obligorId, c.custodialPartyId]) {
      const line = String(100 + (n % 100)).padStart(4, '0');
      await updateContact(tx, personId, { phone: `(213) 555-${line}`, email: `parent${n}@example.org`, preferredLanguage: n % 3 === 0 ? 'es' : 'en' });
      n += 1;
    }
  }
  const first = cases[0];
  const [withNotice] = await peopleWithOpenNotices(tx, 1);
  const people = { obligor: first?.obligorId, custodial_party: first?.custodialPartyId, notice: withNotice };
  for (const account of demoParentAccounts) {
    const personId = people[account.who];
    if (!personId) continue;
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(or(eq(users.email, account.email), eq(users.personId, personId)));
    if (existing) continue;
    const person = await contactOf(tx, personId);
    await createParentAccount(
      tx,
      { personId, email: account.email, displayName: person?.firstName ?? account.displayName, password: demoPassword, language: 'en' },
      null,
    );
  }
  await seedFamiliesSurvey(tx, keys, asOf, first ? { personId: first.obligorId, caseId: first.caseId } : undefined);
}

/** LCSAs whose families answered last quarter's families' survey in the demo, how many, and how their experience differs. */
const surveyedFamilies = [
  { lcsaId: 'los-angeles', families: 12, climate: 0.2 },
  { lcsaId: 'san-diego', families: 9, climate: 0.4 },
  { lcsaId: 'sacramento', families: 8, climate: -0.5 },
  { lcsaId: 'fresno', families: 3, climate: 0 },
];

/**
 * The families' survey in the demo. Parents whose order reviews were answered last quarter (accounts
 * kept as records only: they cannot sign in) answered last quarter's survey, Fresno's three under the
 * group threshold; this quarter's is open over every LCSA, and the demo paying parent's order review was
 * answered last week, so their home page offers it.
 */
async function seedFamiliesSurvey(tx: Tx, keys: PiiKeys, asOf: CalendarDate, payingParent: { personId: string; caseId: string } | undefined) {
  // Seeded once: a second run finds the first family's account.
  if ((await tx.select({ id: users.id }).from(users).where(eq(users.email, 'family.1@concord.test'))).length > 0) return;
  const families: { userId: string; orgUnitId: string; climate: number }[] = [];
  let n = 0;
  for (const unit of surveyedFamilies) {
    // Past the cases whose parents have a contact on file (and the demo accounts).
    const cases = (await casesWithBothParents(tx, unit.lcsaId, casesWithContact + unit.families)).slice(unit.lcsaId === 'los-angeles' ? casesWithContact : 0);
    for (const c of cases.slice(0, unit.families)) {
      n += 1;
      const [user] = await tx
        .insert(users)
        .values({ email: `family.${n}@concord.test`, displayName: `Parent ${n}`, role: 'parent', personId: c.custodialPartyId })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!user) continue;
      await answeredOrderReview(tx, { personId: c.custodialPartyId, caseId: c.caseId, lcsaId: unit.lcsaId }, addDays(asOf, -100), {
        message: 'The other parent has a new job.',
        answer: 'We reviewed the order and referred it for modification.',
      });
      families.push({ userId: user.id, orgUnitId: unit.lcsaId, climate: unit.climate });
    }
  }
  const lcsas = (await allOrgUnits(tx)).filter((u) => u.kind === 'lcsa').map((u) => u.id);
  await seedFamiliesSurveyDemo(tx, keys, asOf, families, lcsas);
  if (payingParent) {
    await answeredOrderReview(tx, { ...payingParent, lcsaId: 'los-angeles' }, addDays(asOf, -7), {
      message: 'I changed jobs and earn less now.',
      answer: 'We started a review of your order. You will get a letter with the date of the hearing.',
    });
  }
}

/** An order review a parent asked for and staff answered on `decidedOn`, six days later. */
async function answeredOrderReview(
  tx: Tx,
  own: { personId: string; caseId: string; lcsaId: string },
  decidedOn: CalendarDate,
  words: { message: string; answer: string },
): Promise<void> {
  const decidedAt = new Date(`${decidedOn}T17:00:00Z`);
  await insertRequest(tx, {
    ...own,
    kind: 'order_review',
    status: 'done',
    detail: { message: words.message },
    answer: words.answer,
    decidedAt,
    createdAt: new Date(decidedAt.getTime() - 6 * 86_400_000),
  });
}
