import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { assessEligibility } from '../../../common/emergency/eligibility.js';
import { haversineMeters } from '../../../common/emergency/geo.js';
import { STAY_STATUS_LABELS } from '../../../common/emergency/labels.js';
import { labelOf } from '../../../common/labels.js';
import type { MessageKey } from '../../../common/i18n/server-messages.js';
import { canApplyToStation } from './policy.js';
import { assertActive, clean, cleanOptional, incidentFacts, requireActor } from './access.js';
import { requireStation, stationTopic } from './stations.js';
import { presentAlert, presentReading, presentStay, presentStayDetail } from './presenter-stations.js';
import * as repo from './repo.js';
import * as st from './repo-stations.js';
import type { ApplyBody, StayDetail, StayView } from './schema-stations.js';

/**
 * Applications to health stations and the stays that follow: eligibility by
 * the rules of seed 001 (common/emergency/eligibility.ts), admission into a
 * room (a full station points to the next one with space), decline,
 * withdrawal, discharge. Monitoring is in station-care.ts.
 */

const READINGS_SHOWN = 60;

function transitionError(ctx: ServiceContext, status: string): AppError {
  return conflict('emergency.stay_transition', 'status', { status: labelOf(STAY_STATUS_LABELS, status as keyof typeof STAY_STATUS_LABELS, ctx.lang) });
}

/** The stay with the caller's relation to it; 404 for anyone but the applicant and the station's carers. */
export async function requireStay(ctx: ServiceContext, id: string) {
  const actor = requireActor(ctx);
  const stay = await st.findStay(ctx.db, id);
  if (!stay) throw notFound('emergency.stay_not_found');
  const { station, incident, care } = await requireStation(ctx, stay.station_id);
  const applicant = stay.applicant_user_id === actor.userId;
  if (!care && !applicant) throw notFound('emergency.stay_not_found');
  return { actor, stay, station, incident, care, applicant };
}

async function stayView(ctx: ServiceContext, stayId: string): Promise<StayView> {
  const { stay, station, care, applicant } = await requireStay(ctx, stayId);
  const room = stay.room_id ? ((await ctx.db.selectFrom('emergency_station_rooms').select(['id', 'number']).where('id', '=', stay.room_id).executeTakeFirst()) ?? null) : null;
  const last = await st.lastReadingAt(ctx.db, [stay.id]);
  return presentStay(stay, station, room, last.get(stay.id), { staff: care, applicant });
}

/** `GET /emergency/stays/:id` — with readings, alerts and hospital transfers. */
export async function getStay(ctx: ServiceContext, stayId: string): Promise<StayDetail> {
  const view = await stayView(ctx, stayId);
  const [readings, alerts, transfers] = await Promise.all([
    st.readingsOf(ctx.db, stayId, READINGS_SHOWN),
    st.alertsOf(ctx.db, { stayId }),
    st.hospitalTransfersOf(ctx.db, [stayId]),
  ]);
  const people = await repo.peopleByIds(ctx.db, readings.map((r) => r.recorded_by));
  return presentStayDetail(
    view,
    readings.map((r) => presentReading(r, people.get(r.recorded_by)?.name ?? '')),
    alerts.map((a) => presentAlert(a, a.resident_name)),
    transfers,
  );
}

