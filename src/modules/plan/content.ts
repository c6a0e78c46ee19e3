/**
 * The department's strategic plan as demo content: mission, vision and values, the five goals with their
 * objectives (childsupport.ca.gov/strategic-plan-landing), and tactics — those of the seed pages
 * (../shared/seeds/) with their published texts and statuses, and the examples the domain page records —
 * each with an owner (a demo account) and a progress source: a live metric where a Concord module measures
 * the tactic, milestones for a staged one, and otherwise what the owner reports.
 */
import type { CalendarDate } from '../../platform/dates';
import type { ProgressSource } from './domain/progress';

/** [D] The demo period: the seed pages' tactics began in 2019; the dates are the demo's, not the department's. */
export const planPeriod = {
  title: 'California Child Support Services Strategic Plan',
  startsOn: '2019-01-01' as CalendarDate,
  endsOn: '2027-12-31' as CalendarDate,
  mission: "Promote parental responsibility to improve children's well-being by providing child support services that establish parentage and collect support.",
  vision: 'Every parent is engaged in supporting their children.',
  values: [
    'Children and Families',
    'Customer Service Excellence',
    'Operational Excellence and Innovation',
    'Collaboration and Cooperation',
    'Integrity, Fairness and Respect',
    'Professional and Ethical Conduct',
    'A Skilled and Knowledgeable Workforce',
  ],
};

export const goals: { title: string; objectives: { slug: string; title: string }[] }[] = [
  {
    title: 'Facilitate Consistent Support for Children',
    objectives: [
      { slug: 'increase-child-support-reliability', title: 'Increase child support collections and payment reliability' },
      { slug: 'individualized-services', title: 'Recognize and provide individualized services to customers' },
    ],
  },
  {
    title: 'Strengthen Customer Engagement',
    objectives: [
      { slug: 'reduce-complexity', title: 'Reduce the complexity of the customer experience' },
      { slug: 'new-communication-options', title: 'Develop and implement new options for communicating with customers' },
      { slug: 'program-outreach', title: 'Enhance program outreach so the public has a clear, accurate picture of the program' },
      { slug: 'child-support-professionals', title: 'Expand recruitment, retention and development of child support professionals' },
    ],
  },
  {
    title: 'Enhance Program Performance',
    objectives: [
      { slug: 'promote-consistency-of-processes-statewide', title: 'Promote consistency of processes statewide' },
      { slug: 'program-efficiencies', title: 'Implement organization and program efficiencies' },
    ],
  },
  {
    title: 'Build Collaborative Partnerships to Benefit Families',
    objectives: [
      { slug: 'establish-new-partnerships-to-help-reduce-poverty', title: 'Establish new partnerships to help reduce poverty' },
      { slug: 'data-sharing', title: 'Expand the use and sharing of data' },
      { slug: 'supportive-services-partnerships', title: 'Build supportive-services partnerships that help parents succeed' },
    ],
  },
  {
    title: 'Foster Innovation and Improve Service Delivery',
    objectives: [
      { slug: 'data-analytics', title: 'Expand data analytics' },
      { slug: 'documents', title: 'Modernize the development and delivery of documents' },
      { slug: 'self-service', title: 'Expand customer self-service capabilities' },
    ],
  },
];

export interface SeedTactic {
  objective: string;
  slug: string;
  title: string;
  description: string;
  businessProblem: string | null;
  statusText: string;
  /** The bar as the department drew it, where it differs from the percent the status states. */
  publishedBarPercent?: number;
  /** The status circle as the department drew it, where the words do not say it. */
  publishedCircle?: 'started';
  outcomesLabel: 'Business Outcomes' | 'Business Objectives';
  outcomes: string[];
  criticalSuccessFactors: string[];
  progressLabel: string;
  owner: string;
  source: ProgressSource;
  metricKey?: string;
  metricTarget?: number;
  modules: string[];
  milestones?: { title: string; weight: number; isDone: boolean }[];
}

