/** Shapes of the intercept API, shared with the web app (no Node imports). */
import { Type, type Static } from 'typebox';
import { DateSchema, Nullable } from '../../platform/http/contract';
import { noticeStatuses } from './domain/notice';
import { receiptExceptionReasons } from './domain/receipts';

/** Claim types of a claim file (Ins. Code 13550(b)) and those never reported (13550(c)). */
export const reportableClaimTypes = [
  'life_beneficiary',
  'cash_surrender',
  'annuity_payment',
  'disability_income',
  'policy_loan',
  'liability',
  'underinsured_motorist',
  'workers_compensation',
  'personal_injury',
] as const;
/** Ins. Code 13550(c): never reported (recorded as not reportable with the reason). */
export const exemptClaimTypes = [
  'accelerated_death_benefit',
  'provider_assigned_medical',
  'mortgagee_payment',
  'property_repair',
  'state_of_emergency',
] as const;
export const claimTypes = [...reportableClaimTypes, ...exemptClaimTypes] as const;

/** The fixed-width layout's record length. */
export const fixedWidthLength = 191;

/** The CSV claim file's columns (header line, any order). */
export const csvColumns = [
  'claim_number',
  'claim_type',
  'payment_type',
  'amount',
  'loss_date',
  'claimant_ssn',
  'claimant_first_name',
  'claimant_last_name',
  'claimant_date_of_birth',
  'claimant_address_line1',
  'claimant_city',
  'claimant_state',
  'claimant_zip',
] as const;

/** What each CSV column holds, for the onboarding page, the template and the API reference. */
export const csvColumnHelp: Record<(typeof csvColumns)[number], string> = {
  claim_number: 'Your claim number, unique among your claims (at most 30 characters); a claim is reported once',
  claim_type: `One of: ${claimTypes.join(', ')}`,
  payment_type: 'lump_sum or periodic',
  amount: 'The payment in dollars with cents, e.g. 2400.00',
  loss_date: 'Date of the loss, YYYY-MM-DD (may be empty)',
  claimant_ssn: 'The claimant’s SSN, 9 digits with or without dashes (empty only with a date of birth and an address)',
  claimant_first_name: 'First name',
  claimant_last_name: 'Last name',
  claimant_date_of_birth: 'Date of birth, YYYY-MM-DD',
  claimant_address_line1: 'Street address',
  claimant_city: 'City',
  claimant_state: 'Two-letter state',
  claimant_zip: 'ZIP code, 5 or 9 digits',
};

export const ClaimFileViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  insurerId: Type.String(),
  insurerName: Type.String(),
  fileName: Type.String(),
  format: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  bytes: Type.Integer(),
  lineCount: Type.Integer(),
  acceptedCount: Type.Integer(),
  notReportableCount: Type.Integer(),
  rejectedCount: Type.Integer(),
  matchedCount: Type.Integer(),
  reviewCount: Type.Integer(),
});
export const UploadResultSchema = Type.Object({
  ...ClaimFileViewSchema.properties,
  isNew: Type.Boolean({ description: 'false when the same content was already received' }),
});
const SideSchema = Type.Object({
  name: Type.String(),
  dateOfBirth: Type.Union([Type.String(), Type.Null()]),
  ssn: Type.Union([Type.String(), Type.Null()]),
  place: Type.String(),
});
export const ReviewItemSchema = Type.Object({
  matchId: Type.String(),
  claimId: Type.String(),
  insurerName: Type.String(),
  claimNumber: Type.String(),
  claimType: Type.String(),
  amountCents: Type.Integer(),
  score: Type.Number(),
  outcome: Type.String(),
  decision: Type.Union([Type.String(), Type.Null()]),
  pastDueCents: Type.Integer(),
  waitingSince: Type.String({ format: 'date-time', description: 'When the match was made' }),
  claimant: SideSchema,
  obligor: Type.Object({ ...SideSchema.properties, personId: Type.String() }),
  /** The obligor's case in the match's LCSA, to open from the review. */
  obligorCase: Type.Union([Type.Object({ id: Type.String(), caseNumber: Type.String() }), Type.Null()]),
  evidence: Type.Array(
    Type.Object({
      field: Type.String(),
      agreement: Type.String(),
      weight: Type.Number(),
      swapped: Type.Optional(Type.Boolean({ description: 'On the names: they agree so with the claimant’s first and last names the other way round' })),
    }),
  ),
  /** What the weights behind the score are: an estimated set in force from a date, or the priors. */
  weights: Type.String(),
});

