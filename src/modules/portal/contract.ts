/** The parents' portal over HTTP: sign-up, my cases, requests, and staff's side of those requests. */
import { Type, type Static } from 'typebox';
import { DateSchema, Nullable } from '../../platform/http/contract';

export const portalLanguages = ['en', 'es'] as const;
export type PortalLanguage = (typeof portalLanguages)[number];
export const LanguageSchema = Type.Enum(portalLanguages);

/** What a parent's own papers show: the case number, their birth date and the last four of their SSN. */
export const SignUpStartSchema = Type.Object(
  {
    caseNumber: Type.String({ minLength: 3, maxLength: 40 }),
    dateOfBirth: DateSchema(),
    ssnLast4: Type.String({ pattern: '^[0-9]{4}$' }),
    language: LanguageSchema,
  },
  { additionalProperties: false },
);
export type SignUpStart = Static<typeof SignUpStartSchema>;

export const SignUpStartedSchema = Type.Object({
  signUpId: Type.String({ format: 'uuid' }),
  /** The same words whether or not the facts matched a parent: the answer does not tell. */
  message: Type.String(),
});

export const SignUpVerifySchema = Type.Object(
  { signUpId: Type.String({ format: 'uuid' }), code: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
);
export const SignUpVerifiedSchema = Type.Object({ finishToken: Type.String() });

export const SignUpFinishSchema = Type.Object(
  {
    signUpId: Type.String({ format: 'uuid' }),
    finishToken: Type.String({ minLength: 10, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    language: LanguageSchema,
  },
  { additionalProperties: false },
);
export type SignUpFinish = Static<typeof SignUpFinishSchema>;

export const parentRoles = ['obligor', 'custodial_party'] as const;

export const MyCaseSchema = Type.Object({
  caseId: Type.String({ format: 'uuid' }),
  caseNumber: Type.String(),
  status: Type.Enum(['open', 'closed'] as const),
  /** Paying parent (obligor) or receiving parent (custodial party). */
  role: Type.Enum(parentRoles),
  agency: Type.String({ description: 'The local child support agency that runs the case' }),
});
export type MyCase = Static<typeof MyCaseSchema>;

const Money = Type.Integer();

export const MyPaymentSchema = Type.Object({
  receivedOn: DateSchema(),
  amountCents: Money,
  source: Type.String({ description: 'Where the payment came from: wage withholding, a payment by the parent, a tax refund…' }),
  isReversed: Type.Boolean(),
  currentCents: Money,
  arrearsCents: Money,
  interestCents: Money,
  heldAsFuturesCents: Money,
  /** What went (or goes) to the receiving parent's family. */
  toFamilyCents: Money,
  /** What the state kept to repay public assistance (state and federal shares together). */
  toRepayAssistanceCents: Money,
});
export type MyPayment = Static<typeof MyPaymentSchema>;

export const MyCaseDetailSchema = Type.Object({
  case: MyCaseSchema,
  asOf: DateSchema(),
  /** The same figures staff see: finance's replay of the account as of today. */
  owed: Type.Object({
    currentDueCents: Money,
    arrearsCents: Money,
    familyArrearsCents: Money,
    assignedArrearsCents: Money,
    interestCents: Money,
    totalCents: Money,
  }),
  /** The next support due after today, across the case's orders; null when nothing more falls due. */
  nextDue: Nullable(Type.Object({ dueOn: DateSchema(), amountCents: Money })),
  orders: Type.Array(
    Type.Object({
      kind: Type.String(),
      issuedOn: DateSchema(),
      amountCents: Money,
      frequency: Type.String(),
      effectiveFrom: DateSchema(),
    }),
  ),
  payments: Type.Array(MyPaymentSchema),
  childrenCount: Type.Integer(),
});
export type MyCaseDetail = Static<typeof MyCaseDetailSchema>;

export const requestKinds = ['account_audit', 'contact_update', 'order_review', 'safety_concern', 'notice_contest', 'lien_payoff', 'lien_release'] as const;
/** Why a parent contests an insurance intercept notice (the intercept module's grounds; checked at compile time in service.ts). */
export const noticeContestGrounds = ['not_my_claim', 'amount_wrong', 'support_paid', 'exempt_payment', 'other'] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestStatuses = ['received', 'in_review', 'done', 'declined'] as const;

export const NewRequestSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('account_audit'),
      caseId: Type.String({ format: 'uuid' }),
      message: Type.String({ minLength: 5, maxLength: 2_000, description: 'What looks wrong, in the parent’s words' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('order_review'),
      caseId: Type.String({ format: 'uuid' }),
      message: Type.String({ minLength: 5, maxLength: 2_000, description: 'What changed: income, custody, a new child…' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('contact_update'),
      phone: Type.Optional(Type.String({ pattern: '^[0-9 ()+.-]{7,20}$' })),
      addressLine1: Type.Optional(Type.String({ minLength: 3, maxLength: 120 })),
      city: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
      zip: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
      language: Type.Optional(LanguageSchema),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('notice_contest'),
      noticeId: Type.String({ format: 'uuid' }),
      grounds: Type.Enum(noticeContestGrounds),
      statement: Type.Optional(Type.String({ maxLength: 4_000, description: 'Why, in the parent’s words' })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Union([Type.Literal('lien_payoff'), Type.Literal('lien_release')]),
      message: Type.Optional(Type.String({ maxLength: 2_000, description: 'Anything the paying parent wants staff to know, e.g. a sale date' })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('safety_concern'),
      message: Type.Optional(Type.String({ maxLength: 2_000, description: 'Only what the parent chooses to say; nothing is required' })),
    },
    { additionalProperties: false },
  ),
]);
export type NewRequest = Static<typeof NewRequestSchema>;

export const AttachedDocumentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  fileName: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
});
/** At most this many documents on one request. */
export const maxDocumentsPerRequest = 5;

export const MyRequestSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Enum(requestKinds),
  caseNumber: Type.String(),
  status: Type.Enum(requestStatuses),
  answer: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  /** When staff must answer by (an account audit's legal deadline), if the request has one. */
  dueOn: Nullable(DateSchema()),
  /** A lien payoff's answer: what releases every lien, and the last day that amount holds. */
  payoff: Nullable(Type.Object({ amountCents: Type.Integer(), goodThrough: DateSchema() })),
  /** What the parent attached (names and sizes). */
  documents: Type.Array(AttachedDocumentSchema),
});
export type MyRequest = Static<typeof MyRequestSchema>;

/** An insurance intercept notice to the paying parent, with its latest contest. */
export const MyNoticeSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  noticeDate: DateSchema(),
  insurerName: Type.String(),
  pastDueCents: Money,
  withholdCents: Money,
  status: Type.String({ description: 'issued, will_withhold, already_paid, not_binding, denied, remitted or released' }),
  onHold: Type.Boolean(),
  /** Whether the parent may contest it now: open, not on hold, no contest waiting. */
  canContest: Type.Boolean(),
  contest: Nullable(
    Type.Object({ status: Type.Enum(['open', 'upheld_amended', 'upheld_released', 'denied'] as const), decisionNote: Nullable(Type.String()) }),
  ),
});
export type MyNotice = Static<typeof MyNoticeSchema>;

