/** Registry over HTTP: LCSAs, counties, cases with their people, assistance and orders. No Node imports. */
import { Type, type Static } from 'typebox';
import { DateSchema, Nullable } from '../../platform/http/contract';

const Day = DateSchema({ description: 'Calendar date YYYY-MM-DD' });

export const LcsaSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  isRegional: Type.Boolean(),
  counties: Type.Array(Type.Object({ fips: Type.String(), name: Type.String() })),
});
export type Lcsa = Static<typeof LcsaSchema>;

export const participantRoles = ['obligor', 'custodial_party', 'child'] as const;
export const assistancePrograms = ['calworks', 'foster_care', 'medi_cal'] as const;
export const orderTypes = ['child_support', 'medical_support', 'spousal_support', 'family_support'] as const;
export const orderFrequencies = ['monthly', 'semi_monthly', 'biweekly', 'weekly'] as const;
export const caseStatuses = ['open', 'closed'] as const;
export const bankruptcyChapters = ['7', '11', '12', '13'] as const;

export const PersonViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  role: Type.Enum(participantRoles),
  firstName: Type.String(),
  middleName: Nullable(Type.String()),
  lastName: Type.String(),
  dateOfBirth: Nullable(Day),
  ssn: Nullable(Type.String({ description: 'Masked (***-**-1234) unless revealed with reveal=ssn by a role that may' })),
  isSsnRevealed: Type.Boolean(),
  address: Type.Array(Type.String()),
  hasFamilyViolenceFlag: Type.Boolean(),
  /** The contact on file (where a parent's portal sign-up code goes), and the language to write in. */
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  preferredLanguage: Nullable(Type.String()),
});
export type PersonView = Static<typeof PersonViewSchema>;

/** A person on their own page: who they are (masked as on a case) and the cases in scope they take part in. */
export const PersonDetailSchema = Type.Object({
  ...Type.Omit(PersonViewSchema, ['role']).properties,
  cases: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      caseNumber: Type.String(),
      lcsaId: Type.String(),
      status: Type.Enum(caseStatuses),
      openedOn: Day,
      role: Type.Enum(participantRoles),
    }),
  ),
});
export type PersonDetail = Static<typeof PersonDetailSchema>;

export const OrderTermSchema = Type.Object({
  effectiveFrom: Day,
  reason: Type.Enum(['original', 'modification', 'termination'] as const),
  frequency: Type.Enum(orderFrequencies),
  amountCents: Type.Integer(),
  isReserved: Type.Boolean(),
});

export const OrderSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  courtOrderNumber: Type.String(),
  courtCountyFips: Type.String(),
  orderType: Type.Enum(orderTypes),
  issuedOn: Day,
  terms: Type.Array(OrderTermSchema),
});

/** A CalWORKs grant: at most $100,000 a month, far above any maximum aid payment, to catch a slipped decimal point. */
const MonthlyGrantSchema = Type.Integer({
  minimum: 0,
  maximum: 10_000_000,
  description: 'CalWORKs monthly grant in cents: it adds to unreimbursed assistance (URA)',
});

export const AssistancePeriodSchema = Type.Object({
  program: Type.Enum(assistancePrograms),
  startsOn: Day,
  endsOn: Nullable(Day),
  monthlyGrantCents: Nullable(MonthlyGrantSchema),
});

export const CaseSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  caseNumber: Type.String(),
  lcsaId: Type.String(),
  countyFips: Type.String(),
  status: Type.Enum(caseStatuses),
  openedOn: Day,
  obligorName: Nullable(Type.String()),
});
export type CaseSummary = Static<typeof CaseSummarySchema>;

export const CaseDetailSchema = Type.Object({
  ...CaseSummarySchema.properties,
  closedOn: Nullable(Day),
  participants: Type.Array(PersonViewSchema),
  assistance: Type.Array(AssistancePeriodSchema),
  orders: Type.Array(OrderSchema),
});
export type CaseDetail = Static<typeof CaseDetailSchema>;

