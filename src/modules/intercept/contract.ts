/** Shapes of the intercept API, shared with the web app (no Node imports). */
import { Type, type Static } from 'typebox';
import { DateSchema, Nullable } from '../../platform/http/contract';

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
  claimant: SideSchema,
  obligor: Type.Object({ ...SideSchema.properties, personId: Type.String() }),
  evidence: Type.Array(Type.Object({ field: Type.String(), agreement: Type.String(), weight: Type.Number() })),
});

export type ClaimFileView = Static<typeof ClaimFileViewSchema>;
export type UploadResult = Static<typeof UploadResultSchema>;
export type ReviewItem = Static<typeof ReviewItemSchema>;

export const noticeStatuses = ['issued', 'will_withhold', 'already_paid', 'not_binding', 'denied', 'remitted'] as const;

export const NoticeViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
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
  status: Type.Enum(noticeStatuses),
  remittedCents: Type.Integer(),
  recheckOn: Type.Union([DateSchema(), Type.Null()]),
  obligorCase: Type.Union([Type.Object({ id: Type.String({ format: 'uuid' }), caseNumber: Type.String() }), Type.Null()], {
    description: "Staff only: the obligor's case in the notice's LCSA (the remittance is posted across all the obligor's cases)",
  }),
});
export type NoticeView = Static<typeof NoticeViewSchema>;

export const NoticeAnswerSchema = Type.Union([
  Type.Object({ answer: Type.Literal('will_withhold'), note: Type.Optional(Type.String({ maxLength: 2_000 })) }, { additionalProperties: false }),
  Type.Object(
    { answer: Type.Literal('already_paid'), paidOn: DateSchema(), note: Type.Optional(Type.String({ maxLength: 2_000 })) },
    { additionalProperties: false },
  ),
  Type.Object({ answer: Type.Literal('denied'), note: Type.String({ minLength: 3, maxLength: 2_000 }) }, { additionalProperties: false }),
  Type.Object(
    {
      answer: Type.Literal('remitted'),
      amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
      receivedOn: DateSchema({ description: 'When the remittance reached the disbursement unit' }),
      note: Type.Optional(Type.String({ maxLength: 2_000 })),
    },
    { additionalProperties: false },
  ),
]);
export type NoticeAnswer = Static<typeof NoticeAnswerSchema>;

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