/** A parent's request as LCSA staff work it. */
export const StaffRequestSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Enum(requestKinds),
  caseId: Type.String({ format: 'uuid' }),
  caseNumber: Type.String(),
  lcsaId: Type.String(),
  personId: Type.String({ format: 'uuid' }),
  parentRole: Type.Enum(parentRoles),
  status: Type.Enum(requestStatuses),
  message: Nullable(Type.String()),
  linkedType: Nullable(Type.String()),
  linkedId: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  documents: Type.Array(AttachedDocumentSchema),
});
export type StaffRequest = Static<typeof StaffRequestSchema>;

export const RequestDecisionSchema = Type.Object(
  {
    decision: Type.Enum(['confirm', 'decline'] as const),
    answer: Type.String({ minLength: 5, maxLength: 2_000, description: 'What the parent reads' }),
  },
  { additionalProperties: false },
);
export type RequestDecision = Static<typeof RequestDecisionSchema>;

export const OutboxMessageSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  channel: Type.Enum(['sms', 'email'] as const),
  destinationMasked: Type.String(),
  language: Type.String(),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

/** A lien on the paying parent's property, in any county. */
export const MyLienSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  countyName: Type.String(),
  status: Type.String({ description: 'recorded, partially_released, subordinated or released' }),
  recordedOn: Nullable(DateSchema()),
  instrumentNumber: Nullable(Type.String()),
});
export type MyLien = Static<typeof MyLienSchema>;
