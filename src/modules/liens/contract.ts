/** Shapes of the liens API (TypeBox), shared with the web app (no Node imports). */
import { Type, type Static } from 'typebox';
import { demandDocuments, type DemandDocument } from './domain/payoff';
import { DateSchema, Nullable } from '../../platform/http/contract';

export const LienViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  caseId: Type.String({ format: 'uuid' }),
  caseNumber: Type.String(),
  lcsaId: Type.String(),
  lcsaName: Type.String(),
  countyFips: Type.String(),
  countyName: Type.String(),
  instrument: Type.String(),
  status: Type.String(),
  trigger: Type.String(),
  triggerDate: DateSchema(),
  dueBy: DateSchema(),
  daysLeft: Type.Union([Type.Integer(), Type.Null()], { description: 'Until the recording deadline, while not yet recorded' }),
  recordedOn: Type.Union([DateSchema(), Type.Null()]),
  instrumentNumber: Type.Union([Type.String(), Type.Null()]),
  heldReason: Type.Union([Type.Literal('bankruptcy_stay'), Type.Null()], {
    description: "Not yet recorded and held: the obligor's automatic bankruptcy stay is in force",
  }),
  feeCents: Type.Union([Type.Integer(), Type.Null()]),
  rejectionReason: Type.Union([Type.String(), Type.Null()]),
});
export type LienView = Static<typeof LienViewSchema>;

/** A lien on its own page: the list's view, the release that covered it, and every step it went through. */
export const LienDetailSchema = Type.Object({
  ...LienViewSchema.properties,
  releaseId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  events: Type.Array(Type.Object({ at: Type.String({ format: 'date-time' }), status: Type.String(), detail: Type.String() }), {
    description: 'Oldest first',
  }),
});
export type LienDetail = Static<typeof LienDetailSchema>;

export const RecordingAnswerSchema = Type.Union([
  Type.Object(
    { outcome: Type.Literal('submitted'), submittedOn: DateSchema(), erecordingRef: Type.Optional(Type.String({ maxLength: 100 })) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      outcome: Type.Literal('recorded'),
      recordedOn: DateSchema(),
      instrumentNumber: Type.String({ minLength: 1, maxLength: 60 }),
      feeCents: Type.Integer({ minimum: 0, maximum: 100_000 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ outcome: Type.Literal('rejected'), reason: Type.String({ minLength: 3, maxLength: 2_000 }) }, { additionalProperties: false }),
]);
export type RecordingAnswer = Static<typeof RecordingAnswerSchema>;

export const LienReportRowSchema = Type.Object({
  lcsaId: Type.String(),
  lcsaName: Type.String(),
  recorded: Type.Integer(),
  recordedOnTime: Type.Integer(),
  averageDaysToRecord: Nullable(Type.Number()),
  released: Type.Integer(),
  releasedOnTime: Type.Integer(),
  averageDaysToRelease: Nullable(Type.Number({ description: 'From the event that triggered the release (payment, order, demand) to the release sent' })),
  releasesRecorded: Type.Integer(),
  averageDaysToReleaseRecorded: Nullable(Type.Number({ description: 'From the triggering event to the release recorded by the county' })),
  overdueToRecord: Type.Integer({ description: 'Still to record today, past the deadline' }),
  payoffCollectionsCents: Type.Integer(),
});
export const LienReportSchema = Type.Object({
  from: DateSchema(),
  to: DateSchema(),
  lcsas: Type.Array(LienReportRowSchema),
  statewide: LienReportRowSchema,
});
export type LienReport = Static<typeof LienReportSchema>;

/** The documents a payoff demand comes with (the domain page's 4.3). */
export { demandDocuments, type DemandDocument };

export const NewPayoffDemandSchema = Type.Object(
  {
    companyName: Type.Optional(Type.String({ minLength: 2, maxLength: 200, description: 'Staff entry only: the portal uses your organisation' })),
    escrowNumber: Type.String({ minLength: 1, maxLength: 60 }),
    contactName: Type.Optional(Type.String({ maxLength: 200 })),
    contactPhone: Type.Optional(Type.String({ maxLength: 40 })),
    contactEmail: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    propertyAddress: Type.String({ minLength: 5, maxLength: 300 }),
    transactionType: Type.Enum(['sale', 'refinance', 'other'] as const),
    borrower: Type.Object(
      {
        firstName: Type.String({ minLength: 1, maxLength: 100 }),
        lastName: Type.String({ minLength: 1, maxLength: 100 }),
        ssn: Type.String({ pattern: '^\\d{3}-?\\d{2}-?\\d{4}$' }),
        dateOfBirth: DateSchema(),
        driversLicense: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9 -]{4,20}$' })),
      },
      { additionalProperties: false },
    ),
    documents: Type.Array(Type.Enum(demandDocuments), { uniqueItems: true, description: 'The documents that came with the demand' }),
    goodThrough: DateSchema({ description: 'The closing date the payoff must hold to' }),
    receivedOn: Type.Optional(DateSchema({ description: 'Staff entry only: when the demand arrived (default today)' })),
  },
  { additionalProperties: false },
);
export type NewPayoffDemand = Static<typeof NewPayoffDemandSchema>;

const BreakdownSchema = Type.Object({
  caseNumber: Type.String(),
  lcsaName: Type.String(),
  principalCents: Type.Integer(),
  interestCents: Type.Integer(),
  totalCents: Type.Integer(),
  perDiemCents: Type.Integer(),
});
const DemandLienSchema = Type.Object({ countyName: Type.String(), lcsaName: Type.String(), instrumentNumber: Type.String(), recordedOn: Type.String() });

export const PayoffDemandViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  channel: Type.String(),
  companyName: Type.String(),
  escrowNumber: Type.String(),
  propertyAddress: Type.String(),
  transactionType: Type.String(),
  borrowerName: Type.String(),
  borrowerSsn: Type.String({ description: 'Masked: last four only' }),
  status: Type.Enum(['needs_review', 'issued', 'rejected', 'paid'] as const),
  receivedOn: DateSchema(),
  dueBy: DateSchema(),
  daysLeft: Nullable(Type.Integer({ description: 'Until the 15-day deadline, while under review' })),
  goodThrough: DateSchema(),
  issuedOn: Nullable(DateSchema()),
  payoffCents: Nullable(Type.Integer()),
  perDiemCents: Nullable(Type.Integer()),
  breakdown: Type.Array(BreakdownSchema),
  liens: Type.Array(DemandLienSchema),
  letterVersion: Nullable(Type.String()),
  missingDocuments: Type.Array(Type.String()),
  /** Staff only: what the identity checks found. Partners see null. */
  identity: Nullable(Type.Object({ problems: Type.Array(Type.String()), warnings: Type.Array(Type.String()), personId: Nullable(Type.String()) })),
  reviewNote: Nullable(Type.String()),
  paidOn: Nullable(DateSchema()),
  paidCents: Nullable(Type.Integer()),
  releaseId: Nullable(Type.String()),
});
export type PayoffDemandView = Static<typeof PayoffDemandViewSchema>;

