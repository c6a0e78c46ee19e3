/** The programme's initiatives, one module each: the navigation and the home page list them. */
export interface ModuleInfo {
  slug: 'finance' | 'intercept' | 'liens' | 'claims' | 'training' | 'trauma' | 'plan';
  name: string;
  purpose: string;
  /** The permissions any one of which makes the module's page useful to a role (else it is not in its navigation). */
  permissions: string[];
}

export const moduleList: ModuleInfo[] = [
  {
    slug: 'finance',
    permissions: ['finance.post', 'finance.adjust', 'finance.approve', 'finance.audits'],
    name: 'Finance',
    purpose: 'Statewide-consistent financial case management on a double-entry ledger that can replay any account.',
  },
  {
    slug: 'intercept',
    permissions: ['intercept.review', 'intercept.manage', 'intercept.submit'],
    name: 'Insurance intercept',
    purpose: 'Insurers report claims; Concord matches claimants who owe past-due support, issues notices and tracks remittance (AB 2802).',
  },
  {
    slug: 'liens',
    permissions: ['liens.manage'],
    name: 'Liens',
    purpose: 'Consistent recording and release of real property liens; one request releases every lien a parent has in every county.',
  },
  {
    slug: 'claims',
    permissions: ['claims.read'],
    name: 'Expenditure claims',
    purpose: 'LCSA budgets and quarterly expenditure claims, review, federal and state shares, and the consolidated federal report.',
  },
  {
    slug: 'training',
    permissions: ['training.learn', 'training.author', 'training.manage'],
    name: 'Training',
    purpose: 'The learning management system: courses, the core curriculum for new staff, rollout across divisions and LCSAs.',
  },
  {
    slug: 'trauma',
    // Every staff member answers the self-assessment surveys (training.learn: every staff role).
    permissions: ['trauma.read', 'trauma.manage', 'training.learn'],
    name: 'Trauma-informed',
    purpose: 'Becoming a trauma-informed organisation: anonymous staff self-assessment, gap analysis and a multi-year action plan.',
  },
  {
    slug: 'plan',
    permissions: ['plan.read'],
    name: 'Strategic plan',
    purpose: 'Goals, objectives and tactics with progress computed live from the other modules where it can be.',
  },
];
