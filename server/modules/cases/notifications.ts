import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Role, ServiceContext } from '../../platform/context.js';
import { forbidden, notFound, unauthorized } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { grantsOf, STAFF_ROLES } from '../../platform/policy.js';
import { translate, type MessageKey } from '../../../common/i18n/server-messages.js';
import type { NotificationKind } from '../../../common/cases/deadlines.js';
import { beijingTime } from './export-format.js';
import type { NotificationInput } from './stats-schema.js';
import './escalation-tables.js';

/**
 * Durable in-app notices of the deadline job. The platform has no inbox of
 * its own, so the case engine keeps them: a notice goes to a unit (all its
 * staff read it, and one of them marks it read for all) or to one person (a
 * unit head). Each is also announced live on `unit:<id>` / `user:<id>`.
 */

/** Who heads a unit: its village cadres, township officials or department handlers (grid workers and operators do not). */
export const HEAD_ROLES: readonly Role[] = ['village_cadre', 'township_official', 'department_handler'];

export interface Notice {
  unitId: string;
  caseId: string;
  kind: NotificationKind;
  data: Record<string, unknown>;
}

export async function notifyUnit(trx: Executor, n: Notice, now: Date): Promise<void> {
  await trx
    .insertInto('case_notifications')
    .values({ unit_id: n.unitId, user_id: null, case_id: n.caseId, kind: n.kind, data: JSON.stringify(n.data), created_at: now })
    .execute();
  await publishLive(trx, { topic: `unit:${n.unitId}`, type: `case.${n.kind}`, data: { caseId: n.caseId, unitId: n.unitId } });
}

export async function notifyPeople(trx: Executor, userIds: string[], n: Notice, now: Date): Promise<void> {
  if (userIds.length === 0) return;
  await trx
    .insertInto('case_notifications')
    .values(userIds.map((userId) => ({ unit_id: n.unitId, user_id: userId, case_id: n.caseId, kind: n.kind, data: JSON.stringify(n.data), created_at: now })))
    .execute();
  for (const userId of userIds) await publishLive(trx, { topic: `user:${userId}`, type: `case.${n.kind}`, data: { caseId: n.caseId, unitId: n.unitId } });
}

/**
 * The heads of a unit. Read from the people module's grants (read only, like
 * the requester's phone in new-case.ts): that module exports no lookup of this kind.
 */
export async function unitHeads(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db.selectFrom('role_grants').select('user_id').distinct().where('unit_id', '=', unitId).where('role', 'in', [...HEAD_ROLES]).execute();
  return rows.map((r) => r.user_id);
}

const staffUnits = (ctx: ServiceContext) => [...new Set(grantsOf(ctx.actor, STAFF_ROLES).map((g) => g.unitId))];

function addressedTo(userId: string, units: string[]) {
  return sql<boolean>`(n.user_id = ${userId} or (n.user_id is null and n.unit_id = any(${units}::uuid[])))`;
}

/** `GET /cases/notifications` */
export async function listNotifications(ctx: ServiceContext, input: NotificationInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const units = staffUnits(ctx);
  if (units.length === 0) throw forbidden();
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  let base = ctx.db
    .selectFrom('case_notifications as n')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .leftJoin('units as u', 'u.id', 'n.unit_id')
    .where(addressedTo(actor.userId, units));
  if (input.unitId) base = base.where('n.unit_id', '=', input.unitId);
  const all = base;
  if (input.unread !== undefined) base = base.where('n.read_at', input.unread ? 'is' : 'is not', null);
  const [rows, count, unread] = await Promise.all([
    base
      .select(['n.id', 'n.kind', 'n.unit_id', 'u.name as unit_name', 'n.data', 'n.created_at', 'n.read_at', 'c.id as case_id', 'c.tracking_number', 'c.title', 'c.response_due_at', 'c.resolution_due_at'])
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    all.where('n.read_at', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => {
      const data = (r.data ?? {}) as Record<string, unknown>;
      const due = r.kind === 'response_warning' || r.kind === 'response_overdue' ? r.response_due_at : r.resolution_due_at;
      return {
        id: String(r.id),
        kind: r.kind,
        unit: r.unit_id ? { id: r.unit_id, name: r.unit_name ?? '' } : null,
        case: { id: r.case_id, trackingNumber: r.tracking_number, title: r.title, responseDueAt: r.response_due_at.toISOString(), resolutionDueAt: r.resolution_due_at.toISOString() },
        message: translate(ctx.lang, `cases.notice.${r.kind}` as MessageKey, {
          trackingNumber: r.tracking_number,
          title: r.title,
          due: beijingTime(typeof data.dueAt === 'string' ? new Date(data.dueAt) : due),
          fromUnit: typeof data.fromUnitName === 'string' ? data.fromUnitName : '',
        }),
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at ? r.read_at.toISOString() : null,
      };
    }),
    total: Number(count.n),
    page,
    pageSize,
    unread: Number(unread.n),
  };
}

/** `POST /cases/notifications/:id/read`: 404 unless addressed to the caller. */
export async function markNotificationRead(ctx: ServiceContext, id: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const units = staffUnits(ctx);
  const found = await ctx.db
    .updateTable('case_notifications as n')
    .set({ read_at: sql`coalesce(n.read_at, ${ctx.clock.now()})`, read_by: sql`coalesce(n.read_by, ${actor.userId}::uuid)` })
    .where('n.id', '=', id)
    .where(addressedTo(actor.userId, units))
    .returning('n.id')
    .executeTakeFirst();
  if (!found) throw notFound('cases.notification_not_found');
}
