import type { Role, ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize, grantsOf } from '../../platform/policy.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { loadActor } from '../people/actor.js';
import { regionLevel } from '../../../common/regions.js';
import type { TeamCapacity } from '../../../common/emergency/types.js';
import { canManageGrids, canSeeGrid, canViewOperations, isCoordinator } from './policy.js';
import {
  assertActive,
  clean,
  gridFacts,
  incidentFacts,
  isUniqueViolation,
  pointOf,
  regionNames,
  requireActor,
  requireGrid,
  requireIncident,
  requireRegionInIncident,
} from './access.js';
import { incidentTopic } from './incidents.js';
import { presentGrid, presentGridDetail } from './presenter.js';
import * as repo from './repo.js';
import type { CreateGridBody, GridDetail } from './schema.js';

/**
 * Grids (网格) of an incident and their teams (seed 003: 全域划成59个工作网格 …
 * 实行“格长制”; 合泰 split into 7 sealed zones). A grid is a 15-digit grid
 * region, or a named zone within a community. Commanders draw grids and
 * appoint their leaders (格长); the leader and the area's cadres manage the
 * team: people from departments, volunteers, medics and cadres. A release
 * keeps the assignment in the history.
 */

/** Which grants a person needs to serve in each capacity. */
const CAPACITY_ROLES: Record<TeamCapacity, readonly Role[]> = {
  cadre: ['grid_worker', 'village_cadre', 'township_official'],
  department: ['department_handler'],
  volunteer: ['volunteer'],
  medic: ['medic'],
};

async function requirePerson(ctx: ServiceContext, userId: string, field: string) {
  const person = await loadActor(ctx.db, userId, null);
  if (!person) throw badRequest('emergency.person_not_found', field);
  return person;
}

async function gridView(ctx: ServiceContext, grid: repo.GridRow, detail: boolean): Promise<GridDetail> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, grid.incident_id);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  const facts = incidentFacts(incident, ctx.clock.now());
  const [names, people, team] = await Promise.all([
    regionNames(ctx.db, [grid.region_code]),
    repo.peopleByIds(ctx.db, [grid.leader_user_id]),
    repo.teamOf(ctx.db, grid.id, detail),
  ]);
  return presentGridDetail(grid, names.get(grid.region_code) ?? grid.region_code, team, people, inv, facts);
}

/** `POST /emergency/incidents/:id/grids` */
export async function createGrid(ctx: ServiceContext, incidentId: string, input: CreateGridBody): Promise<GridDetail> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const region = await requireRegionInIncident(ctx.db, incident, input.regionCode);
  authorize(canManageGrids(actor, region.code));
  assertActive(incident, ctx.clock.now());
  const level = regionLevel(region.code);
  const kind = level === 'grid' ? 'region' : 'zone';
  if (kind === 'zone' && (level !== 'village' || input.name === undefined)) throw badRequest('emergency.grid_region_level', 'regionCode');
  const name = input.name === undefined ? region.name : clean(input.name, 'name');
  const location = pointOf(input);
  if (input.leaderUserId) await requirePerson(ctx, input.leaderUserId, 'leaderUserId');
  try {
    const grid = await ctx.db.transaction().execute(async (trx) => {
      const row = await repo.insertGrid(trx, {
        incident_id: incident.id,
        region_code: region.code,
        kind,
        name,
        leader_user_id: input.leaderUserId ?? null,
        lat: location?.lat ?? null,
        lng: location?.lng ?? null,
        created_by: actor.userId,
      });
      await audit(trx, ctx, {
        action: 'emergency.grid.create',
        targetType: 'emergency_grid',
        targetId: row.id,
        after: { incidentId: incident.id, regionCode: region.code, kind, name, leaderUserId: row.leader_user_id },
      });
      await publishLive(trx, { topic: incidentTopic(incident.id), type: 'grid', data: { gridId: row.id } });
      return row;
    });
    return gridView(ctx, grid, true);
  } catch (e) {
    if (isUniqueViolation(e, 'emergency_grids_name_idx')) throw conflict('emergency.grid_exists', 'name');
    throw e;
  }
}

/** `GET /emergency/incidents/:id/grids` — the grids the caller coordinates or serves. */
export async function listGrids(ctx: ServiceContext, incidentId: string, input: { regionCode?: string }) {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  const facts = incidentFacts(incident, ctx.clock.now());
  authorize(canViewOperations(inv, facts));
  const grids = (await repo.listGrids(ctx.db, incident.id, input.regionCode)).filter((g) => canSeeGrid(inv, gridFacts(g)));
  const [names, people, sizes] = await Promise.all([
    regionNames(ctx.db, grids.map((g) => g.region_code)),
    repo.peopleByIds(ctx.db, grids.map((g) => g.leader_user_id)),
    repo.teamCounts(ctx.db, grids.map((g) => g.id)),
  ]);
  return { items: grids.map((g) => presentGrid(g, names.get(g.region_code) ?? g.region_code, sizes.get(g.id) ?? 0, people, inv, facts)) };
}

