/** Shapes of the intercept API, shared with the web app (no Node imports). */
import { Type, type Static } from 'typebox';

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
