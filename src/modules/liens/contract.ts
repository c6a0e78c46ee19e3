/** Shapes of the liens API (TypeBox), shared with the web app (no Node imports). */
import { Type, type Static } from 'typebox';
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
