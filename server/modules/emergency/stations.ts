import type { Static } from '@sinclair/typebox';
import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize, grantsOf } from '../../platform/policy.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { loadActor } from '../people/actor.js';
import { requireRegion } from '../regions/service.js';
import { regionLevel, regionPrefix } from '../../../common/regions.js';
import { canCareAt, canManageStations, noInvolvement } from './policy.js';
import { assertActive, clean, cleanOptional, incidentFacts, isUniqueViolation, pointOf, regionNames, requireActor, requireIncident } from './access.js';
import { incidentTopic } from './incidents.js';
import { nextCheckDue, presentStation, presentStationDetail } from './presenter-stations.js';
import * as repo from './repo.js';
import * as st from './repo-stations.js';
import type { AddRoomsBody, CreateStationBody, Dashboard, StationDetail, UpdateStationBody } from './schema-stations.js';

/**
 * The registry of health stations (seed 001: six hotels, one per district,
 * each with its phone), their rooms, price per day, services, open or
 * closed, the medics who staff them, and the occupancy dashboard. The list
 * is public: people choose a station and call it.
 */

export const stationTopic = (stationId: string) => `emergency:station:${stationId}`;

export async function requireStation(ctx: ServiceContext, id: string) {
  const station = await st.findStation(ctx.db, id);
  if (!station) throw notFound('emergency.station_not_found');
  const incident = await requireIncident(ctx.db, station.incident_id);
  const inv = ctx.actor ? await repo.involvementOf(ctx.db, ctx.actor, incident.id) : null;
  const care = !!inv && canCareAt(inv, { regionCode: incident.region_code }, station.id);
  return { station, incident, inv, care, manage: canManageStations(ctx.actor, { regionCode: incident.region_code }) };
}

/** `POST /emergency/incidents/:id/stations` */
export async function createStation(ctx: ServiceContext, incidentId: string, input: CreateStationBody): Promise<StationDetail> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  authorize(canManageStations(actor, { regionCode: incident.region_code }));
  assertActive(incident, ctx.clock.now());
  const district = await requireRegion(ctx.db, input.districtCode, 'districtCode');
  if (regionLevel(district.code) !== 'county' || !district.code.startsWith(regionPrefix(incident.region_code))) {
    throw badRequest('emergency.region_outside_incident', 'districtCode');
  }
  const location = pointOf(input);
  const now = ctx.clock.now();
  const rooms = input.rooms ?? [];
  if (new Set(rooms.map((r) => r.number.trim())).size !== rooms.length) throw badRequest('emergency.duplicate_ids', 'rooms');
  try {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('emergency_stations')
        .values({
          incident_id: incident.id,
          name: clean(input.name, 'name'),
          district_code: district.code,
          address: cleanOptional(input.address, 'address'),
          phone: input.phone,
          lat: location?.lat ?? null,
          lng: location?.lng ?? null,
          price_per_day_fen: input.pricePerDayFen,
          services: JSON.stringify((input.services ?? []).map((s) => clean(s, 'services'))),
          open: input.open ?? true,
          hospital_name: clean(input.hospitalName, 'hospitalName'),
          created_by: actor.userId,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (rooms.length > 0) await trx.insertInto('emergency_station_rooms').values(rooms.map((r) => ({ station_id: row.id, number: clean(r.number, 'rooms'), beds: r.beds }))).execute();
      await audit(trx, ctx, {
        action: 'emergency.station.create',
        targetType: 'emergency_station',
        targetId: row.id,
        after: { name: input.name, districtCode: district.code, rooms: rooms.length, pricePerDayFen: input.pricePerDayFen },
      });
      await publishLive(trx, { topic: incidentTopic(incident.id), type: 'station', data: { stationId: row.id } });
      return row.id;
    });
    return getStation(ctx, id);
  } catch (e) {
    if (isUniqueViolation(e, 'emergency_stations_name_idx')) throw conflict('emergency.station_exists', 'name');
    throw e;
  }
}

