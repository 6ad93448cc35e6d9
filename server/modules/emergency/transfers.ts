import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { TRANSFER_CATEGORIES } from '../../../common/emergency/types.js';
import { regionPrefix } from '../../../common/regions.js';
import { canAddTransferPerson, canManageTransfers, canViewTransfers } from './policy.js';
import { assertActive, clean, cleanOptional, incidentFacts, isUniqueViolation, requireActor, requireIncident } from './access.js';
import { incidentTopic } from './incidents.js';
import { presentPerson, presentPoint, presentVehicle } from './presenter-transfers.js';
import * as repo from './repo.js';
import * as tr from './repo-transfers.js';
import type { AddPeopleBody, CreatePointBody, CreateVehicleBody } from './schema-transfers.js';

/**
 * Transfers (转运), the registry half: isolation points with their beds,
 * vehicles with their capacity and drivers, and the people to move
 * (positive cases and close contacts, listed by the area's cadres and
 * medics). Planning trips and following them overnight is in trips.ts.
 */

export const transferTopic = (incidentId: string) => `emergency:transfers:${incidentId}`;

async function manager(ctx: ServiceContext, incidentId: string) {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  authorize(canManageTransfers(actor, { regionCode: incident.region_code }));
  assertActive(incident, ctx.clock.now());
  return { actor, incident };
}

/** `POST /emergency/incidents/:id/isolation-points` */
export async function createPoint(ctx: ServiceContext, incidentId: string, input: CreatePointBody) {
  const { actor, incident } = await manager(ctx, incidentId);
  const name = clean(input.name, 'name');
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const point = await trx
        .insertInto('emergency_isolation_points')
        .values({
          incident_id: incident.id,
          name,
          address: cleanOptional(input.address, 'address'),
          lat: input.lat,
          lng: input.lng,
          capacity: input.capacity,
          categories: JSON.stringify(input.categories ?? [...TRANSFER_CATEGORIES]),
          created_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, ctx, { action: 'emergency.isolation_point.create', targetType: 'emergency_isolation_point', targetId: point.id, after: { name, capacity: input.capacity } });
      await publishLive(trx, { topic: transferTopic(incident.id), type: 'point', data: { pointId: point.id } });
      return point;
    });
    return presentPoint(row, 0);
  } catch (e) {
    if (isUniqueViolation(e, 'emergency_isolation_points_name_idx')) throw conflict('emergency.point_exists', 'name');
    throw e;
  }
}

/** `POST /emergency/incidents/:id/vehicles` */
export async function createVehicle(ctx: ServiceContext, incidentId: string, input: CreateVehicleBody) {
  const { actor, incident } = await manager(ctx, incidentId);
  if (input.driverUserId) {
    const exists = await ctx.db.selectFrom('users').select('id').where('id', '=', input.driverUserId).executeTakeFirst();
    if (!exists) throw badRequest('emergency.person_not_found', 'driverUserId');
  }
  const plate = clean(input.plate, 'plate');
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const v = await trx
        .insertInto('emergency_vehicles')
        .values({
          incident_id: incident.id,
          plate,
          capacity: input.capacity,
          driver_name: clean(input.driverName, 'driverName'),
          driver_phone: input.driverPhone,
          driver_user_id: input.driverUserId ?? null,
          created_by: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, ctx, { action: 'emergency.vehicle.create', targetType: 'emergency_vehicle', targetId: v.id, after: { plate, capacity: input.capacity, driverUserId: v.driver_user_id } });
      await publishLive(trx, { topic: transferTopic(incident.id), type: 'vehicle', data: { vehicleId: v.id } });
      return v;
    });
    return presentVehicle(row, null);
  } catch (e) {
    if (isUniqueViolation(e, 'emergency_vehicles_plate_idx')) throw conflict('emergency.vehicle_exists', 'plate');
    throw e;
  }
}

/** `POST /emergency/incidents/:id/transfer-people` — a list of people to move tonight (up to 500 at once). */
export async function addPeople(ctx: ServiceContext, incidentId: string, input: AddPeopleBody) {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const now = ctx.clock.now();
  assertActive(incident, now);
  const prefix = regionPrefix(incident.region_code);
  const codes = [...new Set(input.people.map((p) => p.regionCode))];
  const known = new Set((await ctx.db.selectFrom('regions').select('code').where('code', 'in', codes).execute()).map((r) => r.code));
  for (const code of codes) {
    if (!known.has(code)) throw badRequest('emergency.unknown_region', 'regionCode');
    if (!code.startsWith(prefix)) throw badRequest('emergency.region_outside_incident', 'regionCode');
  }
  authorize(codes.every((c) => canAddTransferPerson(actor, c)));
  const rows = input.people.map((p) => ({
    incident_id: incident.id,
    name: clean(p.name, 'name'),
    phone: p.phone ?? null,
    category: p.category,
    region_code: p.regionCode,
    pickup: clean(p.pickup, 'pickup'),
    lat: p.lat,
    lng: p.lng,
    status: 'waiting',
    trip_id: null,
    note: cleanOptional(p.note, 'note'),
    created_by: actor.userId,
    updated_at: now,
  }));
  const created = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('emergency_transfer_people').values(rows).returningAll().execute();
    await audit(trx, ctx, {
      action: 'emergency.transfer_people.add',
      targetType: 'emergency_incident',
      targetId: incident.id,
      // Counts by category: the names stay in the table, not the log.
      after: { ids: inserted.map((p) => p.id), byCategory: Object.fromEntries(TRANSFER_CATEGORIES.map((c) => [c, rows.filter((r) => r.category === c).length])) },
    });
    await publishLive(trx, { topic: transferTopic(incident.id), type: 'waiting', data: { count: inserted.length } });
    return inserted;
  });
  return { items: created.map((p) => presentPerson(p, true)) };
}

/** `POST /emergency/transfer-people/:id/cancel` — no longer to be moved (e.g. a negative retest). */
export async function cancelPerson(ctx: ServiceContext, personId: string, input: { reason: string }) {
  const actor = requireActor(ctx);
  const person = await ctx.db.selectFrom('emergency_transfer_people').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!person) throw notFound('emergency.transfer_person_not_found');
  const incident = await requireIncident(ctx.db, person.incident_id);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  if (!canViewTransfers(inv, incidentFacts(incident, ctx.clock.now()))) throw notFound('emergency.transfer_person_not_found');
  authorize(canManageTransfers(actor, { regionCode: incident.region_code }) || canAddTransferPerson(actor, person.region_code));
  const reason = clean(input.reason, 'reason');
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('emergency_transfer_people')
      .set({ status: 'cancelled', note: reason, updated_at: now })
      .where('id', '=', person.id)
      .where('status', '=', 'waiting')
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw conflict('emergency.transfer_person_not_waiting');
    await audit(trx, ctx, { action: 'emergency.transfer_people.cancel', targetType: 'emergency_transfer_person', targetId: person.id, after: { reason } });
    await publishLive(trx, { topic: transferTopic(incident.id), type: 'waiting', data: { personId: person.id } });
    return updated;
  });
  return presentPerson(row, true);
}
