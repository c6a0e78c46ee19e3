/** Shapes of the claims API (TypeBox), shared with the web app (no Node imports). */
import { Type, type Static } from 'typebox';
import { DateSchema, Nullable } from '../../platform/http/contract';
import { adjustmentExceptions, claimLineCodes } from './domain/policy';

const Cents = Type.Integer({ minimum: -100_000_000_000, maximum: 100_000_000_000 });
export const QuarterSchema = Type.String({ pattern: '^\\d{4}-Q[1-4]$', description: 'A calendar quarter, e.g. 2026-Q1 (January–March)' });

export const LineAmountsSchema = Type.Object(
  { currentCents: Cents, adjustmentCents: Cents, estimateCents: Cents },
  { additionalProperties: false, description: 'Current quarter, prior-quarter adjustments, next-quarter estimate' },
);
export const ClaimLinesSchema = Type.Partial(
  Type.Object(Object.fromEntries(claimLineCodes.map((c) => [c, LineAmountsSchema])) as Record<(typeof claimLineCodes)[number], typeof LineAmountsSchema>),
  {
    additionalProperties: false,
  },
);

export const AttachmentSchema = Type.Object(
  {
    kind: Type.Enum(['time_study', 'time_certification'] as const),
    ivdHours: Type.Integer({ minimum: 0 }),
    nonIvdHours: Type.Integer({ minimum: 0 }),
    staffCount: Type.Integer({ minimum: 0 }),
    note: Type.Optional(Type.String({ maxLength: 2_000 })),
  },
  { additionalProperties: false },
);

export const AdjustmentItemSchema = Type.Object(
  {
    line: Type.Enum(claimLineCodes),
    quarter: Type.String({ pattern: '^\\d{4}-Q[1-4]$', description: 'The quarter of the expenditure adjusted, e.g. 2025-Q2' }),
    amountCents: Cents,
    reason: Type.String({ minLength: 3, maxLength: 500 }),
    exception: Type.Optional(Type.Enum(adjustmentExceptions, { description: 'An exception to the two-year claiming limit (45 CFR 95.19); needs a reference' })),
    reference: Type.Optional(Type.String({ maxLength: 200, description: 'The rate agreement, audit, court order or decision the exception rests on' })),
  },
  { additionalProperties: false, description: "A prior-quarter adjustment, itemised: each line's column C is the sum of its items" },
);

export const SaveClaimSchema = Type.Object(
  {
    lcsaId: Type.String(),
    quarter: QuarterSchema,
    lines: ClaimLinesSchema,
    attachments: Type.Array(AttachmentSchema, { maxItems: 10 }),
    adjustments: Type.Optional(Type.Array(AdjustmentItemSchema, { maxItems: 200 })),
    overAllocationJustification: Type.Optional(Type.String({ maxLength: 4_000 })),
  },
  { additionalProperties: false },
);
export type SaveClaim = Static<typeof SaveClaimSchema>;

export const WorkflowActionSchema = Type.Object(
  {
    action: Type.Enum(['submit', 'approve', 'certify', 'accept', 'return'] as const),
    comment: Type.Optional(Type.String({ maxLength: 4_000, description: 'Required to return a claim' })),
  },
  { additionalProperties: false },
);
export type WorkflowAction = Static<typeof WorkflowActionSchema>;

export const ColumnsSchema = Type.Object({ A: Type.Integer(), B: Type.Integer(), C: Type.Integer(), D: Type.Integer(), E: Type.Integer(), F: Type.Integer() });

export const ClaimLineViewSchema = Type.Object({
  code: Type.String(),
  label: Type.String(),
  ocse396: Type.String(),
  isIncome: Type.Boolean(),
  federalRateBasisPoints: Type.Integer(),
  columns: ColumnsSchema,
});

export const ClaimSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  lcsaId: Type.String(),
  lcsaName: Type.String(),
  quarter: Type.String(),
  stateFiscalYear: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  dueBy: DateSchema(),
  submittedOn: Nullable(DateSchema()),
  isLate: Type.Boolean(),
  totalCents: Type.Integer({ description: 'Current quarter, program income subtracted' }),
  federalCents: Type.Integer(),
  stateCents: Type.Integer(),
});
export type ClaimSummary = Static<typeof ClaimSummarySchema>;

