import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type {
  HospitalTransfersTable,
  StationAlertsTable,
  StationReadingsTable,
  StationRoomsTable,
  StationStaysTable,
  StationsTable,
} from './tables.js';

/** Queries of health stations, their rooms, stays, readings, alerts and hospital transfers. */

export type StationRow = Selectable<StationsTable>;
export type RoomRow = Selectable<StationRoomsTable>;
export type StayRow = Selectable<StationStaysTable>;
export type ReadingRow = Selectable<StationReadingsTable>;
export type AlertRow = Selectable<StationAlertsTable>;
export type HospitalTransferRow = Selectable<HospitalTransfersTable>;

export async function findStation(db: Executor, id: string): Promise<StationRow | undefined> {
  return db.selectFrom('emergency_stations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockStation(db: Executor, id: string): Promise<StationRow | undefined> {
  return db.selectFrom('emergency_stations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function stationsOf(db: Executor, incidentId: string): Promise<StationRow[]> {
  return db.selectFrom('emergency_stations').selectAll().where('incident_id', '=', incidentId).orderBy('district_code').orderBy('name').execute();
}

export interface Occupancy {
  rooms: number;
  beds: number;
  occupied: number;
  free: number;
  waiting: number;
}

/** Rooms, beds, occupied beds and waiting applications per station. */
export async function occupancy(db: Executor, stationIds: string[]): Promise<Map<string, Occupancy>> {
  const out = new Map<string, Occupancy>(stationIds.map((id) => [id, { rooms: 0, beds: 0, occupied: 0, free: 0, waiting: 0 }]));
  if (stationIds.length === 0) return out;
  const rooms = await db
    .selectFrom('emergency_station_rooms')
    .select(['station_id', (eb) => eb.fn.countAll<number>().as('rooms'), (eb) => eb.fn.sum<number>('beds').as('beds')])
    .where('station_id', 'in', stationIds)
    .groupBy('station_id')
    .execute();
  const stays = await db
    .selectFrom('emergency_station_stays')
    .select([
      'station_id',
      (eb) => eb.fn.count<number>('id').filterWhere('status', '=', 'admitted').as('occupied'),
      (eb) => eb.fn.count<number>('id').filterWhere('status', '=', 'applied').as('waiting'),
    ])
    .where('station_id', 'in', stationIds)
    .where('status', 'in', ['admitted', 'applied'])
    .groupBy('station_id')
    .execute();
  for (const r of rooms) Object.assign(out.get(r.station_id)!, { rooms: r.rooms, beds: Number(r.beds) });
  for (const s of stays) Object.assign(out.get(s.station_id)!, { occupied: s.occupied, waiting: s.waiting });
  for (const o of out.values()) o.free = Math.max(0, o.beds - o.occupied);
  return out;
}

/** Each room of the station with its occupied beds. */
export async function roomsWithOccupancy(db: Executor, stationId: string) {
  return db
    .selectFrom('emergency_station_rooms as r')
    .leftJoin('emergency_station_stays as s', (j) => j.onRef('s.room_id', '=', 'r.id').on('s.status', '=', 'admitted'))
    .select(['r.id', 'r.number', 'r.beds', (eb) => eb.fn.count<number>('s.id').as('occupied')])
    .where('r.station_id', '=', stationId)
    .groupBy(['r.id', 'r.number', 'r.beds'])
    .orderBy(sql`length(r.number)`)
    .orderBy('r.number')
    .execute();
}

export async function staffOf(db: Executor, stationId: string) {
  return db
    .selectFrom('emergency_station_staff as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.name', 'u.phone'])
    .where('s.station_id', '=', stationId)
    .orderBy('s.assigned_at')
    .execute();
}

export async function findStay(db: Executor, id: string): Promise<StayRow | undefined> {
  return db.selectFrom('emergency_station_stays').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockStay(db: Executor, id: string): Promise<StayRow | undefined> {
  return db.selectFrom('emergency_station_stays').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function staysOf(db: Executor, f: { stationId?: string; applicantId?: string; status?: string }): Promise<StayRow[]> {
  let q = db.selectFrom('emergency_station_stays').selectAll();
  if (f.stationId) q = q.where('station_id', '=', f.stationId);
  if (f.applicantId) q = q.where('applicant_user_id', '=', f.applicantId);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('applied_at', 'desc').limit(1000).execute();
}

export async function readingsOf(db: Executor, stayId: string, limit: number): Promise<ReadingRow[]> {
  const rows = await db.selectFrom('emergency_station_readings').selectAll().where('stay_id', '=', stayId).orderBy('taken_at', 'desc').orderBy('seq', 'desc').limit(limit).execute();
  return rows.reverse();
}

/** The newest reading time of each stay. */
export async function lastReadingAt(db: Executor, stayIds: string[]): Promise<Map<string, Date>> {
  if (stayIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('emergency_station_readings')
    .select(['stay_id', (eb) => eb.fn.max('taken_at').as('last')])
    .where('stay_id', 'in', stayIds)
    .groupBy('stay_id')
    .execute();
  return new Map(rows.map((r) => [r.stay_id, r.last as Date]));
}

export async function alertsOf(db: Executor, f: { stayId?: string; stationIds?: string[]; status?: string }): Promise<(AlertRow & { resident_name: string })[]> {
  let q = db.selectFrom('emergency_station_alerts as a').innerJoin('emergency_station_stays as s', 's.id', 'a.stay_id').selectAll('a').select('s.name as resident_name');
  if (f.stayId) q = q.where('a.stay_id', '=', f.stayId);
  if (f.stationIds) q = f.stationIds.length ? q.where('a.station_id', 'in', f.stationIds) : q.where(sql<boolean>`false`);
  if (f.status) q = q.where('a.status', '=', f.status);
  return q.orderBy('a.raised_at', 'desc').limit(500).execute();
}

export async function openAlertRules(db: Executor, stayId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('emergency_station_alerts').select('rule').where('stay_id', '=', stayId).where('status', 'in', ['open', 'escalated']).execute();
  return new Set(rows.map((r) => r.rule));
}

export async function hospitalTransfersOf(db: Executor, stayIds: string[]): Promise<HospitalTransferRow[]> {
  if (stayIds.length === 0) return [];
  return db.selectFrom('emergency_hospital_transfers').selectAll().where('stay_id', 'in', stayIds).orderBy('requested_at').execute();
}

export async function openHospitalTransfer(db: Executor, stayId: string): Promise<HospitalTransferRow | undefined> {
  return db.selectFrom('emergency_hospital_transfers').selectAll().where('stay_id', '=', stayId).where('status', '<>', 'arrived').executeTakeFirst();
}
