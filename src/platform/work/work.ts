/**
 * A person's work: each module offers queues in its manifest (`work`) — what waits, and by when — and the
 * home page asks those the actor's role may work, each counting within the actor's scope, with the
 * person's own recent activity from the audit log.
 */
import { and, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import type { Permission } from '../auth/roles';
import { can } from '../auth/scope';
import { auditLog } from '../audit/schema';
import type { CalendarDate } from '../dates';
import type { Tx } from '../db/connect';
import { queryRows } from '../db/rows';
import type { Home } from './contract';

export interface WorkCount {
  open: number;
  overdue: number;
  nextDue: CalendarDate | null;
}

/** One queue of work a module offers. */
export interface WorkQueue {
  /** `module.what`, e.g. `liens.to_record`. */
  key: string;
  label: string;
  href: string;
  /** Any one of these lets a role work the queue. */
  permissions: readonly Permission[];
  count(tx: Tx, actor: Actor, today: CalendarDate): Promise<WorkCount>;
}

/**
 * The counts of a queue from its rows: how many `where` selects from `from`, how many of them are past
 * `due` (a date expression; null means no deadline), and the earliest `due`. The one SQL every queue shares.
 */
export async function countDue(tx: Tx, from: SQL, where: SQL, due: SQL, today: CalendarDate): Promise<WorkCount> {
  const [row] = await queryRows<{ open: number; overdue: number; next_due: CalendarDate | null }>(
    tx,
    sql`select count(*)::int as open, (count(*) filter (where ${due} < ${today}::date))::int as overdue, min(${due})::text as next_due
        from ${from} where ${where}`,
  );
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0, nextDue: row?.next_due ?? null };
}

/** The count of items worked in memory (a queue a service already builds): how many, how many overdue, the soonest due. */
export function countDates(dueDates: readonly (string | null)[], today: CalendarDate): WorkCount {
  const dates = dueDates.filter((d): d is CalendarDate => d !== null).sort();
  return { open: dueDates.length, overdue: dates.filter((d) => d < today).length, nextDue: dates[0] ?? null };
}

export async function homeOf(tx: Tx, actor: Actor, queues: readonly (WorkQueue & { module: string })[], today: CalendarDate): Promise<Home> {
  const mine = queues.filter((q) => q.permissions.some((p) => can(actor, p)));
  const counted = [];
  for (const queue of mine)
    counted.push({ key: queue.key, module: queue.module, label: queue.label, href: queue.href, ...(await queue.count(tx, actor, today)) });
  const recent = actor.userId
    ? await tx
        .select({ occurredAt: auditLog.occurredAt, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId })
        .from(auditLog)
        .where(and(eq(auditLog.actorUserId, actor.userId), ne(auditLog.action, 'search'), ne(auditLog.entityType, 'http_request')))
        .orderBy(desc(auditLog.id))
        .limit(10)
    : [];
  return { today, queues: counted, recent: recent.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })) };
}
