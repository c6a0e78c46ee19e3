/** The auditor's search over the audit log. No Node imports: the web app uses it. */
import { Type, type Static } from 'typebox';
import { DateSchema } from '../http/contract';

/** Which entries: the same filters for the search and its CSV export. */
export const AuditFilterSchema = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 100, description: 'Prefix, e.g. case.read' })),
  entityType: Type.Optional(Type.String({ maxLength: 50, description: 'The record type, e.g. case' })),
  entityId: Type.Optional(Type.String({ maxLength: 100 })),
  actorUserId: Type.Optional(Type.String({ format: 'uuid' })),
  actorEmail: Type.Optional(Type.String({ maxLength: 200, description: "The person who acted, by their account's email" })),
  isPiiRead: Type.Optional(Type.Boolean()),
  from: Type.Optional(DateSchema()),
  to: Type.Optional(DateSchema()),
});
export type AuditFilter = Static<typeof AuditFilterSchema>;

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  occurredAt: Type.String(),
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  /** The person who acted (their account's name and email); null for the system and anonymous callers. */
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorEmail: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.String(),
  lcsaId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  isPiiRead: Type.Boolean(),
  outcome: Type.Enum(['succeeded', 'failed'] as const),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditVerificationSchema = Type.Object({
  isIntact: Type.Boolean(),
  rowsChecked: Type.Integer(),
  brokenAtId: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.String()),
});
