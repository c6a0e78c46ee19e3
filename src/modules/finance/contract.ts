/**
 * The finance interchange format: one case's history as JSON, read by `concord finance audit` and the
 * engine. Unknown fields are refused. No Node imports: the web app may use it.
 */
import { Type, type Static, type TProperties } from 'typebox';
import type { MonthlyAuditRow as AuditRow, PaymentLine, StatementSummary } from './domain/account-audit';
import type { Ocse34Lines } from './domain/ocse34';
import { collectionSources, type CollectionSource } from './domain/types';
import { incarcerationExceptions } from './domain/incarceration';
import { DateSchema, pageOf, PageQuerySchema } from '../../platform/http/contract';

export { collectionSources, type CollectionSource };

/** How a collection's source reads to a person: forms, tables, the statement. */
export const sourceLabels: Record<CollectionSource, string> = {
  wage_withholding: 'Wage withholding',
  voluntary: 'Voluntary payment',
  federal_tax_offset: 'Federal tax offset',
  state_tax_offset: 'State tax offset',
  unemployment_insurance: 'Unemployment insurance',
  insurance_intercept: 'Insurance intercept',
  lien_payoff: 'Lien payoff',
  other: 'Other',
};

const Day = DateSchema({ description: 'Calendar date YYYY-MM-DD' });
const Period = Type.Object({ from: Day, to: Day }, { additionalProperties: false });

export const OrderTermSchema = Type.Object(
  {
    effectiveFrom: Day,
    reason: Type.Enum(['original', 'modification', 'termination'] as const),
    frequency: Type.Enum(['monthly', 'semi_monthly', 'biweekly', 'weekly'] as const),
    amountCents: Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Per period, in cents' }),
    isReserved: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

/** The adjustment kinds and their own fields, with `extra` fields (an id in the interchange file; a justification in the API). */
function adjustmentVariants<Extra extends TProperties>(extra: Extra) {
  const money = Type.Integer({ minimum: 1, maximum: 100_000_000 });
  return Type.Union([
    Type.Object(
      { ...extra, kind: Type.Literal('misapplied_receipt'), effectiveOn: Day, collectionId: Type.String({ minLength: 1, maxLength: 100 }) },
      { additionalProperties: false },
    ),
    Type.Object({ ...extra, kind: Type.Literal('refund_over_collection'), effectiveOn: Day, amountCents: money }, { additionalProperties: false }),
    Type.Object(
      {
        ...extra,
        kind: Type.Literal('compromise'),
        effectiveOn: Day,
        amountCents: money,
        appliesTo: Type.Enum(['assigned_principal', 'interest'] as const),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        ...extra,
        kind: Type.Literal('court_arrears_determination'),
        effectiveOn: Day,
        principalCents: Type.Integer({ minimum: 0, maximum: 10_000_000_000 }),
      },
      { additionalProperties: false },
    ),
  ]);
}

/** A collection as received: a case's, or a lump sum received for an obligor. */
const CollectionEntry = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 100 }),
    receivedOn: Day,
    amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    source: Type.Enum(collectionSources),
  },
  { additionalProperties: false },
);