/** A set of match weights (`concord-match-weights/1`) as loaded: each field's level weights, log2(m/u). */
export const MatchWeightsViewSchema = Type.Object({
  id: Type.String(),
  effectiveFrom: DateSchema(),
  note: Type.String(),
  isInForce: Type.Boolean({ description: 'The set the database’s matching scores with today' }),
  weights: Type.Record(Type.String(), Type.Record(Type.String(), Type.Number()), { description: 'Per field, per level: log2(m/u)' }),
});
export type MatchWeightsView = Static<typeof MatchWeightsViewSchema>;

export type ClaimFileView = Static<typeof ClaimFileViewSchema>;
export type UploadResult = Static<typeof UploadResultSchema>;
export type ReviewItem = Static<typeof ReviewItemSchema>;

export const NoticeViewSchema = Type.Object({
  id: Type.String({ format: 'uuid', description: 'Also the reference an insurer quotes when it remits to the state disbursement unit' }),
  matchId: Type.String({ format: 'uuid' }),
  insurerName: Type.String(),
  claimNumber: Type.String(),
  claimType: Type.String(),
  claimantName: Type.String(),
  kind: Type.Enum(['lump_sum', 'periodic'] as const),
  noticeDate: DateSchema(),
  pastDueCents: Type.Integer(),
  withholdCents: Type.Integer(),
  capRule: Type.String(),
  perPaymentBasisPoints: Nullable(Type.Integer({ description: 'Periodic payments: the share of each payment that may be withheld, in basis points' })),
  status: Type.Enum(noticeStatuses),
  promisedCents: Type.Integer({ description: 'What the insurer said it remitted' }),
  remittedCents: Type.Integer({ description: 'What the state disbursement unit received against the notice and posted' }),
  onHold: Type.Boolean({ description: 'An open contest holds the notice: nothing is remitted or posted' }),
  insurerCopyMailedOn: Nullable(DateSchema()),
  obligorCopyMailedOn: Nullable(DateSchema()),
  insurerReceivedOn: Nullable(DateSchema()),
  recheckOn: Type.Union([DateSchema(), Type.Null()]),
  obligorCase: Type.Union([Type.Object({ id: Type.String({ format: 'uuid' }), caseNumber: Type.String() }), Type.Null()], {
    description: "Staff only: the obligor's case in the notice's LCSA (the remittance is posted across all the obligor's cases)",
  }),
});
export type NoticeView = Static<typeof NoticeViewSchema>;

const note = Type.Optional(Type.String({ maxLength: 2_000 }));
export const NoticeAnswerSchema = Type.Union([
  Type.Object({ answer: Type.Literal('will_withhold'), note }, { additionalProperties: false }),
  Type.Object({ answer: Type.Literal('already_paid'), paidOn: DateSchema(), note }, { additionalProperties: false }),
  Type.Object({ answer: Type.Literal('denied'), note: Type.String({ minLength: 3, maxLength: 2_000 }) }, { additionalProperties: false }),
  Type.Object(
    {
      answer: Type.Literal('remitted'),
      amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
      sentOn: DateSchema({ description: 'When the insurer sent the remittance to the state disbursement unit' }),
      paymentGrossCents: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'Periodic payments (required): the gross payment the remittance was withheld from' }),
      ),
      note,
    },
    { additionalProperties: false },
  ),
]);
export type NoticeAnswer = Static<typeof NoticeAnswerSchema>;