export const PayoffReviewSchema = Type.Object(
  {
    decision: Type.Enum(['issue', 'reject'] as const),
    note: Type.String({ minLength: 3, maxLength: 2_000, description: 'Why: what was checked, or what the company must send' }),
  },
  { additionalProperties: false },
);

export const PayoffPaymentSchema = Type.Object(
  {
    receiptId: Type.String({ minLength: 1, maxLength: 80 }),
    receivedOn: DateSchema(),
    amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000_00 }),
  },
  { additionalProperties: false },
);

export const NewSubordinationSchema = Type.Object(
  {
    countyFips: Type.String({ pattern: '^06\\d{3}$', description: 'The county where the property is' }),
    propertyAddress: Type.String({ minLength: 5, maxLength: 300 }),
    lenderName: Type.String({ minLength: 2, maxLength: 200 }),
    loanAmountCents: Type.Integer({ minimum: 1 }),
    requestedOn: Type.Optional(DateSchema()),
  },
  { additionalProperties: false },
);
export type NewSubordination = Static<typeof NewSubordinationSchema>;

export const SubordinationDecisionSchema = Type.Object(
  { decision: Type.Enum(['approve', 'deny'] as const), note: Type.String({ minLength: 3, maxLength: 2_000 }) },
  { additionalProperties: false },
);

export const SubordinationViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: Type.String({ format: 'uuid' }),
  countyFips: Type.String(),
  propertyAddress: Type.String(),
  lenderName: Type.String(),
  loanAmountCents: Type.Integer(),
  requestedOn: DateSchema(),
  isEligible: Type.Boolean(),
  reasons: Type.Array(Type.String()),
  monthsWithWageWithholding: Type.Integer(),
  paidShare: Nullable(Type.Number()),
  status: Type.Enum(['pending', 'approved', 'denied'] as const),
  decidedOn: Nullable(DateSchema()),
  decisionNote: Nullable(Type.String()),
});
export type SubordinationView = Static<typeof SubordinationViewSchema>;

export const ReleaseRequestSchema = Type.Object(
  {
    reason: Type.Enum(['paid_in_full', 'court_order'] as const, {
      description: "A wrong person's demand releases the liens as to that owner's property only: POST /api/persons/{id}/wrong-person-requests",
    }),
    triggerDate: Type.Optional(DateSchema({ description: 'The decision, demand or order date (default today)' })),
    courtDeadline: Type.Optional(DateSchema()),
    note: Type.Optional(Type.String({ maxLength: 2_000 })),
  },
  { additionalProperties: false },
);
export type ReleaseRequest = Static<typeof ReleaseRequestSchema>;