/** One case's history: orders, collections, periods, adjustments (formatVersion 1 is a document of one). */
const caseHistoryFields = {
  caseId: Type.String({ minLength: 1, maxLength: 100 }),
  orders: Type.Array(
    Type.Object(
      {
        id: Type.String({ minLength: 1, maxLength: 100 }),
        issuedOn: Day,
        interestRateOverrideBasisPoints: Type.Optional(Type.Integer({ minimum: 0, maximum: 5_000 })),
        terms: Type.Array(OrderTermSchema, { minItems: 1, maxItems: 500 }),
      },
      { additionalProperties: false },
    ),
    { maxItems: 100 },
  ),
  collections: Type.Array(CollectionEntry, { maxItems: 100_000 }),
  suspensions: Type.Array(Period, { default: [], maxItems: 100, description: 'Periods a court suspended support for, as given' }),
  incarcerations: Type.Array(
    Type.Object(
      {
        id: Type.String({ minLength: 1, maxLength: 100 }),
        from: Day,
        releasedOn: Type.Union([Day, Type.Null()], { description: 'null while still in custody' }),
        exceptions: Type.Array(Type.Enum(incarcerationExceptions), {
          default: [],
          maxItems: 3,
          description: 'FC 4007.5(a)(1)–(2): any keeps support charging',
        }),
      },
      { additionalProperties: false },
    ),
    { default: [], maxItems: 100, description: 'Stays in custody: the FC 4007.5 suspension is derived from them' },
  ),
  activeDuty: Type.Array(Period, { default: [], maxItems: 100, description: 'SCRA active-duty periods' }),
  assistance: Type.Array(
    Type.Object(
      { from: Day, to: Type.Union([Day, Type.Null()]), monthlyGrantCents: Type.Integer({ minimum: 0, maximum: 10_000_000 }) },
      { additionalProperties: false },
    ),
    { default: [], maxItems: 100, description: 'CalWORKs periods and monthly grants (assignment, URA, distribution)' },
  ),
  childCount: Type.Integer({ minimum: 1, maximum: 30, default: 1, description: 'Children on the case (pass-through amount)' }),
  adjustments: Type.Array(adjustmentVariants({ id: Type.String({ minLength: 1, maxLength: 100 }) }), {
    default: [],
    maxItems: 1_000,
    description: 'Corrections with reason codes; they never edit history',
  }),
};

export const CaseHistorySchema = Type.Object({ formatVersion: Type.Literal(1), ...caseHistoryFields }, { additionalProperties: false });
export type CaseHistoryDocument = Static<typeof CaseHistorySchema>;

/**
 * An obligor's cases in one document (formatVersion 2): each case's own history, and the lump sums
 * received for the obligor, which are prorated across the cases on their receipt dates (`prorate`), so
 * that an offline audit shows where each dollar of a payment went. Files of version 1 are still read.
 */
export const ObligorHistorySchema = Type.Object(
  {
    formatVersion: Type.Literal(2),
    obligorId: Type.String({ minLength: 1, maxLength: 100 }),
    cases: Type.Array(Type.Object(caseHistoryFields, { additionalProperties: false }), { minItems: 1, maxItems: 100 }),
    obligorCollections: Type.Array(CollectionEntry, {
      default: [],
      maxItems: 100_000,
      description: 'Lump sums received for the obligor, prorated across the cases',
    }),
  },
  { additionalProperties: false },
);
export type ObligorHistoryDocument = Static<typeof ObligorHistorySchema>;

export const MonthlyAuditRowSchema = Type.Object({
  month: Type.String({ description: 'YYYY-MM' }),
  orderedCents: Type.Integer(),
  collectedCents: Type.Integer(),
  principalPaidCents: Type.Integer(),
  interestChargedCents: Type.Integer({ description: 'Posted, and in the as-of month also accrued and not yet posted' }),
  interestAccruedCents: Type.Integer({ description: 'Of the interest charged, accrued since the last posting (the as-of month only)' }),
  interestPaidCents: Type.Integer(),
  principalBalanceCents: Type.Integer(),
  interestBalanceCents: Type.Integer(),
  futuresBalanceCents: Type.Integer(),
});
export type MonthlyAuditRow = Static<typeof MonthlyAuditRowSchema>;
// The schema describes the engine's rows exactly (domain/account-audit.ts); the compiler checks both ways.
const _sameAuditRow: [MonthlyAuditRow extends AuditRow ? true : false, AuditRow extends MonthlyAuditRow ? true : false] = [true, true];

export const NewCollectionSchema = Type.Object(
  {
    receiptId: Type.String({ minLength: 1, maxLength: 100, description: 'The disbursement unit receipt id: a collection is posted once' }),
    receivedOn: Day,
    amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    source: Type.Enum(collectionSources),
  },
  { additionalProperties: false },
);
export type NewCollection = Static<typeof NewCollectionSchema>;