export const ClaimDetailSchema = Type.Intersect([
  ClaimSummarySchema,
  Type.Object({
    lines: Type.Array(ClaimLineViewSchema),
    totals: Type.Intersect([ColumnsSchema, Type.Object({ stateCents: Type.Integer() })]),
    attachments: Type.Array(AttachmentSchema),
    adjustments: Type.Array(AdjustmentItemSchema),
    overAllocationJustification: Nullable(Type.String()),
    problems: Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), { description: 'What would stop a submission now' }),
    events: Type.Array(
      Type.Object({
        fromStatus: Nullable(Type.String()),
        toStatus: Type.String(),
        version: Type.Integer(),
        comment: Nullable(Type.String()),
        actorRole: Type.String(),
        on: Type.String(),
      }),
    ),
    versions: Type.Array(Type.Object({ version: Type.Integer(), source: Type.String(), savedAt: Type.String() })),
  }),
]);
export type ClaimDetail = Static<typeof ClaimDetailSchema>;

const ColumnKeySchema = Type.Enum(['A', 'B', 'C', 'D', 'E', 'F'] as const);
export const Ocse396RowSchema = Type.Object({
  line: Type.String(),
  label: Type.String(),
  section: Type.Enum(['A', 'B', 'C'] as const),
  open: Type.Array(ColumnKeySchema, { description: 'The columns the form has a box for on this line; the others are shaded' }),
  columns: ColumnsSchema,
});
const EntryCents = Type.Integer({ minimum: -10_000_000_000, maximum: 10_000_000_000 });
export const FederalEntriesSchema = Type.Object(
  {
    collectionsAdjustmentCents: Type.Integer({
      ...EntryCents,
      description: 'Line 9, column D: prior-quarter adjustments to the federal share of IV-A collections',
    }),
    fplsFeesCents: Type.Integer({ minimum: 0, maximum: 10_000_000_000, description: 'Line 10: Federal Parent Locator Service fees' }),
    csenetFeesCents: Type.Integer({ minimum: 0, maximum: 10_000_000_000, description: 'Line 11: CSENet fees' }),
    preOffsetFeesCents: Type.Integer({ minimum: 0, maximum: 10_000_000_000, description: 'Line 12: pre-offset service fees' }),
    adjustmentCents: Type.Integer({ ...EntryCents, description: 'Line 13, signed: added to the net federal share' }),
    incentiveEstimateCents: Type.Integer({ minimum: 0, maximum: 10_000_000_000, description: "Line 16: the coming quarter's incentive estimate" }),
    note: Type.Optional(Type.String({ maxLength: 2_000, description: 'Required when line 13 is not zero: what the adjustment is' })),
  },
  { additionalProperties: false },
);
export type FederalEntriesInput = Static<typeof FederalEntriesSchema>;
export const FederalFilingSchema = Type.Object({ version: Type.Integer(), filedOn: DateSchema(), isLate: Type.Boolean(), isRevision: Type.Boolean() });
export const ConsolidatedSchema = Type.Object({
  quarter: Type.String(),
  federalFiscalYear: Type.Integer(),
  federalQuarter: Type.Integer(),
  rows: Type.Array(Ocse396RowSchema),
  acceptedClaims: Type.Integer(),
  lcsasWithoutAcceptedClaim: Type.Array(Type.String()),
  federalDueBy: DateSchema({ description: '45 days after the quarter ends (45 CFR 301.15)' }),
  finalAfter: DateSchema({ description: 'December 31 after the federal fiscal year: no filing or revision after it' }),
  canFile: Type.Boolean({ description: 'The quarter has ended and the report is not final' }),
  collectionsSource: Type.String({ description: 'Where line 9 comes from' }),
  entries: Type.Intersect([Type.Omit(FederalEntriesSchema, ['note']), Type.Object({ note: Nullable(Type.String()) })]),
  filings: Type.Array(FederalFilingSchema, { description: 'Newest first' }),
});
export type Consolidated = Static<typeof ConsolidatedSchema>;

export const DrillDownSchema = Type.Object({
  quarter: Type.String(),
  line: Type.String(),
  label: Type.String(),
  total: ColumnsSchema,
  lcsas: Type.Array(
    Type.Object({ claimId: Type.String(), lcsaId: Type.String(), lcsaName: Type.String(), columns: ColumnsSchema, lines: Type.Array(ClaimLineViewSchema) }),
  ),
});
export type DrillDown = Static<typeof DrillDownSchema>;

