import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { forbidden, unauthorized } from '../../platform/errors.js';
import { statusesAllowing } from '../../../common/cases/states.js';
import { caseScope, hasQueue } from './policy.js';
import { presentSummary } from './presenter.js';
import * as queries from './queries.js';
import * as repo from './repo.js';
import { CASE_COLUMNS, type CaseRow } from './repo.js';
import { listContext } from './reading.js';
import { caseReference } from './reference.js';
import type { QueueInput } from './schema.js';
import { eventRow } from './transition-kit.js';
import { announce } from './notify.js';

/**
 * The cadre's queue and its bulk action. Both take the caller's reach from
 * policy.caseScope and apply it in SQL.
 */

/** `GET /cases/queue` */
export async function listQueue(ctx: ServiceContext, input: QueueInput) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  if (!hasQueue(actor)) throw forbidden('cases.no_queue');
  const pageNo = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const sort = input.sort ?? (input.q ? 'relevance' : 'created');
  const now = ctx.clock.now();
  // The reference check runs beside the page's query, not after it.
  const [page, ref] = await Promise.all([queries.queue(ctx.db, caseScope(actor), input, sort, pageNo, pageSize, now), caseReference(ctx.db)]);
  const lc = listContext(ctx, page, ref, input.q);
  return { items: page.rows.map((r) => presentSummary(r, lc)), total: page.total, totalCapped: page.totalCapped, page: pageNo, pageSize };
}

/**
 * `POST /cases/bulk/accept`: accepts every listed case the caller may work
 * and that is waiting for acceptance. The allowed ids come from one SQL query
 * (scope and state in the WHERE clause), locked; the rest are reported back
 * with the reason, without revealing cases the caller may not see.
 */
export async function bulkAccept(ctx: ServiceContext, ids: string[]) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  if (!hasQueue(actor)) throw forbidden('cases.no_queue');
  const scope = caseScope(actor);
  const from = statusesAllowing('accept');

  return ctx.db.transaction().execute(async (trx) => {
    const allowed = (await trx
      .selectFrom('cases')
      .select(CASE_COLUMNS)
      .where('id', 'in', ids)
      .where('status', 'in', from)
      .where(queries.workableBy(scope))
      .orderBy('id')
      .forUpdate()
      .execute()) as CaseRow[];
    const allowedIds = new Set(allowed.map((c) => c.id));
    // Of the rest, which may the caller see, and could they work them (then only the state is wrong)?
    const rest = ids.filter((id) => !allowedIds.has(id));
    const seen = rest.length
      ? await trx
          .selectFrom('cases')
          .select(['id', queries.workableBy(scope).as('workable')])
          .where('id', 'in', rest)
          .where(queries.visibleTo(scope))
          .execute()
      : [];
    const visibleMap = new Map(seen.map((r) => [r.id, r.workable]));

    const now = ctx.clock.now();
    const accepted: string[] = [];
    if (allowed.length > 0) {
      const updated = (await trx
        .updateTable('cases')
        .set({ status: 'accepted', updated_at: now, responded_at: sql`coalesce(responded_at, ${now})` })
        .where('id', 'in', [...allowedIds])
        .returning(CASE_COLUMNS)
        .execute()) as CaseRow[];
      const before = new Map(allowed.map((c) => [c.id, c]));
      await repo.appendEvents(
        trx,
        updated.map((c) => eventRow(before.get(c.id)!, actor, now, { kind: 'accepted', from: before.get(c.id)!.status, to: 'accepted', visible: true, data: { bulk: true } })),
      );
      for (const c of updated) {
        await audit(trx, ctx, {
          action: 'case.accept',
          targetType: 'case',
          targetId: c.id,
          before: { status: before.get(c.id)!.status },
          after: { status: 'accepted', bulk: true },
        });
        await announce(trx, c, 'case.accept');
        accepted.push(c.id);
      }
    }
    const skipped = ids
      .filter((id) => !allowedIds.has(id))
      .map((id) => ({
        id,
        reason: !visibleMap.has(id) ? ('not_found' as const) : visibleMap.get(id) ? ('illegal_state' as const) : ('forbidden' as const),
      }));
    return { accepted: ids.filter((id) => accepted.includes(id)), skipped };
  });
}
