/**
 * The finance interchange format: one case's history as JSON, read by `concord finance audit` and the
 * engine. Unknown fields are refused. No Node imports: the web app may use it.
 */
import { Type, type Static } from 'typebox';
import { collectionSources, type CollectionSource } from './domain/types';

export { collectionSources, type CollectionSource };

const DateSchema = Type.String({ format: 'date', description: 'Calendar date YYYY-MM-DD' });
const Period = Type.Object({ from: DateSchema, to: DateSchema }, { additionalProperties: false });

export const OrderTermSchema = Type.Object(
  {
    effectiveFrom: DateSchema,
    reason: Type.Enum(['original', 'modification', 'termination'] as const),
    frequency: Type.Enum(['monthly', 'semi_monthly', 'biweekly', 'weekly'] as const),
    amountCents: Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Per period, in cents' }),
    isReserved: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export const CaseHistorySchema = Type.Object(
  {
    formatVersion: Type.Literal(1),
    caseId: Type.String({ minLength: 1, maxLength: 100 }),
    orders: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1, maxLength: 100 }),
          issuedOn: DateSchema,
          interestRateOverrideBasisPoints: Type.Optional(Type.Integer({ minimum: 0, maximum: 5_000 })),
          terms: Type.Array(OrderTermSchema, { minItems: 1, maxItems: 500 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    collections: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1, maxLength: 100 }),
          receivedOn: DateSchema,
          amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
          source: Type.Enum(collectionSources),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100_000 },
    ),
    suspensions: Type.Array(Period, { default: [], maxItems: 100, description: 'FC 4007.5 incarceration suspensions' }),
    activeDuty: Type.Array(Period, { default: [], maxItems: 100, description: 'SCRA active-duty periods' }),
    assistance: Type.Array(
      Type.Object(
        { from: DateSchema, to: Type.Union([DateSchema, Type.Null()]), monthlyGrantCents: Type.Integer({ minimum: 0, maximum: 10_000_000 }) },
        { additionalProperties: false },
      ),
      { default: [], maxItems: 100, description: 'CalWORKs periods and monthly grants (assignment, URA, distribution)' },
    ),
    childCount: Type.Integer({ minimum: 1, maximum: 30, default: 1, description: 'Children on the case (pass-through amount)' }),
    adjustments: Type.Array(
      Type.Union([
        Type.Object(
          { id: Type.String({ minLength: 1 }), kind: Type.Literal('misapplied_receipt'), effectiveOn: DateSchema, collectionId: Type.String({ minLength: 1 }) },
          { additionalProperties: false },
        ),
        Type.Object(
          {
            id: Type.String({ minLength: 1 }),
            kind: Type.Literal('refund_over_collection'),
            effectiveOn: DateSchema,
            amountCents: Type.Integer({ minimum: 1 }),
          },
          { additionalProperties: false },
        ),
        Type.Object(
          {
            id: Type.String({ minLength: 1 }),
            kind: Type.Literal('compromise'),
            effectiveOn: DateSchema,
            amountCents: Type.Integer({ minimum: 1 }),
            appliesTo: Type.Enum(['assigned_principal', 'interest'] as const),
          },
          { additionalProperties: false },
        ),
        Type.Object(
          {
            id: Type.String({ minLength: 1 }),
            kind: Type.Literal('court_arrears_determination'),
            effectiveOn: DateSchema,
            principalCents: Type.Integer({ minimum: 0 }),
          },
          { additionalProperties: false },
        ),
      ]),
      { default: [], maxItems: 1_000, description: 'Corrections with reason codes; they never edit history' },
    ),
  },
  { additionalProperties: false },
);
export type CaseHistoryDocument = Static<typeof CaseHistorySchema>;

export const MonthlyAuditRowSchema = Type.Object({
  month: Type.String({ description: 'YYYY-MM' }),
  orderedCents: Type.Integer(),
  collectedCents: Type.Integer(),
  principalPaidCents: Type.Integer(),
  interestChargedCents: Type.Integer(),
  interestPaidCents: Type.Integer(),
  principalBalanceCents: Type.Integer(),
  interestBalanceCents: Type.Integer(),
  futuresBalanceCents: Type.Integer(),
});
export type MonthlyAuditRow = Static<typeof MonthlyAuditRowSchema>;

export const NewCollectionSchema = Type.Object(
  {
    receiptId: Type.String({ minLength: 1, maxLength: 100, description: 'The disbursement unit receipt id: a collection is posted once' }),
    receivedOn: DateSchema,
    amountCents: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    source: Type.Enum(collectionSources),
  },
  { additionalProperties: false },
);
export type NewCollection = Static<typeof NewCollectionSchema>;

export const AccountViewSchema = Type.Object({
  caseId: Type.String(),
  asOf: DateSchema,
  balances: Type.Object({
    principalCents: Type.Integer(),
    interestCents: Type.Integer(),
    interestAccruedUnpostedCents: Type.Integer(),
    futuresCents: Type.Integer(),
    chargedCents: Type.Integer(),
    collectedCents: Type.Integer(),
  }),
  months: Type.Array(MonthlyAuditRowSchema),
  collections: Type.Array(NewCollectionSchema),
});
export type AccountView = Static<typeof AccountViewSchema>;