export const InboxItemSchema = Type.Object({
  claimId: Type.String(),
  lcsaName: Type.String(),
  quarter: Type.String(),
  status: Type.String(),
  message: Type.String(),
  dueBy: Type.String(),
});
export type InboxItem = Static<typeof InboxItemSchema>;

export const AllocationSchema = Type.Object({
  lcsaId: Type.String(),
  stateFiscalYear: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
  stream: Type.Enum(['administration', 'edp_mo', 'one_time'] as const),
  amountCents: Type.Integer({ minimum: 0 }),
});
export type Allocation = Static<typeof AllocationSchema>;

export const AllocationInputsSchema = Type.Object(
  {
    openCases: Type.Integer({ minimum: 0 }),
    averageCostPerFteCents: Type.Integer({ minimum: 0 }),
    callCenterCents: Type.Integer({ minimum: 0 }),
    operatingExpensesCents: Type.Integer({ minimum: 0 }),
    priorAllocationCents: Type.Integer({ minimum: 0 }),
    phaseInYear: Type.Integer({ minimum: 1, maximum: 10 }),
  },
  { additionalProperties: false },
);
export const AllocationResultSchema = Type.Object({
  baselineCents: Type.Integer(),
  allocationCents: Type.Integer(),
  isHeldHarmless: Type.Boolean(),
  steps: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
});
export type AllocationResult = Static<typeof AllocationResultSchema>;

export const DashboardRowSchema = Type.Object({
  lcsaId: Type.String(),
  lcsaName: Type.String(),
  allocationCents: Type.Integer(),
  claimedCents: Type.Integer({ description: 'Submitted or further along, this state fiscal year' }),
  spentCents: Type.Integer({ description: 'Accepted by the state' }),
  unspentCents: Type.Integer(),
  openCases: Type.Integer(),
  costPerCaseCents: Nullable(Type.Integer()),
  collectionsCents: Type.Integer(),
  collectionsPerDollar: Nullable(Type.Number()),
});
export const DashboardSchema = Type.Object({ stateFiscalYear: Type.String(), lcsas: Type.Array(DashboardRowSchema), statewide: DashboardRowSchema });
export type Dashboard = Static<typeof DashboardSchema>;

export const BudgetPositionSchema = Type.Object(
  {
    classification: Type.String({ minLength: 2, maxLength: 100, description: 'e.g. Child Support Specialist II' }),
    fte: Type.Number({ minimum: 0, maximum: 5_000 }),
    averageSalaryCents: Type.Integer({ minimum: 0 }),
    benefitsRateBasisPoints: Type.Integer({ minimum: 0, maximum: 10_000, description: 'Benefits as a share of salary, in basis points (4500 = 45%)' }),
    justification: Type.String({ minLength: 10, maxLength: 2_000 }),
  },
  { additionalProperties: false },
);
export const BudgetItemSchema = Type.Object(
  {
    kind: Type.Enum(['operating_expenses', 'equipment'] as const),
    description: Type.String({ minLength: 2, maxLength: 200 }),
    amountCents: Type.Integer({ minimum: 0 }),
    justification: Type.String({ minLength: 10, maxLength: 2_000 }),
  },
  { additionalProperties: false },
);
export const SaveBudgetRequestSchema = Type.Object(
  {
    lcsaId: Type.String(),
    stateFiscalYear: Type.String({ pattern: '^\\d{4}-\\d{2}$' }),
    positions: Type.Array(BudgetPositionSchema, { maxItems: 200 }),
    items: Type.Array(BudgetItemSchema, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type SaveBudgetRequest = Static<typeof SaveBudgetRequestSchema>;
export const BudgetRequestViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  lcsaId: Type.String(),
  stateFiscalYear: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  positions: Type.Array(Type.Intersect([BudgetPositionSchema, Type.Object({ salariesCents: Type.Integer(), benefitsCents: Type.Integer() })])),
  items: Type.Array(BudgetItemSchema),
  fte: Type.Number(),
  salariesCents: Type.Integer(),
  benefitsCents: Type.Integer(),
  operatingExpensesCents: Type.Integer(),
  equipmentCents: Type.Integer(),
  totalCents: Type.Integer(),
  reviewComment: Nullable(Type.String()),
});
export type BudgetRequestView = Static<typeof BudgetRequestViewSchema>;
export const BudgetDecisionSchema = Type.Object(
  { action: Type.Enum(['submit', 'approve', 'return'] as const), comment: Type.Optional(Type.String({ maxLength: 4_000 })) },
  { additionalProperties: false },
);