/** `PATCH /emergency/stations/:id` — open or close, price, services, phone, hospital. */
export async function updateStation(ctx: ServiceContext, id: string, input: UpdateStationBody): Promise<StationDetail> {
  requireActor(ctx);
  const { station, manage } = await requireStation(ctx, id);
  authorize(manage);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('emergency_stations')
      .set({
        ...(input.open !== undefined ? { open: input.open } : {}),
        ...(input.pricePerDayFen !== undefined ? { price_per_day_fen: input.pricePerDayFen } : {}),
        ...(input.services !== undefined ? { services: JSON.stringify(input.services.map((s) => clean(s, 'services'))) } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.hospitalName !== undefined ? { hospital_name: clean(input.hospitalName, 'hospitalName') } : {}),
        updated_at: now,
      })
      .where('id', '=', station.id)
      .execute();
    await audit(trx, ctx, {
      action: 'emergency.station.update',
      targetType: 'emergency_station',
      targetId: station.id,
      before: { open: station.open, pricePerDayFen: station.price_per_day_fen },
      after: input,
    });
    await publishLive(trx, { topic: stationTopic(station.id), type: 'station', data: { stationId: station.id } });
  });
  return getStation(ctx, station.id);
}

/** `POST /emergency/stations/:id/rooms` */
export async function addRooms(ctx: ServiceContext, id: string, input: Static<typeof AddRoomsBody>): Promise<StationDetail> {
  requireActor(ctx);
  const { station, manage } = await requireStation(ctx, id);
  authorize(manage);
  const numbers = input.rooms.map((r) => clean(r.number, 'rooms'));
  if (new Set(numbers).size !== numbers.length) throw badRequest('emergency.duplicate_ids', 'rooms');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('emergency_station_rooms').values(input.rooms.map((r, i) => ({ station_id: station.id, number: numbers[i]!, beds: r.beds }))).execute();
      await audit(trx, ctx, { action: 'emergency.station.rooms', targetType: 'emergency_station', targetId: station.id, after: { added: numbers } });
      await publishLive(trx, { topic: stationTopic(station.id), type: 'station', data: { stationId: station.id } });
    });
  } catch (e) {
    if (isUniqueViolation(e, 'emergency_station_rooms_number_idx')) throw conflict('emergency.room_exists', 'rooms');
    throw e;
  }
  return getStation(ctx, station.id);
}

/** `PUT /emergency/stations/:id/staff/:userId` — a medic joins the station's staff. */
export async function assignStaff(ctx: ServiceContext, id: string, userId: string): Promise<StationDetail> {
  const actor = requireActor(ctx);
  const { station, manage } = await requireStation(ctx, id);
  authorize(manage);
  const person = await loadActor(ctx.db, userId, null);
  if (!person) throw badRequest('emergency.person_not_found', 'userId');
  if (grantsOf(person, ['medic']).length === 0) throw badRequest('emergency.capacity_mismatch', 'userId');
  await ctx.db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('emergency_station_staff')
      .values({ station_id: station.id, user_id: userId, assigned_by: actor.userId, assigned_at: ctx.clock.now() })
      .onConflict((oc) => oc.columns(['station_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (added) await audit(trx, ctx, { action: 'emergency.station.staff_add', targetType: 'emergency_station', targetId: station.id, after: { userId } });
  });
  return getStation(ctx, station.id);
}

/** `DELETE /emergency/stations/:id/staff/:userId` */
export async function removeStaff(ctx: ServiceContext, id: string, userId: string): Promise<StationDetail> {
  requireActor(ctx);
  const { station, manage } = await requireStation(ctx, id);
  authorize(manage);
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('emergency_station_staff').where('station_id', '=', station.id).where('user_id', '=', userId).returning('user_id').executeTakeFirst();
    if (!removed) throw notFound('emergency.not_member', 'userId');
    await audit(trx, ctx, { action: 'emergency.station.staff_remove', targetType: 'emergency_station', targetId: station.id, before: { userId } });
  });
  return getStation(ctx, station.id);
}

