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

/** How many Los Angeles cases get parents with a contact on file. */
const casesWithContact = 20;

export async function seedPortalDemo(tx: Tx): Promise<void> {
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
}
