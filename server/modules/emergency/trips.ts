import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { conflict, notFound } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { planTransfers } from '../../../common/emergency/transfer-planner.js';
import { TRIP_STATUS_LABELS } from '../../../common/emergency/labels.js';
import { TRIP_TRANSITIONS, type TransferCategory, type TripStatus } from '../../../common/emergency/types.js';
import { canAddTransferPerson, canManageTransfers, canUpdateTrip, canViewTransfers, type Involvement } from './policy.js';
import { assertActive, incidentFacts, requireActor, requireIncident } from './access.js';
import { transferTopic } from './transfers.js';
import { presentPerson, presentPoint, presentTrip, presentVehicle } from './presenter-transfers.js';
import * as repo from './repo.js';
import * as tr from './repo-transfers.js';
import type { NightBoard, TripView } from './schema-transfers.js';

/**
 * Trips (seed 003: 「10名司机10辆车一夜不停，在集中隔离点与不同的小区之间往来奔波」):
 * a round of trips is planned from the people waiting, the free vehicles and
 * the beds left at isolation points (common/emergency/transfer-planner.ts);
 * each trip is followed by its driver — dispatched, picked up, arrived —
 * with the people on board; the night board shows who is still waiting.
 */

function seer(inv: Involvement, incidentRegion: string, vehicleId: string) {
  const all = canManageTransfers(inv.actor, { regionCode: incidentRegion }) || inv.vehicleIds.has(vehicleId);
  return (p: tr.PersonRow) => all || canAddTransferPerson(inv.actor, p.region_code);
}

async function tripViews(ctx: ServiceContext, inv: Involvement, incident: { id: string; region_code: string }, trips: tr.TripRow[]): Promise<TripView[]> {
  const [vehicles, points, people] = await Promise.all([tr.vehiclesOf(ctx.db, incident.id), tr.pointsOf(ctx.db, incident.id), tr.peopleOnTrips(ctx.db, trips.map((t) => t.id))]);
  const v = new Map(vehicles.map((x) => [x.id, x]));
  const p = new Map(points.map((x) => [x.id, x]));
  return trips.map((t) =>
    presentTrip(
      t,
      v.get(t.vehicle_id)!,
      p.get(t.point_id)!,
      (people as (tr.PersonRow & { on_trip: string })[]).filter((x) => x.on_trip === t.id),
      seer(inv, incident.region_code, t.vehicle_id),
      canUpdateTrip(inv, { regionCode: incident.region_code }, t.vehicle_id),
    ),
  );
}

