/** The home page's shapes: the person's queues with what is overdue, and their recent activity. */
import { Type, type Static } from 'typebox';
import { DateSchema, Nullable } from '../http/contract';

export const WorkQueueViewSchema = Type.Object({
  key: Type.String(),
  module: Type.String(),
  label: Type.String(),
  /** The web app's page that works the queue. */
  href: Type.String(),
  open: Type.Integer(),
  overdue: Type.Integer(),
  /** The earliest deadline among the open items, or null when they have none. */
  nextDue: Nullable(DateSchema()),
});
export type WorkQueueView = Static<typeof WorkQueueViewSchema>;

export const RecentActivitySchema = Type.Object({
  occurredAt: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
});

export const HomeSchema = Type.Object({
  today: DateSchema(),
  queues: Type.Array(WorkQueueViewSchema),
  recent: Type.Array(RecentActivitySchema),
});
export type Home = Static<typeof HomeSchema>;
