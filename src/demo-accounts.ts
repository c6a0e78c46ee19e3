/**
 * Demo sign-in accounts, one per role, created on an empty database and printed at start-up.
 * LCSA roles work for Los Angeles (the largest LCSA) or Sacramento, so that scoping is visible.
 */
import { eq } from 'drizzle-orm';
import { systemActor } from './platform/auth/actor';
import type { Role } from './platform/auth/roles';
import { partners, users } from './platform/auth/schema';
import { createUser } from './platform/auth/users';
import type { Tx } from './platform/db/connect';

export const demoPassword = 'concord-demo-2026';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  lcsaId?: string;
  partnerName?: string;
}

export const demoAccounts: DemoAccount[] = [
  { email: 'admin@concord.test', displayName: 'Avery Admin', role: 'state_admin' },
  { email: 'analyst@concord.test', displayName: 'Sam Statewide', role: 'state_staff' },
  { email: 'la.admin@concord.test', displayName: 'Lupe Alvarez', role: 'lcsa_admin', lcsaId: 'los-angeles' },
  { email: 'la.caseworker@concord.test', displayName: 'Casey Worker', role: 'lcsa_caseworker', lcsaId: 'los-angeles' },
  { email: 'sac.caseworker@concord.test', displayName: 'Sacha Reyes', role: 'lcsa_caseworker', lcsaId: 'sacramento' },
  { email: 'la.finance@concord.test', displayName: 'Frankie Ledger', role: 'lcsa_finance', lcsaId: 'los-angeles' },
  { email: 'la.budget@concord.test', displayName: 'Bo Budget', role: 'lcsa_budget', lcsaId: 'los-angeles' },
  { email: 'la.controller@concord.test', displayName: 'Cory Controller', role: 'lcsa_auditor_controller', lcsaId: 'los-angeles' },
  { email: 'trainer@concord.test', displayName: 'Terry Trainer', role: 'trainer' },
  { email: 'auditor@concord.test', displayName: 'Audra Auditor', role: 'auditor' },
  { email: 'insurer@concord.test', displayName: 'Ines Insurer', role: 'insurer_partner', partnerName: 'Golden State Mutual Insurance Company' },
  { email: 'title@concord.test', displayName: 'Tito Title', role: 'title_escrow_partner', partnerName: 'Pacific Coast Title & Escrow' },
];

/**
 * Parents' portal accounts of the demo (same password), made by the portal's demo step: the paying and the
 * receiving parent of one Los Angeles case, and a paying parent with an insurance intercept notice open to contest.
 */
export const demoParentAccounts = [
  { email: 'parent.pays@concord.test', displayName: 'Paying parent', who: 'obligor' },
  { email: 'parent.receives@concord.test', displayName: 'Receiving parent', who: 'custodial_party' },
  { email: 'parent.notice@concord.test', displayName: 'Paying parent with an insurance notice', who: 'notice' },
] as const;

async function partnerId(tx: Tx, name: string, kind: 'insurer' | 'title_escrow'): Promise<string> {
  const [existing] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.name, name));
  if (existing) return existing.id;
  const [created] = await tx.insert(partners).values({ name, kind }).returning({ id: partners.id });
  return created!.id;
}

/** Creates the demo accounts that do not exist yet; returns how many it created. */
export async function ensureDemoAccounts(tx: Tx): Promise<number> {
  let created = 0;
  for (const account of demoAccounts) {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, account.email));
    if (existing) continue;
    const partner = account.partnerName ? await partnerId(tx, account.partnerName, account.role === 'insurer_partner' ? 'insurer' : 'title_escrow') : undefined;
    await createUser(tx, systemActor(), {
      email: account.email,
      displayName: account.displayName,
      password: demoPassword,
      role: account.role,
      lcsaId: account.lcsaId,
      partnerId: partner,
    });
    created += 1;
  }
  return created;
}