/** `GET /emergency/incidents/:id/stations` (public) */
export async function listStations(ctx: ServiceContext, incidentId: string) {
  const incident = await requireIncident(ctx.db, incidentId);
  const stations = await st.stationsOf(ctx.db, incident.id);
  const [occ, names, inv] = await Promise.all([
    st.occupancy(ctx.db, stations.map((s) => s.id)),
    regionNames(ctx.db, stations.map((s) => s.district_code)),
    ctx.actor ? repo.involvementOf(ctx.db, ctx.actor, incident.id) : Promise.resolve(null),
  ]);
  const manage = canManageStations(ctx.actor, { regionCode: incident.region_code });
  return {
    items: stations.map((s) =>
      presentStation(s, names.get(s.district_code) ?? s.district_code, occ.get(s.id)!, {
        manage,
        care: !!inv && canCareAt(inv, { regionCode: incident.region_code }, s.id),
      }),
    ),
  };
}

/** `GET /emergency/stations/:id` (public; rooms and staff for the staff and commanders) */
export async function getStation(ctx: ServiceContext, id: string): Promise<StationDetail> {
  const { station, care, manage } = await requireStation(ctx, id);
  const [occ, names] = await Promise.all([st.occupancy(ctx.db, [station.id]), regionNames(ctx.db, [station.district_code])]);
  const view = presentStation(station, names.get(station.district_code) ?? station.district_code, occ.get(station.id)!, { manage, care });
  const inside = care || manage;
  return presentStationDetail(view, inside ? await st.roomsWithOccupancy(ctx.db, station.id) : null, inside ? await st.staffOf(ctx.db, station.id) : null, inside);
}

/** `GET /emergency/incidents/:id/stations/dashboard` — occupancy per station and district (commanders, station staff). */
export async function stationDashboard(ctx: ServiceContext, incidentId: string): Promise<Dashboard> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const inv = await repo.involvementOf(ctx.db, actor, incident.id);
  const facts = incidentFacts(incident, ctx.clock.now());
  let stations = await st.stationsOf(ctx.db, incident.id);
  if (!canManageStations(actor, facts)) stations = stations.filter((s) => canCareAt(inv ?? noInvolvement(actor), facts, s.id));
  authorize(stations.length > 0 || canManageStations(actor, facts));
  const ids = stations.map((s) => s.id);
  const now = ctx.clock.now();
  const [occ, names, alerts, admitted] = await Promise.all([
    st.occupancy(ctx.db, ids),
    regionNames(ctx.db, stations.map((s) => s.district_code)),
    st.alertsOf(ctx.db, { stationIds: ids, status: 'open' }),
    ids.length ? ctx.db.selectFrom('emergency_station_stays').selectAll().where('station_id', 'in', ids).where('status', '=', 'admitted').execute() : Promise.resolve([]),
  ]);
  const last = await st.lastReadingAt(ctx.db, admitted.map((s) => s.id));
  const transfers = (await st.hospitalTransfersOf(ctx.db, admitted.map((s) => s.id))).filter((h) => h.status !== 'arrived');
  const empty = () => ({ rooms: 0, beds: 0, occupied: 0, free: 0, waiting: 0 });
  const add = (a: st.Occupancy, b: st.Occupancy) => ({ rooms: a.rooms + b.rooms, beds: a.beds + b.beds, occupied: a.occupied + b.occupied, free: a.free + b.free, waiting: a.waiting + b.waiting });
  const districts = new Map<string, Dashboard['districts'][number]>();
  let totals = empty();
  const rows = stations.map((s) => {
    const o = occ.get(s.id)!;
    const mine = admitted.filter((a) => a.station_id === s.id);
    const d = districts.get(s.district_code) ?? { districtCode: s.district_code, districtName: names.get(s.district_code) ?? s.district_code, stations: 0, occupancy: empty() };
    districts.set(s.district_code, { ...d, stations: d.stations + 1, occupancy: add(d.occupancy, o) });
    totals = add(totals, o);
    return {
      id: s.id,
      name: s.name,
      districtCode: s.district_code,
      open: s.open,
      occupancy: o,
      riskGroup: mine.filter((a) => a.risk_groups.length > 0).length,
      openAlerts: alerts.filter((a) => a.station_id === s.id).length,
      hospitalTransfers: transfers.filter((h) => mine.some((a) => a.id === h.stay_id)).length,
      checksOverdue: mine.filter((a) => (nextCheckDue(a, last.get(a.id)) ?? now) < now).length,
    };
  });
  return { at: now.toISOString(), stations: rows, districts: [...districts.values()], totals };
}