export const AccountViewSchema = Type.Object({
  caseId: Type.String(),
  asOf: Day,
  balances: Type.Object({
    principalCents: Type.Integer(),
    interestCents: Type.Integer(),
    interestAccruedUnpostedCents: Type.Integer(),
    futuresCents: Type.Integer(),
    chargedCents: Type.Integer(),
    collectedCents: Type.Integer(),
    assignedPrincipalCents: Type.Integer({ description: 'Unpaid support that fell due in a month of CalWORKs: assigned to the state (DRA)' }),
    uraCents: Type.Integer({ description: 'Unreimbursed assistance: CalWORKs grants paid less what has been retained against them' }),
    distributedCents: Type.Object(
      { family: Type.Integer(), state: Type.Integer(), federal: Type.Integer() },
      { description: 'What distribution has sent to the family and retained for the state and federal government (42 USC 657)' },
    ),
  }),
  summary: Type.Object({
    currentDueCents: Type.Integer({ description: 'Support due in the as-of month, unpaid' }),
    arrearsCents: Type.Integer({ description: 'Unpaid support due before the as-of month' }),
    assignedArrearsCents: Type.Integer({ description: 'Of the arrears, assigned to the state (fell due in a month of CalWORKs)' }),
    familyArrearsCents: Type.Integer({ description: 'Of the arrears, owed to the family' }),
    interestCents: Type.Integer({ description: 'Unpaid interest, posted and accrued' }),
    interestAccruedCents: Type.Integer({ description: 'Of the interest, accrued since the last posting: posts at month end' }),
    futuresCents: Type.Integer(),
    totalOwedCents: Type.Integer(),
  }),
  months: Type.Array(MonthlyAuditRowSchema),
  collections: Type.Array(NewCollectionSchema),
});
export type AccountView = Static<typeof AccountViewSchema>;
type SummaryView = AccountView['summary'];
const _sameSummary: [SummaryView extends StatementSummary ? true : false, StatementSummary extends SummaryView ? true : false] = [true, true];

export const adjustmentKinds = ['misapplied_receipt', 'refund_over_collection', 'compromise', 'court_arrears_determination'] as const;
export type AdjustmentKind = (typeof adjustmentKinds)[number];

/** A proposed adjustment: the kind's fields and why. A misapplied receipt names the receipt id in `collectionId`. */
export const NewAdjustmentSchema = adjustmentVariants({
  justification: Type.String({ minLength: 5, maxLength: 2_000, description: 'Why: the court order, the compromise agreement, the receipt research' }),
});
export type NewAdjustment = Static<typeof NewAdjustmentSchema>;

/** One collection as a caseworker reads it: where each dollar went, newest first (the ledger is the detail). */
export const PaymentViewSchema = Type.Object({
  receiptId: Type.String(),
  receivedOn: Day,
  amountCents: Type.Integer(),
  source: Type.Enum(collectionSources),
  /** Reversed by an approved misapplied-receipt correction: nothing of it stays on the account. */
  isReversed: Type.Boolean(),
  currentCents: Type.Integer({ description: 'Support due in the month received' }),
  arrearsCents: Type.Integer({ description: 'Support due before that month (assigned and owed to the family)' }),
  interestCents: Type.Integer(),
  heldAsFuturesCents: Type.Integer({ description: 'More than was owed on the day: held and applied as support falls due' }),
  familyCents: Type.Integer(),
  stateCents: Type.Integer(),
  federalCents: Type.Integer(),
});
export type PaymentView = Static<typeof PaymentViewSchema>;
const _samePayment: [PaymentView extends PaymentLine ? true : false, PaymentLine extends PaymentView ? true : false] = [true, true];

