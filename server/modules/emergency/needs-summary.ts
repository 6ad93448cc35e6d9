import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { authorize, isAdmin, scopePrefixes } from '../../platform/policy.js';
import { effectiveLimits } from '../../../common/cases/deadlines.js';
import { maskName } from '../../../common/masking.js';
import { URGENCIES, type Urgency } from '../../../common/emergency/types.js';
import { AREA_CADRE_ROLES, canSeeGrid, canViewOperations, isCoordinator } from './policy.js';
import { gridFacts, incidentFacts, requireActor, requireGrid, requireIncident } from './access.js';
import { PRIORITY_OF } from './case-link.js';
import * as repo from './repo.js';
import type { NeedsSummary } from './schema-summary.js';

/**
 * The needs board's counts (`GET /emergency/incidents/:id/needs/summary`):
 * per grid, needs waiting / under way / overdue / finished; per volunteer,
 * the errands they hold. Counted in SQL over every need the caller
 * coordinates or serves — no paging cap.
 *
 * Overdue — the one rule, decided here: an unfinished need is overdue once
 * its CASE's resolution deadline has passed. A need opens its case in the
 * same transaction (case-link.ts, same clock), category `emergency.need`
 * (4 h / 48 h, cases migration 1030) capped by the priority of its urgency
 * (common/cases/deadlines.ts): life-critical 2 h, urgent 24 h, normal 48 h
 * from posting. The windows are returned (`overdueHours`) so the web shows
 * and applies the same rule. NEED_CATEGORY_LIMITS mirrors migration 1030
 * because cases/service.ts does not expose deadlines yet.
 */
export const NEED_CATEGORY_LIMITS = { responseHours: 4, resolutionHours: 48 } as const;

export const OVERDUE_HOURS: Record<Urgency, number> = Object.fromEntries(
  URGENCIES.map((u) => [u, effectiveLimits(NEED_CATEGORY_LIMITS, PRIORITY_OF[u]).resolutionHours]),
) as Record<Urgency, number>;

const FINISHED = ['delivered', 'confirmed', 'cancelled'] as const;
const UNDER_WAY = ['claimed', 'bought', 'at_gate', 'handed_over'] as const;

/** The deadline of a need in SQL, from its urgency and posting time. */
const deadline = sql`created_at + (case urgency ${sql.join(
  URGENCIES.map((u) => sql`when ${sql.lit(u)} then ${sql.lit(OVERDUE_HOURS[u])}`),
  sql` `,
)} else ${sql.lit(OVERDUE_HOURS.normal)} end) * interval '1 hour'`;

export async function needsSummary(ctx: ServiceContext, incidentId: string, input: { gridId?: string }): Promise<NeedsSummary> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  const now = ctx.clock.now();
  // Who sees the needs board: the same people as the grid board.
  authorize(canViewOperations(inv, incidentFacts(incident, now)));
  let grids = (await repo.listGrids(ctx.db, incident.id)).filter((g) => canSeeGrid(inv, gridFacts(g)));
  if (input.gridId) {
    const wanted = await requireGrid(ctx.db, input.gridId, incident.id, 'gridId');
    grids = grids.filter((g) => g.id === wanted.id);
    authorize(grids.length === 1);
  }
  const gridIds = grids.map((g) => g.id);
  // Needs outside every grid: those of the area the caller coordinates (as in the list), unless one grid is asked for.
  const gridless: string[] | 'all' = input.gridId ? [] : isAdmin(actor) ? 'all' : scopePrefixes(actor, AREA_CADRE_ROLES);

  let q = ctx.db.selectFrom('emergency_needs').where('incident_id', '=', incident.id);
  q = q.where((eb) => {
    const ors = [];
    if (gridIds.length > 0) ors.push(eb('grid_id', 'in', gridIds));
    if (gridless === 'all') ors.push(eb('grid_id', 'is', null));
    else for (const p of gridless) ors.push(eb.and([eb('grid_id', 'is', null), eb('region_code', 'like', `${p}%`)]));
    return ors.length > 0 ? eb.or(ors) : eb.val(false);
  });
  const open = sql<boolean>`status not in (${sql.join(FINISHED)})`;
  const overdue = sql<number>`count(*) filter (where ${open} and ${deadline} < ${now})::int`;

  const [byGrid, byRunner] = await Promise.all([
    q
      .select([
        'grid_id',
        sql<number>`count(*) filter (where status = 'open')::int`.as('waiting'),
        sql<number>`count(*) filter (where status = 'open' and urgency = 'life_critical')::int`.as('waiting_critical'),
        sql<number>`count(*) filter (where status in (${sql.join(UNDER_WAY)}))::int`.as('under_way'),
        overdue.as('overdue'),
        sql<number>`count(*) filter (where status in (${sql.join(FINISHED)}))::int`.as('finished'),
      ])
      .groupBy('grid_id')
      .execute(),
    q
      .where('claimed_by', 'is not', null)
      .select([
        'claimed_by',
        sql<number>`count(*) filter (where status = 'claimed')::int`.as('claimed'),
        sql<number>`count(*) filter (where status in ('bought', 'at_gate', 'handed_over'))::int`.as('under_way'),
        sql<number>`count(*) filter (where status in (${sql.join(UNDER_WAY)}) and urgency = 'life_critical')::int`.as('life_critical'),
        overdue.as('overdue'),
        sql<number>`count(*) filter (where status in ('delivered', 'confirmed'))::int`.as('done'),
      ])
      .groupBy('claimed_by')
      .execute(),
  ]);

  const counts = new Map(byGrid.map((r) => [r.grid_id, r]));
  const zero = { waiting: 0, waiting_critical: 0, under_way: 0, overdue: 0, finished: 0 };
  const row = (gridId: string | null, name: string | null) => {
    const c = counts.get(gridId) ?? zero;
    return { gridId, name, waiting: c.waiting, waitingCritical: c.waiting_critical, underWay: c.under_way, overdue: c.overdue, finished: c.finished };
  };
  const gridRows = grids.map((g) => row(g.id, g.name));
  if (counts.has(null)) gridRows.push(row(null, null));
  const totals = gridRows.reduce(
    (t, g) => ({ waiting: t.waiting + g.waiting, waitingCritical: t.waitingCritical + g.waitingCritical, underWay: t.underWay + g.underWay, overdue: t.overdue + g.overdue, finished: t.finished + g.finished }),
    { waiting: 0, waitingCritical: 0, underWay: 0, overdue: 0, finished: 0 },
  );

  // Names in full for coordinators (they see runners on every need of their grids) and for oneself; masked for fellow volunteers.
  const seesNames = isAdmin(actor) || grids.some((g) => isCoordinator(inv, gridFacts(g))) || gridless === 'all' || gridless.length > 0;
  const people = await repo.peopleByIds(ctx.db, byRunner.map((r) => r.claimed_by));
  const volunteers = byRunner
    .map((r) => {
      const name = people.get(r.claimed_by!)?.name ?? '';
      const shown = seesNames || r.claimed_by === actor.userId ? name : maskName(name);
      return { userId: r.claimed_by!, name: shown, claimed: r.claimed, underWay: r.under_way, lifeCritical: r.life_critical, overdue: r.overdue, done: r.done };
    })
    .sort((a, b) => b.claimed + b.underWay - (a.claimed + a.underWay) || b.lifeCritical - a.lifeCritical || a.userId.localeCompare(b.userId));

  return { at: now.toISOString(), overdueHours: OVERDUE_HOURS, totals, grids: gridRows, volunteers };
}