/** `POST /emergency/incidents/:id/stations/applications` — voluntary, self-paid, for asymptomatic or mild cases. */
export async function applyToStation(ctx: ServiceContext, incidentId: string, input: ApplyBody): Promise<StayDetail> {
  const actor = requireActor(ctx);
  const { station, incident } = await requireStation(ctx, input.stationId).catch((e) => {
    if (e instanceof AppError && e.status === 404) throw badRequest('emergency.station_not_found', 'stationId');
    throw e;
  });
  if (incident.id !== incidentId) throw badRequest('emergency.station_not_found', 'stationId');
  const now = ctx.clock.now();
  authorize(canApplyToStation(actor, incidentFacts(incident, now)));
  assertActive(incident, now);
  if (!station.open) throw conflict('emergency.station_closed', 'stationId');
  const name = clean(input.name, 'name');
  const verdict = assessEligibility({
    condition: input.condition,
    reasons: input.reasons,
    informed: input.informed,
    voluntary: input.voluntary,
    selfPaid: input.selfPaid,
    age: input.age,
    hasUnderlyingCondition: input.hasUnderlyingCondition ?? false,
    pregnant: input.pregnant ?? false,
  });
  const problem = verdict.problems[0];
  if (problem) throw badRequest(`emergency.eligibility.${problem.code}` as MessageKey, problem.field);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('emergency_station_stays')
      .values({
        incident_id: incident.id,
        station_id: station.id,
        room_id: null,
        applicant_user_id: actor.userId,
        name,
        phone: input.phone,
        age: input.age,
        condition: input.condition,
        reasons: JSON.stringify(input.reasons),
        risk_groups: JSON.stringify(verdict.riskGroups),
        pregnant: input.pregnant ?? false,
        underlying_condition: input.hasUnderlyingCondition ?? false,
        status: 'applied',
        applied_at: now,
        admitted_at: null,
        admitted_by: null,
        price_per_day_fen: null,
        ended_at: null,
        ended_by: null,
        end_note: null,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Health facts stay out of the log: only that an application was made, and its risk flag.
    await audit(trx, ctx, { action: 'emergency.stay.apply', targetType: 'emergency_stay', targetId: row.id, after: { stationId: station.id, riskGroup: verdict.riskGroups.length > 0 } });
    await publishLive(trx, { topic: stationTopic(station.id), type: 'stay', data: { stayId: row.id, status: 'applied' } });
    return row.id;
  });
  return getStay(ctx, id);
}

/** The next open station with a free bed: the same district first, then the nearest. */
async function nextWithSpace(db: Executor, station: st.StationRow) {
  const others = (await st.stationsOf(db, station.incident_id)).filter((s) => s.id !== station.id && s.open);
  const occ = await st.occupancy(db, others.map((s) => s.id));
  const far = (s: st.StationRow) =>
    station.lat !== null && station.lng !== null && s.lat !== null && s.lng !== null ? haversineMeters({ lat: station.lat, lng: station.lng }, { lat: s.lat, lng: s.lng }) : Infinity;
  return others
    .filter((s) => occ.get(s.id)!.free > 0)
    .sort((a, b) => Number(b.district_code === station.district_code) - Number(a.district_code === station.district_code) || far(a) - far(b) || a.name.localeCompare(b.name))[0];
}

/** `POST /emergency/stays/:id/admit` — into a room (chosen, or the first with a free bed), here or at the next station offered. */
export async function admit(ctx: ServiceContext, stayId: string, input: { roomId?: string; stationId?: string }): Promise<StayDetail> {
  const { actor, stay, incident, care } = await requireStay(ctx, stayId);
  const target = input.stationId && input.stationId !== stay.station_id ? await requireStation(ctx, input.stationId).catch(() => null) : null;
  if (input.stationId && input.stationId !== stay.station_id && (!target || target.incident.id !== incident.id)) throw badRequest('emergency.station_not_found', 'stationId');
  authorize(target ? target.care : care);
  const stationId = target?.station.id ?? stay.station_id;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = (await st.lockStay(trx, stay.id))!;
    if (current.status !== 'applied') throw transitionError(ctx, current.status);
    const station = (await st.lockStation(trx, stationId))!;
    if (!station.open) throw conflict('emergency.station_closed', 'stationId');
    const rooms = await st.roomsWithOccupancy(trx, station.id);
    let room = input.roomId ? rooms.find((r) => r.id === input.roomId) : rooms.find((r) => Number(r.occupied) < r.beds);
    if (input.roomId && !room) throw badRequest('emergency.room_not_found', 'roomId');
    if (room && Number(room.occupied) >= room.beds) throw conflict('emergency.room_full', 'roomId');
    if (!room) {
      const next = await nextWithSpace(trx, station);
      if (!next) throw conflict('emergency.all_stations_full', 'stationId');
      throw new AppError(409, 'station_full', 'emergency.station_full', 'stationId', { next: next.name }, { nextStationId: next.id, nextStationName: next.name, nextStationPhone: next.phone });
    }
    await trx
      .updateTable('emergency_station_stays')
      .set({ status: 'admitted', station_id: station.id, room_id: room.id, admitted_at: now, admitted_by: actor.userId, price_per_day_fen: station.price_per_day_fen, updated_at: now })
      .where('id', '=', stay.id)
      .execute();
    await audit(trx, ctx, {
      action: 'emergency.stay.admit',
      targetType: 'emergency_stay',
      targetId: stay.id,
      before: { status: 'applied', stationId: stay.station_id },
      after: { status: 'admitted', stationId: station.id, roomId: room.id, pricePerDayFen: station.price_per_day_fen },
    });
    await publishLive(trx, { topic: stationTopic(station.id), type: 'stay', data: { stayId: stay.id, status: 'admitted' } });
  });
  return getStay(ctx, stay.id);
}