export const NewPersonSchema = Type.Object({
  firstName: Type.String({ minLength: 1, maxLength: 100 }),
  middleName: Type.Optional(Type.String({ maxLength: 100 })),
  lastName: Type.String({ minLength: 1, maxLength: 100 }),
  dateOfBirth: Type.Optional(Day),
  ssn: Type.Optional(Type.String({ pattern: '^\\d{3}-?\\d{2}-?\\d{4}$' })),
  driversLicense: Type.Optional(
    Type.String({ pattern: '^[A-Za-z0-9 -]{4,20}$', description: "Driver's licence number; kept only as a keyed hash and its last four" }),
  ),
  addressLine1: Type.Optional(Type.String({ maxLength: 200 })),
  city: Type.Optional(Type.String({ maxLength: 100 })),
  state: Type.Optional(Type.String({ minLength: 2, maxLength: 2 })),
  zip: Type.Optional(Type.String({ pattern: '^\\d{5}(-\\d{4})?$' })),
  hasFamilyViolenceFlag: Type.Optional(Type.Boolean()),
});
export type NewPerson = Static<typeof NewPersonSchema>;

export const NewCaseSchema = Type.Object({
  lcsaId: Type.String(),
  countyFips: Type.String({ pattern: '^06\\d{3}$' }),
  caseNumber: Type.String({ minLength: 3, maxLength: 40 }),
  openedOn: Day,
  obligor: NewPersonSchema,
  custodialParty: NewPersonSchema,
  children: Type.Array(NewPersonSchema, { minItems: 1, maxItems: 20 }),
});
export type NewCase = Static<typeof NewCaseSchema>;

export const CaseQuerySchema = Type.Object({ reveal: Type.Optional(Type.Enum(['ssn'] as const)) });
export const IdParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const DemoSeedRequestSchema = Type.Object({
  cases: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  seed: Type.Integer({ minimum: 0, maximum: 999, default: 1 }),
  asOf: Type.Optional(Day),
});
export const JobAcceptedSchema = Type.Object({ jobId: Type.String({ format: 'uuid' }) });

const TermFields = {
  effectiveFrom: Day,
  frequency: Type.Enum(orderFrequencies),
  amountCents: Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Per period, in cents' }),
  isReserved: Type.Optional(Type.Boolean()),
};

export const NewOrderSchema = Type.Object({
  courtOrderNumber: Type.String({ minLength: 1, maxLength: 40 }),
  courtCountyFips: Type.String({ pattern: '^06\\d{3}$' }),
  orderType: Type.Enum(orderTypes),
  issuedOn: Day,
  frequency: TermFields.frequency,
  amountCents: TermFields.amountCents,
  isReserved: TermFields.isReserved,
});
export type NewOrder = Static<typeof NewOrderSchema>;

export const NewOrderTermSchema = Type.Object({ reason: Type.Enum(['modification', 'termination'] as const), ...TermFields });
export type NewOrderTerm = Static<typeof NewOrderTermSchema>;

export const NewAssistancePeriodSchema = Type.Object({
  program: Type.Enum(assistancePrograms),
  startsOn: Day,
  endsOn: Type.Optional(Day),
  /** Required for CalWORKs, refused for the other programmes. */
  monthlyGrantCents: Type.Optional(MonthlyGrantSchema),
});
export type NewAssistancePeriod = Static<typeof NewAssistancePeriodSchema>;

export const NewBankruptcySchema = Type.Object(
  {
    chapter: Type.Enum(bankruptcyChapters),
    caseNumber: Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9:\\-. ]*$' }),
    court: Type.String({ minLength: 3, maxLength: 120, description: 'The bankruptcy court, e.g. U.S. Bankruptcy Court, C.D. Cal.' }),
    filedOn: DateSchema(),
  },
  { additionalProperties: false },
);
export type NewBankruptcy = Static<typeof NewBankruptcySchema>;

export const BankruptcyUpdateSchema = Type.Object(
  {
    stayLiftedOn: Type.Optional(DateSchema({ description: 'Relief from the automatic stay' })),
    dischargedOn: Type.Optional(DateSchema()),
    dismissedOn: Type.Optional(DateSchema()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type BankruptcyUpdate = Static<typeof BankruptcyUpdateSchema>;

export const BankruptcyViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: Type.String({ format: 'uuid' }),
  chapter: Type.Enum(bankruptcyChapters),
  caseNumber: Type.String(),
  court: Type.String(),
  filedOn: DateSchema(),
  stayLiftedOn: Type.Union([DateSchema(), Type.Null()]),
  dischargedOn: Type.Union([DateSchema(), Type.Null()]),
  dismissedOn: Type.Union([DateSchema(), Type.Null()]),
  isStayInForce: Type.Boolean({ description: 'Today: filed, and not lifted, discharged or dismissed' }),
});
export type BankruptcyView = Static<typeof BankruptcyViewSchema>;