export const ReleaseViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: Type.String({ format: 'uuid' }),
  reason: Type.String(),
  kind: Type.Enum(['general', 'matured_installment'] as const, {
    description: 'general: every lien released; matured_installment: arrears paid while support continues (liens partially released)',
  }),
  triggerDate: DateSchema(),
  dueBy: DateSchema(),
  releasedOn: DateSchema(),
  recordedOn: Nullable(DateSchema({ description: 'When the county recorder recorded the release' })),
  lienCount: Type.Integer(),
  counties: Type.Array(Type.String()),
});
export type ReleaseView = Static<typeof ReleaseViewSchema>;

export const ReleaseDueSchema = Type.Object({
  personId: Type.String(),
  debtor: Type.String(),
  liens: Type.Integer(),
  triggerDate: Nullable(DateSchema({ description: 'The day the arrears were paid (the last payment); null when no payment is on file' })),
  dueBy: Nullable(
    DateSchema({
      description: 'A general release is due 5 days from the trigger (22 CCR 116134(c)); null while support continues (matured installments, on request)',
    }),
  ),
  daysLeft: Nullable(Type.Integer()),
  supportContinues: Type.Boolean(),
});
export type ReleaseDue = Static<typeof ReleaseDueSchema>;

export const NewWrongPersonRequestSchema = Type.Object(
  {
    ownerName: Type.String({ minLength: 3, maxLength: 200, description: 'The property owner who is not the obligor' }),
    apn: Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9-. ]*$', description: "Assessor's parcel number" }),
    countyFips: Type.String({ pattern: '^06\\d{3}$' }),
    propertyAddress: Type.Optional(Type.String({ maxLength: 300 })),
    proofDocuments: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 20, description: 'The proof sent, by name' }),
    receivedOn: DateSchema({ description: 'When the written demand was received: the 15 days run from it' }),
  },
  { additionalProperties: false },
);
export type NewWrongPersonRequest = Static<typeof NewWrongPersonRequestSchema>;

export const WrongPersonDecisionSchema = Type.Object(
  { decision: Type.Enum(['verified', 'denied'] as const), note: Type.String({ minLength: 3, maxLength: 2_000 }) },
  { additionalProperties: false },
);
export type WrongPersonDecision = Static<typeof WrongPersonDecisionSchema>;

export const WrongPersonRequestViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: Type.String({ format: 'uuid' }),
  ownerName: Type.String(),
  apn: Type.String(),
  countyFips: Type.String(),
  countyName: Type.String(),
  propertyAddress: Nullable(Type.String()),
  proofDocuments: Type.Array(Type.String()),
  receivedOn: DateSchema(),
  dueBy: DateSchema(),
  status: Type.Enum(['received', 'verified', 'denied'] as const),
  decidedOn: Nullable(DateSchema()),
  decisionNote: Nullable(Type.String()),
  obligorLiensInCounty: Type.Integer({ description: "The obligor's recorded liens in the property's county: they stay in force" }),
});
export type WrongPersonRequestView = Static<typeof WrongPersonRequestViewSchema>;

export const DemandDocumentViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Enum(demandDocuments),
  fileName: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  check: Type.Enum(['unchecked', 'accepted', 'refused'] as const),
  checkNote: Nullable(Type.String()),
});
export type DemandDocumentView = Static<typeof DemandDocumentViewSchema>;

/** A paying parent's request about their liens, from the parents' portal, as staff of the LCSA see it. */
export const ParentLienRequestSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: Type.String({ format: 'uuid' }),
  lcsaId: Type.String(),
  kind: Type.Enum(['payoff', 'release'] as const),
  message: Nullable(Type.String()),
  receivedOn: DateSchema(),
  dueBy: DateSchema(),
  status: Type.Enum(['received', 'answered'] as const),
  answer: Nullable(Type.String()),
  payoffCents: Nullable(Type.Integer()),
  goodThrough: Nullable(DateSchema()),
  answeredOn: Nullable(DateSchema()),
  /** Every lien of the parent in every county, for the answer. */
  liens: Type.Array(Type.Object({ countyName: Type.String(), status: Type.String(), instrumentNumber: Nullable(Type.String()) })),
});
export type ParentLienRequest = Static<typeof ParentLienRequestSchema>;

export const ParentLienAnswerSchema = Type.Object(
  {
    answer: Type.String({ minLength: 5, maxLength: 2_000, description: 'In words the parent reads' }),
    payoffCents: Type.Optional(Type.Integer({ minimum: 0, description: 'A payoff request: what releases every lien' })),
    goodThrough: Type.Optional(DateSchema({ description: 'A payoff request: the last day the amount holds' })),
  },
  { additionalProperties: false },
);
export type ParentLienAnswer = Static<typeof ParentLienAnswerSchema>;