async function endStay(ctx: ServiceContext, stayId: string, to: 'declined' | 'withdrawn' | 'discharged', note: string | null): Promise<StayDetail> {
  const { actor, stay, care, applicant } = await requireStay(ctx, stayId);
  authorize(to === 'withdrawn' ? applicant : care);
  const from = to === 'discharged' ? 'admitted' : 'applied';
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = (await st.lockStay(trx, stay.id))!;
    if (current.status !== from) throw transitionError(ctx, current.status);
    await trx.updateTable('emergency_station_stays').set({ status: to, ended_at: now, ended_by: actor.userId, end_note: note, updated_at: now }).where('id', '=', stay.id).execute();
    await audit(trx, ctx, { action: `emergency.stay.${to}`, targetType: 'emergency_stay', targetId: stay.id, before: { status: from }, after: { status: to } });
    await publishLive(trx, { topic: stationTopic(stay.station_id), type: 'stay', data: { stayId: stay.id, status: to } });
  });
  return getStay(ctx, stay.id);
}

export const declineStay = (ctx: ServiceContext, id: string, reason: string) => endStay(ctx, id, 'declined', clean(reason, 'reason'));
export const withdrawStay = (ctx: ServiceContext, id: string) => endStay(ctx, id, 'withdrawn', null);
export const dischargeStay = (ctx: ServiceContext, id: string, note?: string | null) => endStay(ctx, id, 'discharged', cleanOptional(note, 'note'));

/** `GET /emergency/stations/:id/stays` — the station's applications and residents, next check due first. */
export async function stationStays(ctx: ServiceContext, stationId: string, input: { status?: string }) {
  requireActor(ctx);
  const { station, care } = await requireStation(ctx, stationId);
  authorize(care);
  const stays = await st.staysOf(ctx.db, { stationId: station.id, status: input.status });
  const last = await st.lastReadingAt(ctx.db, stays.map((s) => s.id));
  const rooms = new Map((await st.roomsWithOccupancy(ctx.db, station.id)).map((r) => [r.id, r]));
  const items = stays.map((s) => presentStay(s, station, s.room_id ? (rooms.get(s.room_id) ?? null) : null, last.get(s.id), { staff: true, applicant: false }));
  // Residents whose check is due soonest first; applications (no check yet) after them.
  items.sort((a, b) => (a.nextCheckDueAt ?? '9').localeCompare(b.nextCheckDueAt ?? '9'));
  return { items };
}

/** `GET /emergency/stays/mine` — my applications and stays. */
export async function myStays(ctx: ServiceContext) {
  const actor = requireActor(ctx);
  const stays = await st.staysOf(ctx.db, { applicantId: actor.userId });
  const items = [];
  for (const s of stays) items.push(await stayView(ctx, s.id));
  return { items };
}