export const AdjustmentViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  caseId: Type.String({ format: 'uuid' }),
  caseNumber: Type.String(),
  kind: Type.Enum(adjustmentKinds),
  effectiveOn: Day,
  amountCents: Type.Union([Type.Integer(), Type.Null()], { description: 'The amount, or for a court determination the determined principal' }),
  detail: Type.String({ description: 'What the adjustment applies to, in words' }),
  justification: Type.String(),
  status: Type.Enum(['pending', 'approved', 'rejected'] as const),
  proposedBy: Type.Union([Type.String(), Type.Null()], { description: 'Null for demo data' }),
  proposedAt: Type.String({ format: 'date-time' }),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
});
export type AdjustmentView = Static<typeof AdjustmentViewSchema>;

export const AdjustmentDecisionSchema = Type.Object(
  { decision: Type.Enum(['approve', 'reject'] as const), note: Type.Optional(Type.String({ maxLength: 2_000 })) },
  { additionalProperties: false },
);
export type AdjustmentDecision = Static<typeof AdjustmentDecisionSchema>;

export const ledgerEntryKinds = ['charge', 'interest', 'collection', 'futures_applied', 'distribution', 'adjustment'] as const;

export const LedgerQuerySchema = Type.Object({
  asOf: Type.Optional(Day),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  kind: Type.Optional(Type.Enum(ledgerEntryKinds)),
  account: Type.Optional(Type.String({ maxLength: 100, description: 'Postings to accounts starting with this, e.g. interest_receivable' })),
  ...PageQuerySchema.properties,
});
export type LedgerQuery = Static<typeof LedgerQuerySchema>;

export const LedgerEntrySchema = Type.Object({
  id: Type.String(),
  date: Day,
  kind: Type.Enum(ledgerEntryKinds),
  ref: Type.String(),
  postings: Type.Array(Type.Object({ account: Type.String(), amountCents: Type.Integer({ description: 'Debit positive, credit negative' }) })),
});
export const LedgerPageSchema = pageOf(LedgerEntrySchema);
export type LedgerPage = Static<typeof LedgerPageSchema>;

export const auditRequestKinds = ['arrears_audit', 'complaint'] as const;
export const queueStates = ['on_time', 'due_soon', 'overdue', 'completed_on_time', 'completed_late'] as const;

export const NewAuditRequestSchema = Type.Object(
  {
    kind: Type.Enum(auditRequestKinds),
    requestedBy: Type.Enum(['obligor', 'obligee', 'other_party'] as const),
    receivedOn: Day,
    knewOn: Type.Optional(Day),
    summary: Type.String({ minLength: 5, maxLength: 2_000 }),
  },
  { additionalProperties: false },
);
export type NewAuditRequest = Static<typeof NewAuditRequestSchema>;

export const AuditRequestUpdateSchema = Type.Union([
  Type.Object(
    { action: Type.Literal('extend'), extendedTo: Day, reason: Type.String({ minLength: 5, maxLength: 2_000 }) },
    { additionalProperties: false, description: "A complaint's director extension, or an audit's delay letter with its estimated completion date" },
  ),
  Type.Object(
    { action: Type.Literal('complete'), completedOn: Day, outcome: Type.String({ minLength: 5, maxLength: 4_000 }) },
    { additionalProperties: false },
  ),
]);
export type AuditRequestUpdate = Static<typeof AuditRequestUpdateSchema>;

export const AuditRequestViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  caseId: Type.String({ format: 'uuid' }),
  caseNumber: Type.String(),
  lcsaId: Type.String(),
  kind: Type.Enum(auditRequestKinds),
  requestedBy: Type.String(),
  receivedOn: Day,
  knewOn: Type.Union([Day, Type.Null()]),
  summary: Type.String(),
  dueOn: Day,
  isFiledLate: Type.Boolean(),
  extendedTo: Type.Union([Day, Type.Null()]),
  extensionReason: Type.Union([Type.String(), Type.Null()]),
  completedOn: Type.Union([Day, Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  state: Type.Enum(queueStates),
  daysLeft: Type.Union([Type.Integer(), Type.Null()]),
});
export type AuditRequestView = Static<typeof AuditRequestViewSchema>;