export const NoticeDeliverySchema = Type.Object(
  {
    insurerCopyMailedOn: Type.Optional(DateSchema()),
    obligorCopyMailedOn: Type.Optional(DateSchema()),
    insurerReceivedOn: Type.Optional(
      DateSchema({ description: 'From the return receipt or the insurer: "notice after payment does not bind" compares with this' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type NoticeDelivery = Static<typeof NoticeDeliverySchema>;

/** One receipt of the state disbursement unit, as its file line or API item. */
export const SduReceiptSchema = Type.Object(
  {
    receiptId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9-]{0,39}$', description: "The disbursement unit's receipt number" }),
    noticeReference: Type.String({ minLength: 1, maxLength: 100, description: 'The notice the payer quoted' }),
    amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    receivedOn: DateSchema(),
    payerName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type SduReceipt = Static<typeof SduReceiptSchema>;

export const ReceiptViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  receiptId: Type.String(),
  noticeReference: Type.String(),
  noticeId: Nullable(Type.String({ format: 'uuid' })),
  amountCents: Type.Integer(),
  receivedOn: DateSchema(),
  payerName: Nullable(Type.String()),
  sourceFile: Nullable(Type.String()),
  line: Nullable(Type.Integer()),
  status: Type.Enum(['posted', 'exception', 'returned'] as const),
  reason: Nullable(Type.Enum(receiptExceptionReasons)),
  resolutionNote: Nullable(Type.String()),
});
export type ReceiptView = Static<typeof ReceiptViewSchema>;

export const ReceiptBatchResultSchema = Type.Object({
  received: Type.Integer(),
  posted: Type.Integer(),
  exceptions: Type.Integer(),
  duplicates: Type.Integer({ description: 'Receipts already on file with the same details: not counted twice' }),
});
export type ReceiptBatchResult = Static<typeof ReceiptBatchResultSchema>;

export const ReceiptResolutionSchema = Type.Union([
  Type.Object(
    { action: Type.Literal('post'), noticeId: Type.String({ format: 'uuid' }), note: Type.String({ minLength: 3, maxLength: 2_000 }) },
    { additionalProperties: false },
  ),
  Type.Object({ action: Type.Literal('return'), note: Type.String({ minLength: 3, maxLength: 2_000 }) }, { additionalProperties: false }),
]);
export type ReceiptResolution = Static<typeof ReceiptResolutionSchema>;

export const contestGrounds = ['not_my_claim', 'amount_wrong', 'support_paid', 'exempt_payment', 'other'] as const;
export const contestStatuses = ['open', 'upheld_amended', 'upheld_released', 'denied'] as const;

export const NewContestSchema = Type.Object(
  {
    noticeId: Type.String({ format: 'uuid' }),
    receivedOn: DateSchema({ description: 'When the contest reached the LCSA' }),
    grounds: Type.Enum(contestGrounds),
    statement: Type.Optional(Type.String({ maxLength: 4_000 })),
    documents: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20, description: 'What the parent sent, by name' }),
  },
  { additionalProperties: false },
);
export type NewContest = Static<typeof NewContestSchema>;

export const ContestDecisionSchema = Type.Union([
  Type.Object(
    {
      decision: Type.Literal('upheld_amended'),
      amendedWithholdCents: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
      note: Type.String({ minLength: 3, maxLength: 2_000 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ decision: Type.Literal('upheld_released'), note: Type.String({ minLength: 3, maxLength: 2_000 }) }, { additionalProperties: false }),
  Type.Object({ decision: Type.Literal('denied'), note: Type.String({ minLength: 3, maxLength: 2_000 }) }, { additionalProperties: false }),
]);
export type ContestDecision = Static<typeof ContestDecisionSchema>;

export const ContestViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  noticeId: Type.String({ format: 'uuid' }),
  claimNumber: Type.String(),
  receivedOn: DateSchema(),
  dueBy: DateSchema({ description: 'The contest window the copy states, from the day the obligor copy was mailed (or the notice date)' }),
  isLate: Type.Boolean({ description: 'Received after the window: recorded, and decided like any other' }),
  grounds: Type.Enum(contestGrounds),
  statement: Nullable(Type.String()),
  documents: Type.Array(Type.String()),
  source: Type.Enum(['staff', 'parent'] as const),
  status: Type.Enum(contestStatuses),
  decidedOn: Nullable(DateSchema()),
  decisionNote: Nullable(Type.String()),
  amendedWithholdCents: Nullable(Type.Integer()),
});
export type ContestView = Static<typeof ContestViewSchema>;

export const ComplianceRowSchema = Type.Object({
  insurerId: Type.String(),
  name: Type.String(),
  naicCode: Type.String(),
  channel: Type.String(),
  isLicensed: Type.Boolean(),
  filesReceived: Type.Integer(),
  monthsWithFile: Type.Integer(),
  reportingShare: Type.Number({ description: 'Share of the months in the period with at least one file' }),
  claimsReported: Type.Integer(),
  matches: Type.Integer(),
  notices: Type.Integer(),
  noticesAnswered: Type.Integer(),
  remittedCents: Type.Integer(),
  averageDaysMatchToNotice: Nullable(Type.Number()),
  averageDaysNoticeToRemittance: Nullable(Type.Number()),
  lastFileOn: Nullable(Type.String()),
});

export const ComplianceReportSchema = Type.Object({
  from: DateSchema(),
  to: DateSchema(),
  months: Type.Integer(),
  insurers: Type.Array(ComplianceRowSchema),
  licensedCount: Type.Integer(),
  reportingCount: Type.Integer(),
  notReporting: Type.Array(Type.Object({ insurerId: Type.String(), name: Type.String(), naicCode: Type.String() })),
  totals: Type.Object({ claimsReported: Type.Integer(), matches: Type.Integer(), notices: Type.Integer(), remittedCents: Type.Integer() }),
});
export type ComplianceReport = Static<typeof ComplianceReportSchema>;

export const outreachKinds = ['bulletin', 'email', 'call', 'letter', 'meeting'] as const;

export const NewOutreachSchema = Type.Object(
  {
    insurerId: Type.Optional(Type.String({ format: 'uuid', description: 'Leave out for a bulletin to every insurer' })),
    kind: Type.Enum(outreachKinds),
    subject: Type.String({ minLength: 3, maxLength: 200 }),
    body: Type.String({ minLength: 3, maxLength: 10_000 }),
    sentOn: DateSchema(),
  },
  { additionalProperties: false },
);
export type NewOutreach = Static<typeof NewOutreachSchema>;

export const OutreachEntrySchema = Type.Object({
  id: Type.String(),
  insurerId: Nullable(Type.String()),
  insurerName: Nullable(Type.String()),
  kind: Type.Enum(outreachKinds),
  subject: Type.String(),
  body: Type.String(),
  sentOn: DateSchema(),
});
export type OutreachEntry = Static<typeof OutreachEntrySchema>;

export const ReviewAgeingSchema = Type.Object({
  asOf: DateSchema(),
  purgeReviewAfterDays: Type.Integer({ description: 'A review candidate undecided this long is purged like a non-match (Ins. Code 13552; [GAP] policy)' }),
  lcsas: Type.Array(
    Type.Object({
      lcsaId: Type.String(),
      lcsaName: Type.String(),
      upTo14: Type.Integer(),
      upTo30: Type.Integer(),
      upTo60: Type.Integer(),
      over60: Type.Integer(),
      purgeWithin7Days: Type.Integer(),
      oldestDays: Nullable(Type.Integer()),
    }),
  ),
});
export type ReviewAgeing = Static<typeof ReviewAgeingSchema>;

export const LookupRequestSchema = Type.Object(
  {
    claimNumber: Type.String({ minLength: 1, maxLength: 30 }),
    claimType: Type.String({ minLength: 1, maxLength: 40 }),
    paymentType: Type.Enum(['lump_sum', 'periodic'] as const),
    amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000_000 }),
    lossDate: Type.Optional(DateSchema()),
    claimant: Type.Object(
      {
        ssn: Type.Optional(Type.String({ maxLength: 11 })),
        firstName: Type.String({ minLength: 1, maxLength: 60 }),
        lastName: Type.String({ minLength: 1, maxLength: 60 }),
        dateOfBirth: Type.Optional(DateSchema()),
        addressLine1: Type.Optional(Type.String({ maxLength: 120 })),
        city: Type.Optional(Type.String({ maxLength: 60 })),
        state: Type.Optional(Type.String({ maxLength: 2 })),
        zip: Type.Optional(Type.String({ maxLength: 10 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type LookupRequest = Static<typeof LookupRequestSchema>;

export const LookupAnswerSchema = Type.Object({
  claimNumber: Type.String(),
  owesPastDueSupport: Type.Enum(['yes', 'no', 'under_review'] as const, {
    description: 'yes: a notice to withhold follows, do not pay before it; under_review: hold the payment while the department confirms; no: pay as usual',
  }),
  message: Type.String(),
});
export type LookupAnswer = Static<typeof LookupAnswerSchema>;