export const tactics: SeedTactic[] = [
  {
    objective: 'promote-consistency-of-processes-statewide',
    slug: 'improve-collaboration-ccss-lcsas',
    title: 'Improve Collaboration between California Child Support Services and Local Child Support Agencies',
    description:
      'Collaborate with local child support agencies to determine best practices for child support financial case management to promote statewide consistency through policies and procedure',
    businessProblem: null,
    statusText: 'Scheduled for early 2020.',
    outcomesLabel: 'Business Outcomes',
    outcomes: [
      'Recruit, on-board, and train Child Support Finance unit staff.',
      'Implement short-term interim fixes and long-term system changes.',
      'Improve collaboration on financial case management to identify and implement best practices consistently statewide.',
    ],
    criticalSuccessFactors: [],
    progressLabel: 'Financial case management',
    owner: 'admin@concord.test',
    source: 'metric',
    metricKey: 'finance.audits_within_30_days',
    metricTarget: 0.95,
    modules: ['finance'],
  },
  {
    objective: 'promote-consistency-of-processes-statewide',
    slug: 'transition-to-learning-management-system',
    title: 'Transition to Learning Management System',
    description: 'Transition into a modern day electronic learning management system to develop training to local child support agencies statewide',
    businessProblem: 'Implement Blackboard Learning Management System.',
    statusText: 'Scheduled for early 2020.',
    outcomesLabel: 'Business Outcomes',
    outcomes: [
      'Blackboard Learning Management System implementation begun at California Child Support Services headquarters in April, with rolling launch across divisions. Launch for local child support agencies delayed by COVID-19 until further notice.',
    ],
    criticalSuccessFactors: [],
    progressLabel: 'LMS rollout',
    owner: 'trainer@concord.test',
    source: 'metric',
    metricKey: 'training.units_launched',
    metricTarget: 1,
    modules: ['training'],
  },
  {
    objective: 'promote-consistency-of-processes-statewide',
    slug: 'develop-statewide-training',
    title: 'Develop Statewide Training',
    description: 'Develop a comprehensive statewide training program for all local child support agencies',
    businessProblem: 'Core Curriculum Development Project.',
    statusText: 'Scheduled for early 2020.',
    // The published card draws the green circle of a task that has started beside these words.
    publishedCircle: 'started',
    outcomesLabel: 'Business Objectives',
    outcomes: [
      'Develop and provide oversight for the Core Curriculum Development Project to provide consistent training statewide, develop a comprehensive curriculum of procedures and system training, as well as soft skills, for all new child support staff.',
    ],
    criticalSuccessFactors: [],
    progressLabel: 'Core Curriculum',
    owner: 'trainer@concord.test',
    source: 'metric',
    metricKey: 'training.core_on_time',
    metricTarget: 0.9,
    modules: ['training'],
  },
  {
    objective: 'promote-consistency-of-processes-statewide',
    slug: 'consolidate-budget-information-systems',
    title: 'Consolidate Budget Information Systems',
    description:
      'Implement technology that assists local child support agencies in reporting budget information into one system to improve efficiency and consistency',
    businessProblem: 'Implement Budget and Expenditure Claiming Application.',
    statusText: 'Tasks begun in 2019.',
    outcomesLabel: 'Business Outcomes',
    outcomes: [],
    criticalSuccessFactors: [],
    progressLabel: 'Claiming application',
    owner: 'analyst@concord.test',
    source: 'metric',
    metricKey: 'claims.lcsas_claiming_in_system',
    metricTarget: 1,
    modules: ['claims'],
  },
  {
    objective: 'promote-consistency-of-processes-statewide',
    slug: 'amend-regulations-to-improve-efficiency',
    title: 'Amend Regulations to Improve Efficiency',
    description: 'Amend regulations to improve efficiency',
    businessProblem: 'Review real property liens.',
    statusText: 'Tasks begun in 2019.',
    outcomesLabel: 'Business Outcomes',
    outcomes: [
      'Statewide consistency for the generation and release of real property liens to improve the effectiveness of enforcement and reduce the burden placed on the parent paying support and local child support agencies to release multiple liens.',
    ],
    criticalSuccessFactors: [],
    progressLabel: 'Lien releases on time',
    owner: 'analyst@concord.test',
    source: 'metric',
    metricKey: 'liens.releases_on_time',
    metricTarget: 0.95,
    modules: ['liens'],
  },
  {
    objective: 'establish-new-partnerships-to-help-reduce-poverty',
    slug: 'collaborate-with-insurance-companies',
    title: 'Collaborate With Insurance Companies',
    description: 'Develop a working relationship with insurance companies to assist in reducing child support debt',
    businessProblem:
      'AB 2802 requires insurance companies to cooperate with California Child Support Services to identify and report claimants who owe past-due child support, and to match payees who owe child support debt.',
    statusText: '75% completed',
    outcomesLabel: 'Business Outcomes',
    outcomes: ['Streamline processes to reduce child support debt.', 'Work collaboratively with insurance companies to ensure compliance with legislation.'],
    criticalSuccessFactors: [
      'California Child Support Services and insurance companies build partnership to reduce child support debt.',
      'Ensure cooperation from insurance companies and communicate to insurance companies about mandatory changes.',
    ],
    progressLabel: 'Insurers reporting',
    owner: 'analyst@concord.test',
    source: 'metric',
    metricKey: 'intercept.insurers_reporting',
    metricTarget: 1,
    modules: ['intercept'],
  },
  {
    objective: 'establish-new-partnerships-to-help-reduce-poverty',
    slug: 'become-a-trauma-informed-organization',
    title: 'Become A Trauma Informed Organization',
    description:
      'The current California child support program limits accessibility by not being a trauma-informed organization, which impacts parents who seek our services',
    businessProblem:
      'To change the limits of accessibility and become an agency where all parents can utilize our services requires a culture change. This requires California Child Support Services to focus on building blocks to build a trauma-informed organization that requires shared knowledge, understanding, commitments, practices, and culture. These require in-depth training throughout the department and all managers and supervisors practicing transformational leadership.',
    statusText: '23% completed',
    // The published card draws a 25 percent bar beside "23% completed" (plan.md 0.2).
    publishedBarPercent: 25,
    outcomesLabel: 'Business Outcomes',
    outcomes: [
      'Create a trauma-informed culture throughout the child support program in a multi-year phased approach for internal staff and to the families we serve to obtain the services they need without reliving trauma during the child support process.',
    ],
    criticalSuccessFactors: [
      'Becoming a trauma-informed organization requires a culture change. This change can only occur over several years. An assessment of the current state of our trauma-informed practices will be conducted to determine the gaps, which will then address the items needed to move the organization into the desired future state.',
    ],
    progressLabel: 'Trauma informed',
    owner: 'trainer@concord.test',
    source: 'metric',
    metricKey: 'trauma.action_plan',
    metricTarget: 1,
    modules: ['trauma', 'training'],
  },
  {
    objective: 'individualized-services',
    slug: 'uncollectible-state-owed-debt',
    title: 'End Enforcement of Uncollectible State-Owed Debt',
    description: 'Stop enforcing state-owed arrears that cannot be collected, as AB 135 allows, so parents can focus on supporting their children now',
    businessProblem: 'AB 135 lets the department end enforcement of uncollectible state-owed debt.',
    statusText: '65% completed',
    outcomesLabel: 'Business Outcomes',
    outcomes: ['Uncollectible state-owed arrears identified and enforcement ended, case by case.'],
    criticalSuccessFactors: ['Consistent criteria applied by every LCSA.'],
    progressLabel: 'State-owed debt',
    owner: 'analyst@concord.test',
    source: 'manual',
    modules: ['finance'],
  },
  {
    objective: 'individualized-services',
    slug: 'foster-care-referral-review',
    title: 'Foster Care Referral Review',
    description: 'Review foster care referrals so that support is pursued only where it serves the child and family',
    businessProblem: 'Foster care cases referred for child support can work against family reunification.',
    statusText: '85% completed',
    outcomesLabel: 'Business Outcomes',
    outcomes: ['Foster care referrals reviewed and closed where support is not appropriate.'],
    criticalSuccessFactors: ['Caseload and arrears balance both reach 0 cases and $0 by January 2025.'],
    progressLabel: 'Foster care review',
    owner: 'admin@concord.test',
    source: 'manual',
    modules: [],
  },
  {
    objective: 'increase-child-support-reliability',
    slug: 'former-assistance-passthrough',
    title: 'Former Assistance Passthrough',
    description: 'Pass collections on assigned arrears through to families who formerly received CalWORKs (AB 207, signed 9/27/2022)',
    businessProblem: 'Money collected on arrears assigned to the state while a family received assistance did not reach the family.',
    statusText: '83% completed',
    outcomesLabel: 'Business Outcomes',
    outcomes: ['More of what parents pay reaches their children.'],
    criticalSuccessFactors: ['Distribution rules changed in the statewide system by the operative date.'],
    progressLabel: 'Passthrough',
    owner: 'admin@concord.test',
    source: 'manual',
    modules: ['finance'],
  },
  {
    objective: 'increase-child-support-reliability',
    slug: 'smith-ostler-automation',
    title: 'Smith-Ostler Automation',
    description: 'Automate the calculation of additional support on bonus and irregular income (Smith-Ostler) in the child support system',
    businessProblem: 'Additional support on bonus income is calculated by hand, slowly and inconsistently.',
    statusText: '62% completed',
    outcomesLabel: 'Business Outcomes',
    outcomes: ['Consistent, timely Smith-Ostler calculations statewide.'],
    criticalSuccessFactors: [],
    progressLabel: 'Smith-Ostler',
    owner: 'admin@concord.test',
    source: 'manual',
    modules: [],
  },
  {
    objective: 'increase-child-support-reliability',
    slug: 'flexibility-efficiency-modernization',
    title: 'Flexibility, Efficiency and Modernization Standards',
    description: 'Put the federal Flexibility, Efficiency and Modernization (FEM) rule into practice across the programme',
    businessProblem: 'Orders must reflect what parents can actually pay to be paid reliably.',
    statusText: 'Tasks begun.',
    outcomesLabel: 'Business Outcomes',
    outcomes: ['Right-sized orders, paid more reliably.'],
    criticalSuccessFactors: [],
    progressLabel: 'FEM standards',
    owner: 'admin@concord.test',
    source: 'milestones',
    modules: [],
    milestones: [
      { title: 'Gap analysis against the FEM rule', weight: 1, isDone: true },
      { title: 'Regulation and policy changes', weight: 2, isDone: true },
      { title: 'System changes', weight: 3, isDone: false },
      { title: 'Staff training', weight: 1, isDone: false },
    ],
  },
  {
    objective: 'self-service',
    slug: 'parents-self-service-portal',
    title: "Parents' Self-Service Portal",
    description:
      'Give paying and receiving parents their own site, in English and Spanish, to see their case and ask once for what they need, without reliving trauma',
    businessProblem:
      'Parents tell their story again to each office, by phone and on paper, and cannot see what is owed or where their payments went without calling.',
    statusText: 'In progress.',
    outcomesLabel: 'Business Outcomes',
    outcomes: ["Families rate their experience of asking for help at or above the trauma-informed target in the families' survey."],
    criticalSuccessFactors: ['Plain language in both languages; every page says what happens next and who will see what a parent shares.'],
    progressLabel: "Families' experience",
    owner: 'trainer@concord.test',
    source: 'metric',
    metricKey: 'trauma.families_experience',
    metricTarget: 0.8,
    modules: ['portal', 'trauma'],
  },
];
