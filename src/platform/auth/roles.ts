/**
 * Roles, what each may do, and what it may see. This table and scope.ts are the one place where
 * access is decided; handlers and services ask, they never decide.
 */
import { roleNames } from './contract';

export const roles = roleNames;
export type Role = (typeof roles)[number];

/**
 * Whose rows a role sees: every LCSA's, its own LCSA's, its own partner organisation's, or (a parent in
 * the portal) only what concerns the one person the account belongs to.
 */
export type ScopeKind = 'state' | 'lcsa' | 'partner' | 'person';

export const permissions = [
  'registry.read',
  'registry.write',
  'pii.reveal',
  'audit.read',
  'jobs.read',
  'jobs.manage',
  'users.manage',
  'tokens.manage',
  'demo.seed',
  'finance.post',
  'finance.adjust',
  'finance.approve',
  'finance.audits',
  'intercept.submit',
  'intercept.review',
  'intercept.manage',
  'liens.manage',
  'liens.payoffs',
  'claims.read',
  'claims.prepare',
  'claims.approve',
  'claims.certify',
  'claims.review',
  'claims.allocate',
  'training.learn',
  'training.author',
  'training.manage',
  'trauma.read',
  'trauma.manage',
  'plan.read',
  'plan.checkin',
  'plan.review',
  'plan.manage',
  'portal.use',
] as const;
export type Permission = (typeof permissions)[number];

interface RoleDefinition {
  label: string;
  scope: ScopeKind;
  permissions: readonly Permission[];
}

const staffRead: Permission[] = ['registry.read', 'jobs.read', 'training.learn', 'plan.read'];
/** Finance staff post, propose adjustments and approve others' (never their own: maker-checker), and work the audit queue. */
const financeAll: Permission[] = ['finance.post', 'finance.adjust', 'finance.approve', 'finance.audits'];

export const roleDefinitions: Record<Role, RoleDefinition> = {
  state_admin: {
    label: 'State administrator',
    scope: 'state',
    permissions: [
      ...staffRead,
      'registry.write',
      'pii.reveal',
      'audit.read',
      'jobs.manage',
      'users.manage',
      'tokens.manage',
      'demo.seed',
      ...financeAll,
      'intercept.review',
      'intercept.manage',
      'intercept.submit',
      'liens.manage',
      'liens.payoffs',
      'claims.read',
      'claims.review',
      'claims.allocate',
      'training.author',
      'training.manage',
      'trauma.read',
      'trauma.manage',
      'plan.checkin',
      'plan.review',
      'plan.manage',
    ],
  },
  state_staff: { label: 'State programme staff', scope: 'state', permissions: [...staffRead, 'claims.read', 'claims.review', 'trauma.read', 'plan.checkin'] },
  lcsa_admin: {
    label: 'LCSA administrator',
    scope: 'lcsa',
    permissions: [
      ...staffRead,
      'registry.write',
      'jobs.manage',
      'users.manage',
      'finance.approve',
      'finance.audits',
      'liens.manage',
      'liens.payoffs',
      'claims.read',
      'claims.approve',
      'training.manage',
      'trauma.read',
    ],
  },
  lcsa_caseworker: {
    label: 'LCSA caseworker',
    scope: 'lcsa',
    permissions: [...staffRead, 'registry.write', 'pii.reveal', 'finance.audits', 'intercept.review', 'liens.manage', 'liens.payoffs'],
  },
  lcsa_finance: { label: 'LCSA finance', scope: 'lcsa', permissions: [...staffRead, ...financeAll] },
  lcsa_budget: { label: 'LCSA budget', scope: 'lcsa', permissions: ['jobs.read', 'claims.read', 'claims.prepare', 'training.learn', 'plan.read'] },
  /** The county auditor-controller (or equivalent financial officer) certifies the LCSA's claim (CS 356). */
  lcsa_auditor_controller: { label: 'County auditor-controller', scope: 'lcsa', permissions: ['claims.read', 'claims.certify', 'training.learn', 'plan.read'] },
  trainer: {
    label: 'Trainer',
    scope: 'state',
    permissions: ['jobs.read', 'training.learn', 'training.author', 'training.manage', 'trauma.read', 'plan.read', 'plan.checkin'],
  },
  auditor: { label: 'Auditor', scope: 'state', permissions: [...staffRead, 'audit.read', 'claims.read', 'trauma.read', 'plan.review'] },
  insurer_partner: { label: 'Insurer partner', scope: 'partner', permissions: ['tokens.manage', 'intercept.submit'] },
  title_escrow_partner: { label: 'Title/escrow partner', scope: 'partner', permissions: ['tokens.manage', 'liens.payoffs'] },
  /** A paying or receiving parent in the portal: their own cases, their own role's data, nothing else. */
  parent: { label: 'Parent', scope: 'person', permissions: ['portal.use'] },
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function roleHas(role: Role, permission: Permission): boolean {
  return roleDefinitions[role].permissions.includes(permission);
}