export const DiscrepancySchema = Type.Object({
  caseId: Type.String({ format: 'uuid' }),
  caseNumber: Type.String(),
  lcsaId: Type.String(),
  asOf: Day,
  source: Type.String({ description: 'Where the stored balances came from' }),
  stored: Type.Object({ principalCents: Type.Integer(), interestCents: Type.Integer(), futuresCents: Type.Integer() }),
  replayed: Type.Object({ principalCents: Type.Integer(), interestCents: Type.Integer(), futuresCents: Type.Integer() }),
  differenceCents: Type.Object({ principalCents: Type.Integer(), interestCents: Type.Integer(), futuresCents: Type.Integer() }),
});
export type Discrepancy = Static<typeof DiscrepancySchema>;

export const DiscrepancyReportSchema = Type.Object({
  checked: Type.Integer(),
  matching: Type.Integer(),
  discrepancies: Type.Array(DiscrepancySchema),
  next: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `after` for the next page; null at the end' }),
});

export const StoredBalancesSchema = Type.Object(
  {
    asOf: Day,
    source: Type.String({ minLength: 2, maxLength: 100, description: 'Where the figures come from, e.g. "legacy:los-angeles"' }),
    principalCents: Type.Integer({ minimum: 0, maximum: 10_000_000_000 }),
    interestCents: Type.Integer({ minimum: 0, maximum: 10_000_000_000 }),
    futuresCents: Type.Integer({ minimum: 0, maximum: 10_000_000_000 }),
  },
  { additionalProperties: false },
);
export type StoredBalances = Static<typeof StoredBalancesSchema>;
export type DiscrepancyReport = Static<typeof DiscrepancyReportSchema>;

export const ObligorCollectionSchema = Type.Object(
  {
    receiptId: Type.String({ minLength: 1, maxLength: 90 }),
    receivedOn: Day,
    amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    source: Type.Enum(collectionSources),
  },
  { additionalProperties: false },
);
export const ObligorCollectionResultSchema = Type.Object({
  isNew: Type.Boolean(),
  parts: Type.Array(
    Type.Object({
      caseId: Type.String({ format: 'uuid' }),
      caseNumber: Type.String(),
      receiptId: Type.String(),
      amountCents: Type.Integer(),
      currentCents: Type.Integer(),
      arrearsCents: Type.Integer(),
      futuresCents: Type.Integer(),
    }),
  ),
});
export type ObligorCollectionResult = Static<typeof ObligorCollectionResultSchema>;

export const NewIncarcerationSchema = Type.Object(
  {
    from: Day,
    releasedOn: Type.Optional(Type.Union([Day, Type.Null()], { description: 'Absent or null while still in custody' })),
    exceptions: Type.Optional(Type.Array(Type.Enum(incarcerationExceptions), { maxItems: 3, description: 'FC 4007.5(a)(1)–(2): any keeps support charging' })),
    source: Type.String({ minLength: 3, maxLength: 500, description: 'Where the facts came from (a jail roster, a verification letter)' }),
  },
  { additionalProperties: false },
);
export type NewIncarceration = Static<typeof NewIncarcerationSchema>;

