/** Shapes of the liens API (TypeBox), shared with the web app (no Node imports). */
import { Type, type Static } from 'typebox';
import { demandDocuments, type DemandDocument } from './domain/payoff';
import { Nullable } from '../../platform/http/contract';

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
  triggerDate: Type.String({ format: 'date' }),
  dueBy: Type.String({ format: 'date' }),
  daysLeft: Type.Union([Type.Integer(), Type.Null()], { description: 'Until the recording deadline, while not yet recorded' }),
  recordedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  instrumentNumber: Type.Union([Type.String(), Type.Null()]),
  feeCents: Type.Union([Type.Integer(), Type.Null()]),
  rejectionReason: Type.Union([Type.String(), Type.Null()]),
});
export type LienView = Static<typeof LienViewSchema>;

export const RecordingAnswerSchema = Type.Union([
  Type.Object(
    { outcome: Type.Literal('submitted'), submittedOn: Type.String({ format: 'date' }), erecordingRef: Type.Optional(Type.String({ maxLength: 100 })) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      outcome: Type.Literal('recorded'),
      recordedOn: Type.String({ format: 'date' }),
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
  averageDaysToRelease: Nullable(Type.Number()),
  overdueToRecord: Type.Integer({ description: 'Still to record today, past the deadline' }),
  payoffCollectionsCents: Type.Integer(),
});
export const LienReportSchema = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
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
        dateOfBirth: Type.String({ format: 'date' }),
        driversLicense: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9 -]{4,20}$' })),
      },
      { additionalProperties: false },
    ),
    documents: Type.Array(Type.Enum(demandDocuments), { uniqueItems: true, description: 'The documents that came with the demand' }),
    goodThrough: Type.String({ format: 'date', description: 'The closing date the payoff must hold to' }),
    receivedOn: Type.Optional(Type.String({ format: 'date', description: 'Staff entry only: when the demand arrived (default today)' })),
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
  receivedOn: Type.String({ format: 'date' }),
  dueBy: Type.String({ format: 'date' }),
  daysLeft: Nullable(Type.Integer({ description: 'Until the 15-day deadline, while under review' })),
  goodThrough: Type.String({ format: 'date' }),
  issuedOn: Nullable(Type.String({ format: 'date' })),
  payoffCents: Nullable(Type.Integer()),
  perDiemCents: Nullable(Type.Integer()),
  breakdown: Type.Array(BreakdownSchema),
  liens: Type.Array(DemandLienSchema),
  letterVersion: Nullable(Type.String()),
  missingDocuments: Type.Array(Type.String()),
  /** Staff only: what the identity checks found. Partners see null. */
  identity: Nullable(Type.Object({ problems: Type.Array(Type.String()), warnings: Type.Array(Type.String()), personId: Nullable(Type.String()) })),
  reviewNote: Nullable(Type.String()),
  paidOn: Nullable(Type.String({ format: 'date' })),
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
    receivedOn: Type.String({ format: 'date' }),
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
    requestedOn: Type.Optional(Type.String({ format: 'date' })),
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
  requestedOn: Type.String({ format: 'date' }),
  isEligible: Type.Boolean(),
  reasons: Type.Array(Type.String()),
  monthsWithWageWithholding: Type.Integer(),
  paidShare: Nullable(Type.Number()),
  status: Type.Enum(['pending', 'approved', 'denied'] as const),
  decidedOn: Nullable(Type.String({ format: 'date' })),
  decisionNote: Nullable(Type.String()),
});
export type SubordinationView = Static<typeof SubordinationViewSchema>;

export const ReleaseRequestSchema = Type.Object(
  {
    reason: Type.Enum(['paid_in_full', 'wrong_person', 'court_order'] as const),
    triggerDate: Type.Optional(Type.String({ format: 'date', description: 'The decision, demand or order date (default today)' })),
    courtDeadline: Type.Optional(Type.String({ format: 'date' })),
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
  triggerDate: Type.String({ format: 'date' }),
  dueBy: Type.String({ format: 'date' }),
  releasedOn: Type.String({ format: 'date' }),
  lienCount: Type.Integer(),
  counties: Type.Array(Type.String()),
});
export type ReleaseView = Static<typeof ReleaseViewSchema>;
