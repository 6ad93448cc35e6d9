import { sql, type RawBuilder } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import type { EscalationKind } from '../../../common/cases/deadlines.js';
import * as directory from './directory.js';
import * as repo from './repo.js';
import { eventRow } from './transition-kit.js';
import { boardScope, canCloseEscalation, canSeeEscalation, hasBoard, type BoardScope } from './supervision-policy.js';
import type { BoardInput } from './stats-schema.js';
import { categoryName } from './stats.js';
import './escalation-tables.js';

/**
 * The supervision board (督办台) of the upper units: the escalations sent to
 * them, open or closed, and closing one with a note (audited, on the case's
 * timeline, announced live).
 *
 * Re-escalation rule: one open item per case. Closing an item says the upper
 * unit has acted; if the case is still open and overdue 24 h after the
 * closing, the deadline job sends it up again (kind `still_overdue`).
 */

const likePrefix = (p: string) => `${p.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function visibleOnBoard(scope: BoardScope): RawBuilder<boolean> {
  if (scope.admin) return sql<boolean>`true`;
  const parts: RawBuilder<unknown>[] = [];
  if (scope.units.length) parts.push(sql`e.to_unit_id = any(${scope.units}::uuid[])`);
  for (const p of scope.regionPrefixes) parts.push(sql`e.to_region_code like ${likePrefix(p)}`);
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : sql<boolean>`false`;
}

function boardQuery(db: Executor) {
  return db
    .selectFrom('case_escalations as e')
    .innerJoin('cases as c', 'c.id', 'e.case_id')
    .innerJoin('units as tu', 'tu.id', 'e.to_unit_id')
    .leftJoin('units as fu', 'fu.id', 'e.from_unit_id')
    .leftJoin('users as cu', 'cu.id', 'e.closed_by')
    .select([
      'e.id',
      'e.kind',
      'e.to_unit_id',
      'e.to_region_code',
      'e.from_unit_id',
      'e.due_at',
      'e.overdue_minutes',
      'e.created_at',
      'e.closed_at',
      'e.closed_by',
      'e.close_note',
      'tu.name as to_unit_name',
      'fu.name as from_unit_name',
      'cu.name as closed_by_name',
      'c.id as case_id',
      'c.tracking_number',
      'c.title',
      'c.status as case_status',
      'c.category_code',
      'c.region_code',
      'c.priority',
      'c.resolution_due_at',
    ]);
}
type BoardRow = Awaited<ReturnType<ReturnType<typeof boardQuery>['executeTakeFirstOrThrow']>>;

async function present(ctx: ServiceContext, rows: BoardRow[]) {
  const names = await directory.namesFor(ctx.db, [], rows.map((r) => r.region_code));
  const categories = new Map((await repo.listCategories(ctx.db, false)).map((c) => [c.code, categoryName(ctx, c)]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as EscalationKind,
    status: (r.closed_at ? 'closed' : 'open') as 'open' | 'closed',
    case: {
      id: r.case_id,
      trackingNumber: r.tracking_number,
      title: r.title,
      status: r.case_status,
      categoryCode: r.category_code,
      categoryName: categories.get(r.category_code) ?? r.category_code,
      regionCode: r.region_code,
      regionName: names.regions.get(r.region_code) ?? r.region_code,
      priority: r.priority,
      resolutionDueAt: r.resolution_due_at.toISOString(),
    },
    fromUnit: r.from_unit_id ? { id: r.from_unit_id, name: r.from_unit_name ?? '' } : null,
    toUnit: { id: r.to_unit_id, name: r.to_unit_name },
    dueAt: r.due_at.toISOString(),
    overdueMinutes: r.overdue_minutes,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    closedBy: r.closed_by ? { id: r.closed_by, name: r.closed_by_name ?? '' } : null,
    closeNote: r.close_note,
    abilities: { close: !r.closed_at && canCloseEscalation(ctx.actor, { toUnitId: r.to_unit_id, toRegionCode: r.to_region_code }) },
  }));
}

/** `GET /cases/supervision-board` */
export async function listBoard(ctx: ServiceContext, input: BoardInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  if (!hasBoard(actor)) throw forbidden();
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const status = input.status ?? 'open';
  let base = boardQuery(ctx.db).where(visibleOnBoard(boardScope(actor)));
  if (input.unitId) base = base.where('e.to_unit_id', '=', input.unitId);
  if (input.kind) base = base.where('e.kind', '=', input.kind);
  const scoped = base;
  base = base.where('e.closed_at', status === 'open' ? 'is' : 'is not', null);
  const [rows, count, openCount] = await Promise.all([
    base
      .orderBy(status === 'open' ? 'e.created_at' : 'e.closed_at', 'desc')
      .orderBy('e.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    scoped.clearSelect().where('e.closed_at', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await present(ctx, rows), total: Number(count.n), page, pageSize, openCount: Number(openCount.n) };
}

/** `POST /cases/supervision/:id/close` */
export async function closeEscalation(ctx: ServiceContext, id: string, input: { note: string }) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const note = input.note.trim();
  if (!note) throw badRequest('cases.blank', 'note');
  await ctx.db.transaction().execute(async (trx) => {
    const e = await trx.selectFrom('case_escalations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    const subject = e ? { toUnitId: e.to_unit_id, toRegionCode: e.to_region_code } : null;
    if (!e || !subject || !canSeeEscalation(actor, subject)) throw notFound('cases.escalation_not_found');
    if (!canCloseEscalation(actor, subject)) throw forbidden();
    if (e.closed_at) throw conflict('cases.escalation_closed');
    const now = ctx.clock.now();
    await trx.updateTable('case_escalations').set({ closed_at: now, closed_by: actor.userId, close_note: note }).where('id', '=', id).execute();
    const c = await repo.findCase(trx, e.case_id);
    const unit = await directory.findUnit(trx, e.to_unit_id);
    if (c) {
      await repo.appendEvents(trx, [
        eventRow(c, actor, now, {
          kind: 'supervision_closed',
          from: c.status,
          to: c.status,
          note,
          visible: false,
          unit: unit ? { id: unit.id, name: unit.name } : null,
          data: { escalationId: id },
        }),
      ]);
    }
    await audit(trx, ctx, {
      action: 'case.supervision_close',
      targetType: 'case',
      targetId: e.case_id,
      before: { escalationId: id, status: 'open' },
      after: { escalationId: id, status: 'closed' },
    });
    for (const unitId of [e.to_unit_id, e.from_unit_id].filter((u): u is string => !!u)) {
      await publishLive(trx, { topic: `unit:${unitId}`, type: 'case.supervision_closed', data: { caseId: e.case_id, escalationId: id } });
    }
  });
  const row = await boardQuery(ctx.db).where('e.id', '=', id).executeTakeFirstOrThrow();
  return (await present(ctx, [row]))[0]!;
}
