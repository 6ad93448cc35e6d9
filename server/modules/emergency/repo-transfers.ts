import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { IsolationPointsTable, TransferPeopleTable, TripsTable, VehiclesTable } from './tables.js';

/** Queries of isolation points, vehicles, people to move and trips. */

export type PointRow = Selectable<IsolationPointsTable>;
export type VehicleRow = Selectable<VehiclesTable>;
export type PersonRow = Selectable<TransferPeopleTable>;
export type TripRow = Selectable<TripsTable>;

export const UNFINISHED_TRIP: readonly string[] = ['planned', 'dispatched', 'picked_up'];

export async function pointsOf(db: Executor, incidentId: string): Promise<PointRow[]> {
  return db.selectFrom('emergency_isolation_points').selectAll().where('incident_id', '=', incidentId).orderBy('name').execute();
}

/** Beds taken per isolation point: people assigned to, riding to, or arrived at it. */
export async function bedsTaken(db: Executor, incidentId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('emergency_transfer_people as p')
    .innerJoin('emergency_trips as t', 't.id', 'p.trip_id')
    .select(['t.point_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.incident_id', '=', incidentId)
    .where('p.status', 'in', ['assigned', 'picked_up', 'arrived'])
    .groupBy('t.point_id')
    .execute();
  return new Map(rows.map((r) => [r.point_id, r.n]));
}

export async function vehiclesOf(db: Executor, incidentId: string): Promise<VehicleRow[]> {
  return db.selectFrom('emergency_vehicles').selectAll().where('incident_id', '=', incidentId).orderBy('plate').execute();
}

/** The unfinished trip of each busy vehicle. */
export async function busyVehicles(db: Executor, incidentId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('emergency_trips')
    .select(['vehicle_id', 'id'])
    .where('incident_id', '=', incidentId)
    .where('status', 'in', UNFINISHED_TRIP as string[])
    .execute();
  return new Map(rows.map((r) => [r.vehicle_id, r.id]));
}

export async function waitingPeople(db: Executor, incidentId: string): Promise<PersonRow[]> {
  return db.selectFrom('emergency_transfer_people').selectAll().where('incident_id', '=', incidentId).where('status', '=', 'waiting').orderBy('created_at').execute();
}

export async function peopleOnTrips(db: Executor, tripIds: string[]): Promise<PersonRow[]> {
  if (tripIds.length === 0) return [];
  return db
    .selectFrom('emergency_trip_people as tp')
    .innerJoin('emergency_transfer_people as p', 'p.id', 'tp.person_id')
    .selectAll('p')
    .select('tp.trip_id as on_trip')
    .where('tp.trip_id', 'in', tripIds)
    .orderBy('p.pickup')
    .orderBy('p.name')
    .execute() as unknown as Promise<(PersonRow & { on_trip: string })[]>;
}

export async function findTrip(db: Executor, id: string): Promise<TripRow | undefined> {
  return db.selectFrom('emergency_trips').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function tripsOf(db: Executor, incidentId: string, statuses: readonly string[]): Promise<TripRow[]> {
  return db
    .selectFrom('emergency_trips')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('status', 'in', statuses as string[])
    .orderBy('planned_at')
    .orderBy('id')
    .execute();
}

export async function statusCounts(db: Executor, incidentId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('emergency_transfer_people')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('incident_id', '=', incidentId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