/** `GET /emergency/grids/:id` — with the team, released members included (the history). */
export async function getGrid(ctx: ServiceContext, gridId: string): Promise<GridDetail> {
  const actor = requireActor(ctx);
  const grid = await requireGrid(ctx.db, gridId);
  const inv = await repo.involvementOf(ctx.db, actor, grid.incident_id);
  authorize(canSeeGrid(inv, gridFacts(grid)), { hideExistence: true });
  return gridView(ctx, grid, true);
}

/** `PUT /emergency/grids/:id/leader` — appoint (or clear) the 格长. */
export async function setLeader(ctx: ServiceContext, gridId: string, leaderUserId: string | null): Promise<GridDetail> {
  const actor = requireActor(ctx);
  const grid = await requireGrid(ctx.db, gridId);
  authorize(canManageGrids(actor, grid.region_code));
  const incident = await requireIncident(ctx.db, grid.incident_id);
  assertActive(incident, ctx.clock.now());
  if (leaderUserId) await requirePerson(ctx, leaderUserId, 'leaderUserId');
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('emergency_grids')
      .set({ leader_user_id: leaderUserId })
      .where('id', '=', grid.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      action: 'emergency.grid.leader',
      targetType: 'emergency_grid',
      targetId: grid.id,
      before: { leaderUserId: grid.leader_user_id },
      after: { leaderUserId },
    });
    await publishLive(trx, { topic: incidentTopic(grid.incident_id), type: 'grid', data: { gridId: grid.id } });
    return row;
  });
  return gridView(ctx, updated, true);
}

/** `POST /emergency/grids/:id/team` — a person joins the team in a capacity their grants allow. */
export async function addMember(ctx: ServiceContext, gridId: string, input: { userId: string; capacity: TeamCapacity }): Promise<GridDetail> {
  const actor = requireActor(ctx);
  const grid = await requireGrid(ctx.db, gridId);
  const inv = await repo.involvementOf(ctx.db, actor, grid.incident_id);
  authorize(isCoordinator(inv, gridFacts(grid)));
  const incident = await requireIncident(ctx.db, grid.incident_id);
  assertActive(incident, ctx.clock.now());
  const person = await requirePerson(ctx, input.userId, 'userId');
  if (grantsOf(person, CAPACITY_ROLES[input.capacity]).length === 0) throw badRequest('emergency.capacity_mismatch', 'capacity');
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('emergency_grid_members')
        .values({ grid_id: grid.id, user_id: input.userId, capacity: input.capacity, assigned_by: actor.userId, assigned_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, ctx, {
        action: 'emergency.grid.member_add',
        targetType: 'emergency_grid',
        targetId: grid.id,
        after: { membershipId: row.id, userId: input.userId, capacity: input.capacity },
      });
      await publishLive(trx, { topic: incidentTopic(grid.incident_id), type: 'grid', data: { gridId: grid.id } });
    });
  } catch (e) {
    if (isUniqueViolation(e, 'emergency_grid_members_current_idx')) throw conflict('emergency.already_member', 'userId');
    throw e;
  }
  return gridView(ctx, grid, true);
}

/** `DELETE /emergency/grids/:id/team/:userId` — released, kept in the history. */
export async function releaseMember(ctx: ServiceContext, gridId: string, userId: string): Promise<GridDetail> {
  const actor = requireActor(ctx);
  const grid = await requireGrid(ctx.db, gridId);
  const inv = await repo.involvementOf(ctx.db, actor, grid.incident_id);
  authorize(isCoordinator(inv, gridFacts(grid)));
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const released = await trx
      .updateTable('emergency_grid_members')
      .set({ released_at: now, released_by: actor.userId })
      .where('grid_id', '=', grid.id)
      .where('user_id', '=', userId)
      .where('released_at', 'is', null)
      .returning(['id', 'capacity'])
      .executeTakeFirst();
    if (!released) throw notFound('emergency.not_member', 'userId');
    await audit(trx, ctx, {
      action: 'emergency.grid.member_release',
      targetType: 'emergency_grid',
      targetId: grid.id,
      before: { membershipId: released.id, userId, capacity: released.capacity },
    });
    await publishLive(trx, { topic: incidentTopic(grid.incident_id), type: 'grid', data: { gridId: grid.id } });
  });
  return gridView(ctx, grid, true);
}