/** `POST /emergency/incidents/:id/trips/plan` — one round: each free vehicle gets a trip. */
export async function planTrips(ctx: ServiceContext, incidentId: string, input: { maxDetourMeters?: number }) {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  authorize(canManageTransfers(actor, { regionCode: incident.region_code }));
  const now = ctx.clock.now();
  assertActive(incident, now);
  const result = await ctx.db.transaction().execute(async (trx) => {
    // One planner at a time per incident: two rounds must not hand the same people or cars out twice.
    await repo.lockIncident(trx, incident.id);
    const [people, vehicles, busy, points, taken] = await Promise.all([
      tr.waitingPeople(trx, incident.id),
      tr.vehiclesOf(trx, incident.id),
      tr.busyVehicles(trx, incident.id),
      tr.pointsOf(trx, incident.id),
      tr.bedsTaken(trx, incident.id),
    ]);
    const plan = planTransfers(
      people.map((p) => ({ id: p.id, category: p.category as TransferCategory, pickup: p.pickup, point: { lat: p.lat, lng: p.lng } })),
      vehicles.filter((v) => !busy.has(v.id)).map((v) => ({ id: v.id, capacity: v.capacity })),
      points.map((p) => ({ id: p.id, point: { lat: p.lat, lng: p.lng }, remaining: p.capacity - (taken.get(p.id) ?? 0), categories: p.categories as TransferCategory[] })),
      { maxDetourMeters: input.maxDetourMeters },
    );
    const trips: tr.TripRow[] = [];
    for (const planned of plan.trips) {
      const trip = await trx
        .insertInto('emergency_trips')
        .values({
          incident_id: incident.id,
          vehicle_id: planned.vehicleId,
          point_id: planned.destinationId,
          category: planned.category,
          status: 'planned',
          planned_by: actor.userId,
          planned_at: now,
          dispatched_at: null,
          picked_up_at: null,
          arrived_at: null,
          cancelled_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.updateTable('emergency_transfer_people').set({ status: 'assigned', trip_id: trip.id, updated_at: now }).where('id', 'in', planned.personIds).execute();
      await trx.insertInto('emergency_trip_people').values(planned.personIds.map((person_id) => ({ trip_id: trip.id, person_id }))).execute();
      await audit(trx, ctx, {
        action: 'emergency.trip.plan',
        targetType: 'emergency_trip',
        targetId: trip.id,
        after: { vehicleId: planned.vehicleId, pointId: planned.destinationId, category: planned.category, people: planned.personIds.length, pickups: planned.pickups },
      });
      trips.push(trip);
    }
    if (trips.length > 0) await publishLive(trx, { topic: transferTopic(incident.id), type: 'trip', data: { tripIds: trips.map((t) => t.id) } });
    return { trips, waiting: plan.waiting };
  });
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  return { trips: await tripViews(ctx, inv, incident, result.trips), waiting: result.waiting };
}

async function visibleTrip(ctx: ServiceContext, tripId: string) {
  const actor = requireActor(ctx);
  const trip = await tr.findTrip(ctx.db, tripId);
  if (!trip) throw notFound('emergency.trip_not_found');
  const incident = await requireIncident(ctx.db, trip.incident_id);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  if (!canViewTransfers(inv, incidentFacts(incident, ctx.clock.now()))) throw notFound('emergency.trip_not_found');
  return { trip, incident, inv };
}

/** `GET /emergency/trips/:id` */
export async function getTrip(ctx: ServiceContext, tripId: string): Promise<TripView> {
  const { trip, incident, inv } = await visibleTrip(ctx, tripId);
  return (await tripViews(ctx, inv, incident, [trip]))[0]!;
}

const STAMP: Partial<Record<TripStatus, 'dispatched_at' | 'picked_up_at' | 'arrived_at' | 'cancelled_at'>> = {
  dispatched: 'dispatched_at',
  picked_up: 'picked_up_at',
  arrived: 'arrived_at',
  cancelled: 'cancelled_at',
};

/** `POST /emergency/trips/:id/status` — the driver (or the transfer desk) moves the trip on; the people on board follow. */
export async function updateTripStatus(ctx: ServiceContext, tripId: string, input: { status: TripStatus }): Promise<TripView> {
  const { trip, incident, inv } = await visibleTrip(ctx, tripId);
  authorize(canUpdateTrip(inv, { regionCode: incident.region_code }, trip.vehicle_id));
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('emergency_trips').selectAll().where('id', '=', trip.id).forUpdate().executeTakeFirstOrThrow();
    const from = current.status as TripStatus;
    if (!TRIP_TRANSITIONS[from].includes(input.status)) {
      throw conflict('emergency.trip_transition', 'status', { status: TRIP_STATUS_LABELS[from][ctx.lang], to: TRIP_STATUS_LABELS[input.status][ctx.lang] });
    }
    await trx.updateTable('emergency_trips').set({ status: input.status, [STAMP[input.status]!]: now }).where('id', '=', trip.id).execute();
    const people = trx.updateTable('emergency_transfer_people').where('trip_id', '=', trip.id);
    if (input.status === 'picked_up') await people.set({ status: 'picked_up', updated_at: now }).execute();
    if (input.status === 'arrived') await people.set({ status: 'arrived', updated_at: now }).execute();
    // A cancelled trip puts its people back in the queue; who was on it stays in emergency_trip_people.
    if (input.status === 'cancelled') await people.set({ status: 'waiting', trip_id: null, updated_at: now }).execute();
    await audit(trx, ctx, { action: `emergency.trip.${input.status}`, targetType: 'emergency_trip', targetId: trip.id, before: { status: from }, after: { status: input.status } });
    await publishLive(trx, { topic: transferTopic(incident.id), type: 'trip', data: { tripId: trip.id, status: input.status } });
  });
  return getTrip(ctx, trip.id);
}

/** `GET /emergency/incidents/:id/transfers/board` — the night board: who still waits, trips under way, free cars, beds left. */
export async function nightBoard(ctx: ServiceContext, incidentId: string): Promise<NightBoard> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  authorize(canViewTransfers(inv, incidentFacts(incident, ctx.clock.now())));
  const [waiting, trips, vehicles, busy, points, taken, counts] = await Promise.all([
    tr.waitingPeople(ctx.db, incident.id),
    tr.tripsOf(ctx.db, incident.id, tr.UNFINISHED_TRIP),
    tr.vehiclesOf(ctx.db, incident.id),
    tr.busyVehicles(ctx.db, incident.id),
    tr.pointsOf(ctx.db, incident.id),
    tr.bedsTaken(ctx.db, incident.id),
    tr.statusCounts(ctx.db, incident.id),
  ]);
  const groups = new Map<string, NightBoard['waiting'][number]>();
  const sees = (p: tr.PersonRow) => canManageTransfers(actor, { regionCode: incident.region_code }) || canAddTransferPerson(actor, p.region_code);
  for (const p of waiting) {
    const key = `${p.category}|${p.pickup}`;
    const g = groups.get(key) ?? { pickup: p.pickup, regionCode: p.region_code, category: p.category as TransferCategory, count: 0, since: p.created_at.toISOString(), people: [] };
    g.count++;
    const shown = presentPerson(p, sees(p));
    g.people.push({ id: shown.id, name: shown.name, phone: shown.phone });
    groups.set(key, g);
  }
  return {
    at: ctx.clock.now().toISOString(),
    totals: { waiting: counts.waiting ?? 0, assigned: counts.assigned ?? 0, onBoard: counts.picked_up ?? 0, arrived: counts.arrived ?? 0 },
    waiting: [...groups.values()].sort((a, b) => a.since.localeCompare(b.since) || b.count - a.count),
    trips: await tripViews(ctx, inv, incident, trips),
    vehicles: vehicles.map((v) => presentVehicle(v, busy.get(v.id) ?? null)),
    points: points.map((p) => presentPoint(p, taken.get(p.id) ?? 0)),
  };
}
