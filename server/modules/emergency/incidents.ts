import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { requireRegion } from '../regions/service.js';
import { canCreateIncident, canManageIncident, canViewOperations } from './policy.js';
import { cleanOptional, clean, incidentFacts, pageOf, regionNames, requireActor, requireIncident, timeOf } from './access.js';
import { presentIncident } from './presenter.js';
import * as repo from './repo.js';
import type { CreateIncidentBody, IncidentListQuery, IncidentView } from './schema.js';

/**
 * Incidents (应急事件): activated for a region subtree by a commander, with a
 * start and an end. Everything else in the module belongs to one and stays
 * in its history after it ends. The list and the details are public (which
 * emergencies are running is public information); the board is not.
 */

export const incidentTopic = (incidentId: string) => `emergency:incident:${incidentId}`;

async function view(ctx: ServiceContext, row: repo.IncidentRow, names: Map<string, string>): Promise<IncidentView> {
  const now = ctx.clock.now();
  const inv = ctx.actor ? await repo.involvementOf(ctx.db, ctx.actor, row.id) : null;
  return presentIncident(row, names.get(row.region_code) ?? row.region_code, incidentFacts(row, now), ctx.actor, inv);
}

/** `POST /emergency/incidents` */
export async function createIncident(ctx: ServiceContext, input: CreateIncidentBody): Promise<IncidentView> {
  const actor = requireActor(ctx);
  const region = await requireRegion(ctx.db, input.regionCode);
  authorize(canCreateIncident(actor, region.code));
  const name = clean(input.name, 'name');
  const description = cleanOptional(input.description, 'description');
  const now = ctx.clock.now();
  const startedAt = input.startedAt ? timeOf(input.startedAt, 'startedAt') : now;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await repo.insertIncident(trx, {
      name,
      region_code: region.code,
      description,
      started_at: startedAt,
      ended_at: null,
      created_by: actor.userId,
      updated_at: now,
    });
    await audit(trx, ctx, {
      action: 'emergency.incident.create',
      targetType: 'emergency_incident',
      targetId: created.id,
      after: { name, regionCode: region.code, startedAt: startedAt.toISOString() },
    });
    return created;
  });
  return view(ctx, row, new Map([[region.code, region.name]]));
}

/** `GET /emergency/incidents` (public) */
export async function listIncidents(ctx: ServiceContext, input: IncidentListQuery) {
  const { page, pageSize } = pageOf(input);
  const { rows, total } = await repo.listIncidents(ctx.db, { regionCode: input.regionCode, active: input.active, now: ctx.clock.now() }, page, pageSize);
  const names = await regionNames(ctx.db, rows.map((r) => r.region_code));
  const items = [];
  for (const row of rows) items.push(await view(ctx, row, names));
  return { items, total, page, pageSize };
}

/** `GET /emergency/incidents/:id` (public) */
export async function getIncident(ctx: ServiceContext, id: string): Promise<IncidentView> {
  const row = await requireIncident(ctx.db, id);
  return view(ctx, row, await regionNames(ctx.db, [row.region_code]));
}

/** `POST /emergency/incidents/:id/end` — closes the incident; its history stays. */
export async function endIncident(ctx: ServiceContext, id: string, input: { endedAt?: string }): Promise<IncidentView> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const endedAt = input.endedAt ? timeOf(input.endedAt, 'endedAt') : now;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const incident = await repo.lockIncident(trx, id);
    if (!incident) return null;
    authorize(canManageIncident(actor, { regionCode: incident.region_code }));
    if (incident.ended_at !== null) throw conflict('emergency.incident_ended');
    if (endedAt <= incident.started_at) throw badRequest('emergency.end_before_start', 'endedAt');
    const updated = await trx
      .updateTable('emergency_incidents')
      .set({ ended_at: endedAt, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'emergency.incident.end', targetType: 'emergency_incident', targetId: id, after: { endedAt: endedAt.toISOString() } });
    await publishLive(trx, { topic: incidentTopic(id), type: 'incident', data: { incidentId: id } });
    return updated;
  });
  if (!row) await requireIncident(ctx.db, id);
  return view(ctx, row!, await regionNames(ctx.db, [row!.region_code]));
}

/** Checks the caller may follow the incident's board live; returns the topic. */
export async function authorizeIncidentStream(ctx: ServiceContext, id: string): Promise<string> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, id);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  authorize(canViewOperations(inv, incidentFacts(incident, ctx.clock.now())));
  return incidentTopic(incident.id);
}