export const IncarcerationUpdateSchema = Type.Object(
  {
    releasedOn: Type.Union([Day, Type.Null()]),
    exceptions: Type.Array(Type.Enum(incarcerationExceptions), { maxItems: 3 }),
    source: Type.String({ minLength: 3, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type IncarcerationUpdate = Static<typeof IncarcerationUpdateSchema>;

export const IncarcerationViewSchema = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  from: Type.String({ format: 'date' }),
  releasedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  exceptions: Type.Array(Type.Enum(incarcerationExceptions)),
  source: Type.String(),
  /** What FC 4007.5 derives from the stay as of today: the days no support falls due (none: it does not suspend). */
  suspended: Type.Union([Type.Object({ from: Type.String({ format: 'date' }), to: Type.Union([Type.String({ format: 'date' }), Type.Null()]) }), Type.Null()], {
    description: 'null: the stay suspends nothing (90 days or fewer so far, an exception, or before 2021); to null: until release',
  }),
});
export type IncarcerationView = Static<typeof IncarcerationViewSchema>;

const cents = Type.Integer();
const centsBy = <K extends string>(keys: readonly K[]) => Type.Object(Object.fromEntries(keys.map((k) => [k, cents])) as Record<K, typeof cents>);
const distributionRowKeys = ['passed_through', 'assistance_reimbursement_federal', 'assistance_reimbursement_state', 'to_family'] as const;

/** The OCSE-34's lines (domain/ocse34.ts): all in cents. */
export const Ocse34LinesSchema = Type.Object({
  line1: cents,
  line2: centsBy(['2a', '2b', '2c', '2d', '2e', '2f', '2g', '2h'] as const),
  line2Total: cents,
  line3: cents,
  line4: cents,
  line5: cents,
  distributed: Type.Object({ A: centsBy(distributionRowKeys), C: centsBy(distributionRowKeys), F: centsBy(distributionRowKeys) }),
  distributedTotal: cents,
  undistributed: centsBy(['0-30', '31-90', '91-180', '181-365', 'over-365'] as const),
  undistributedTotal: cents,
});
const _sameOcse34Lines: [
  Static<typeof Ocse34LinesSchema> extends Ocse34Lines ? true : false,
  Ocse34Lines extends Static<typeof Ocse34LinesSchema> ? true : false,
] = [true, true];

export const Ocse34ReportSchema = Type.Object({
  quarter: Type.String(),
  from: Day,
  to: Day,
  isPreliminary: Type.Boolean({ description: 'The quarter has not ended: the figures stand as of today' }),
  total: Ocse34LinesSchema,
  lcsas: Type.Array(Type.Object({ lcsaId: Type.String(), lcsaName: Type.String(), lines: Ocse34LinesSchema })),
});
export type Ocse34Report = Static<typeof Ocse34ReportSchema>;

export const Ocse34ItemSchema = Type.Object({
  caseId: Type.String(),
  caseNumber: Type.String(),
  ref: Type.String({ description: 'The receipt, or the distribution of money held (an installment, a day, arrears), or the refund' }),
  date: Day,
  amountCents: cents,
});
export type Ocse34Item = Static<typeof Ocse34ItemSchema>;

/** The OCSE-34's words for its lines, rows, columns and age bands: the page and the PDF say the same. */
export const ocse34LineLabels: Record<'2a' | '2b' | '2c' | '2d' | '2e' | '2f' | '2g' | '2h', string> = {
  '2a': 'Federal tax offset',
  '2b': 'State tax offset',
  '2c': 'Unemployment insurance offset',
  '2d': 'Administrative enforcement (insurance intercept)',
  '2e': 'Income withholding',
  '2f': 'From other states and tribes',
  '2g': 'From other countries',
  '2h': 'Other sources (voluntary, lien payoffs, other)',
};
export const ocse34RowLabels: Record<'passed_through' | 'assistance_reimbursement_federal' | 'assistance_reimbursement_state' | 'to_family', string> = {
  passed_through: 'Passed through to the family',
  assistance_reimbursement_federal: 'Assistance reimbursement: federal share',
  assistance_reimbursement_state: 'Assistance reimbursement: state share',
  to_family: 'Paid to the family',
};
export const ocse34ColumnLabels = { A: 'A Current assistance', C: 'C Former assistance', F: 'F Never assistance' } as const;
export const ocse34BandLabels: Record<'0-30' | '31-90' | '91-180' | '181-365' | 'over-365', string> = {
  '0-30': 'Up to 30 days',
  '31-90': '31 to 90 days',
  '91-180': '91 to 180 days',
  '181-365': '181 days to a year',
  'over-365': 'Over a year',
};
