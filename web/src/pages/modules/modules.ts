/** The programme's initiatives, one module each; a page says what is coming until its issue fills it. */
export interface ModuleInfo {
  slug: string;
  name: string;
  purpose: string;
  coming: string[];
}

export const moduleList: ModuleInfo[] = [
  {
    slug: 'finance',
    name: 'Finance',
    purpose: 'Statewide-consistent financial case management on a double-entry ledger that can replay any account.',
    coming: ['Order charging and installments', 'Collections, crediting and distribution', '10% simple interest', 'Adjustments and account audits'],
  },
  {
    slug: 'intercept',
    name: 'Insurance intercept',
    purpose: 'Insurers report claims; Concord matches claimants who owe past-due support, issues notices and tracks remittance (AB 2802).',
    coming: ['Insurer portal and claim files', 'Matching with evidence and review', 'Notices, withholding and remittance', 'Insurer compliance'],
  },
  {
    slug: 'liens',
    name: 'Liens',
    purpose: 'Consistent recording and release of real property liens; one request releases every lien a parent has in every county.',
    coming: ['Statewide lien index', 'Recording packages per county recorder', 'Payoff demands for title and escrow', 'One release for all liens'],
  },
  {
    slug: 'claims',
    name: 'Expenditure claims',
    purpose: 'LCSA budgets and quarterly expenditure claims, review, federal and state shares, and the consolidated federal report.',
    coming: ['Allocations and budget requests', 'Quarterly claims and review workflow', 'Federal and state shares', 'The OCSE-396 consolidation'],
  },
  {
    slug: 'training',
    name: 'Training',
    purpose: 'The learning management system: courses, the core curriculum for new staff, rollout across divisions and LCSAs.',
    coming: ['Course catalogue and quizzes', 'Core curriculum assignments', 'Rollout waves', 'xAPI learning records'],
  },
  {
    slug: 'trauma',
    name: 'Trauma-informed',
    purpose: 'Becoming a trauma-informed organisation: anonymous staff self-assessment, gap analysis and a multi-year action plan.',
    coming: ['Assessment campaigns', 'Scores and gaps by principle', 'Action plan with phases'],
  },
  {
    slug: 'plan',
    name: 'Strategic plan',
    purpose: 'Goals, objectives and tactics with progress computed live from the other modules where it can be.',
    coming: ['Goals, objectives and tactics', 'Check-ins', 'Live progress from module metrics', 'Public progress page'],
  },
];
