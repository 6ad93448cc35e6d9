import type { Tx } from '../../platform/db/database.js';
import { planTransfers } from '../../../common/emergency/transfer-planner.js';
import type { TransferCategory } from '../../../common/emergency/types.js';
import {
  DESIGNATED_HOSPITAL,
  DRIVERS,
  HETAI_CENTRE,
  HETAI_ZONES,
  ISOLATION_POINTS,
  QINGYUN_CENTRE,
  STATIONS,
  STATIONS_OPENED,
  STATION_SERVICES,
  TRANSFER_NIGHT,
  demoName,
} from './demo-data.js';

/**
 * The demo's health stations (the six hotels of seed 001, with residents,
 * checks, one open alert and one green-channel transfer) and a night of
 * transfers (10 drivers, 10 cars; most trips arrived, some on the road,
 * a few people still waiting on the night board). Bulk inserts in the
 * caller's transaction.
 */

const at = (iso: string) => new Date(iso);
const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
/** Share of beds taken at each station (by the order of STATIONS). */
const OCCUPANCY = [0.55, 0.8, 0.65, 0.45, 0.5, 0.3];

export async function seedCareDemo(trx: Tx, incidentId: string, adminId: string, staff: Map<string, string>, applicants: string[]): Promise<void> {
  await seedStations(trx, incidentId, adminId, staff, applicants);
  await seedTransfers(trx, incidentId, adminId);
}

async function seedStations(trx: Tx, incidentId: string, adminId: string, staff: Map<string, string>, applicants: string[]): Promise<void> {
  const opened = at(STATIONS_OPENED);
  const stations = await trx
    .insertInto('emergency_stations')
    .values(
      STATIONS.map((s) => ({
        incident_id: incidentId,
        name: s.name,
        district_code: s.district,
        address: null,
        phone: s.phone,
        lat: s.lat,
        lng: s.lng,
        price_per_day_fen: s.price,
        services: JSON.stringify(STATION_SERVICES),
        open: true,
        hospital_name: DESIGNATED_HOSPITAL,
        created_by: adminId,
        created_at: opened,
        updated_at: opened,
      })),
    )
    .returning(['id', 'name'])
    .execute();
  const chen = staff.get('13807330013');
  const wu = staff.get('13807330017');
  const staffRows = [
    ...(chen ? [stations[1]!, stations[2]!].map((s) => ({ station_id: s.id, user_id: chen, assigned_by: adminId, assigned_at: opened })) : []),
    ...(wu ? [{ station_id: stations[0]!.id, user_id: wu, assigned_by: adminId, assigned_at: opened }] : []),
  ];
  if (staffRows.length) await trx.insertInto('emergency_station_staff').values(staffRows).execute();

  let person = 0;
  for (const [k, s] of STATIONS.entries()) {
    const stationId = stations[k]!.id;
    const rooms = await trx
      .insertInto('emergency_station_rooms')
      .values(Array.from({ length: s.rooms }, (_, i) => ({ station_id: stationId, number: `${2 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`, beds: i % 4 === 3 ? 2 : 1 })))
      .returning(['id', 'beds'])
      .execute();
    const beds = rooms.flatMap((r) => Array.from({ length: r.beds }, () => r.id));
    const taken = Math.round(beds.length * OCCUPANCY[k]!);
    const stays = Array.from({ length: taken + 2 }, (_, i) => {
      const n = person++;
      const admitted = i < taken;
      const age = [34, 45, 67, 72, 29, 52, 81, 38, 2, 63][n % 10]!;
      const underlying = age >= 60 && n % 2 === 0;
      const pregnant = age === 29 && n % 3 === 0;
      const riskGroups = [...(age >= 60 && underlying ? ['elderly_with_conditions'] : []), ...(age < 3 ? ['infant'] : []), ...(pregnant ? ['pregnant'] : [])];
      const applied = addMinutes(opened, 60 + n * 7);
      return {
        incident_id: incidentId,
        station_id: stationId,
        room_id: admitted ? beds[i]! : null,
        applicant_user_id: applicants[n % applicants.length]!,
        name: demoName(n),
        phone: `1390733${String(6000 + n).padStart(4, '0')}`,
        age,
        condition: n % 3 === 0 ? 'asymptomatic' : 'mild',
        reasons: JSON.stringify([['no_home_isolation', 'fear_infecting_family', 'no_caregiver'][n % 3]]),
        risk_groups: JSON.stringify(riskGroups),
        pregnant,
        underlying_condition: underlying,
        status: admitted ? 'admitted' : 'applied',
        applied_at: applied,
        admitted_at: admitted ? addMinutes(applied, 90) : null,
        admitted_by: admitted ? adminId : null,
        price_per_day_fen: admitted ? s.price : null,
        ended_at: null,
        ended_by: null,
        end_note: null,
        updated_at: applied,
      };
    });
    const inserted = await trx.insertInto('emergency_station_stays').values(stays).returning(['id', 'status', 'admitted_at']).execute();
    const admittedStays = inserted.filter((x) => x.status === 'admitted');
    const readings = admittedStays.flatMap((x, i) =>
      [0, 1].map((d) => ({
        stay_id: x.id,
        taken_at: addMinutes(x.admitted_at!, 60 + d * 12 * 60),
        temperature: [36.6, 37.2, 37.8, 36.9][(i + d) % 4]!,
        spo2: [98, 97, 96, 99][(i + d) % 4]!,
        systolic: 118 + ((i * 7) % 25),
        diastolic: 74 + ((i * 3) % 12),
        heart_rate: 72 + ((i * 5) % 20),
        symptoms: JSON.stringify(i % 3 === 0 ? ['cough'] : ['sore_throat', 'fatigue'].slice(0, 1 + (i % 2))),
        note: null,
        recorded_by: chen ?? adminId,
      })),
    );
    if (readings.length) await trx.insertInto('emergency_station_readings').values(readings).execute();
    if (k === 1 && admittedStays[0]) await feverAlert(trx, stationId, admittedStays[0], chen ?? adminId);
    if (k === 2 && admittedStays[0]) await greenChannel(trx, stationId, admittedStays[0], chen ?? adminId);
  }
}

/** 万方酒店: three readings of 38.6 °C or more — a warning waiting for the medic. */
async function feverAlert(trx: Tx, stationId: string, stay: { id: string; admitted_at: Date | null }, medic: string): Promise<void> {
  const fevers = await trx
    .insertInto('emergency_station_readings')
    .values([38.6, 38.8, 38.9].map((t, i) => ({ stay_id: stay.id, taken_at: addMinutes(stay.admitted_at!, 30 * 60 + i * 240), temperature: t, spo2: 95, systolic: null, diastolic: null, heart_rate: 96, symptoms: JSON.stringify(['fever', 'cough']), note: null, recorded_by: medic })))
    .returning(['id', 'taken_at'])
    .execute();
  const last = fevers[fevers.length - 1]!;
  await trx
    .insertInto('emergency_station_alerts')
    .values({ stay_id: stay.id, station_id: stationId, rule: 'fever_persistent', severity: 'warning', reading_id: last.id, status: 'open', raised_at: last.taken_at, handled_by: null, handled_at: null, note: null })
    .execute();
}

/** 维也纳酒店: SpO2 91% — critical; the green channel took the resident to the designated hospital. */
async function greenChannel(trx: Tx, stationId: string, stay: { id: string; admitted_at: Date | null }, medic: string): Promise<void> {
  const when = addMinutes(stay.admitted_at!, 26 * 60);
  const reading = await trx
    .insertInto('emergency_station_readings')
    .values({ stay_id: stay.id, taken_at: when, temperature: 38.2, spo2: 91, systolic: 132, diastolic: 84, heart_rate: 108, symptoms: JSON.stringify(['dyspnea', 'cough']), note: '活动后气促', recorded_by: medic })
    .returning('id')
    .executeTakeFirstOrThrow();
  const alert = await trx
    .insertInto('emergency_station_alerts')
    .values({ stay_id: stay.id, station_id: stationId, rule: 'spo2_low', severity: 'critical', reading_id: reading.id, status: 'escalated', raised_at: when, handled_by: null, handled_at: when, note: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('emergency_hospital_transfers')
    .values({ stay_id: stay.id, alert_id: alert.id, hospital_name: DESIGNATED_HOSPITAL, reason: 'spo2_low', status: 'arrived', requested_by: medic, requested_at: when, dispatched_at: addMinutes(when, 8), arrived_at: addMinutes(when, 31) })
    .execute();
  await trx.updateTable('emergency_station_stays').set({ status: 'transferred', ended_at: addMinutes(when, 31), ended_by: medic, end_note: DESIGNATED_HOSPITAL, updated_at: addMinutes(when, 31) }).where('id', '=', stay.id).execute();
}

async function seedTransfers(trx: Tx, incidentId: string, adminId: string): Promise<void> {
  const night = at(TRANSFER_NIGHT);
  const points = await trx
    .insertInto('emergency_isolation_points')
    .values(ISOLATION_POINTS.map((p) => ({ ...p, incident_id: incidentId, address: null, categories: JSON.stringify(['positive', 'close_contact', 'secondary_contact']), created_by: adminId, created_at: night })))
    .returning(['id', 'lat', 'lng', 'capacity'])
    .execute();
  const vehicles = await trx
    .insertInto('emergency_vehicles')
    .values(DRIVERS.map((driver, i) => ({ incident_id: incidentId, plate: `湘B·Y${String(i + 1).padStart(4, '0')}`, capacity: i < 2 ? 10 : i < 8 ? 7 : 5, driver_name: driver, driver_phone: `1390733${String(7000 + i).padStart(4, '0')}`, driver_user_id: null, created_by: adminId, created_at: night })))
    .returning(['id', 'capacity'])
    .execute();
  const pickups = [
    ...HETAI_ZONES.map((z, i) => ({ pickup: `${z}集体宿舍`, region: '430202001001', lat: HETAI_CENTRE.lat + (i - 3) * 0.0012, lng: HETAI_CENTRE.lng + ((i % 3) - 1) * 0.0015 })),
    { pickup: '庆云山庄5栋', region: '430203005001', lat: QINGYUN_CENTRE.lat + 0.0013, lng: QINGYUN_CENTRE.lng + 0.0029 },
    { pickup: '枫溪花园3栋', region: '430203005002', lat: QINGYUN_CENTRE.lat - 0.005, lng: QINGYUN_CENTRE.lng + 0.007 },
  ];
  const people = Array.from({ length: 200 }, (_, n) => {
    const p = pickups[n % pickups.length]!;
    const category: TransferCategory = n % 3 === 0 ? 'positive' : 'close_contact';
    return {
      incident_id: incidentId,
      name: demoName(300 + n),
      phone: n % 4 === 0 ? null : `1390733${String(8000 + n).padStart(4, '0')}`,
      category,
      region_code: p.region,
      pickup: p.pickup,
      lat: p.lat,
      lng: p.lng,
      status: 'waiting',
      trip_id: null as string | null,
      note: null,
      created_by: adminId,
      created_at: addMinutes(night, n % 30),
      updated_at: addMinutes(night, n % 30),
    };
  });
  const ids = (await trx.insertInto('emergency_transfer_people').values(people).returning('id').execute()).map((r) => r.id);
  const waiting = new Map(ids.map((id, i) => [id, people[i]!]));
  const beds = new Map(points.map((p) => [p.id, p.capacity]));
  // Rounds of the night: two arrived, the third on the road with six cars, the rest still waiting.
  for (let round = 0; round < 3 && waiting.size > 0; round++) {
    const cars = round < 2 ? vehicles : vehicles.slice(0, 6);
    const plan = planTransfers(
      [...waiting].map(([id, p]) => ({ id, category: p.category, pickup: p.pickup, point: { lat: p.lat, lng: p.lng } })),
      cars.map((v) => ({ id: v.id, capacity: v.capacity })),
      points.map((p) => ({ id: p.id, point: { lat: p.lat, lng: p.lng }, remaining: beds.get(p.id)! })),
    );
    const start = addMinutes(night, 30 + round * 100);
    for (const [k, t] of plan.trips.entries()) {
      const status = round < 2 ? 'arrived' : k < 3 ? 'picked_up' : 'dispatched';
      const trip = await trx
        .insertInto('emergency_trips')
        .values({
          incident_id: incidentId,
          vehicle_id: t.vehicleId,
          point_id: t.destinationId,
          category: t.category,
          status,
          planned_by: adminId,
          planned_at: start,
          dispatched_at: addMinutes(start, 5),
          picked_up_at: status === 'dispatched' ? null : addMinutes(start, 35),
          arrived_at: status === 'arrived' ? addMinutes(start, 80) : null,
          cancelled_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const personStatus = status === 'arrived' ? 'arrived' : status === 'picked_up' ? 'picked_up' : 'assigned';
      await trx.updateTable('emergency_transfer_people').set({ status: personStatus, trip_id: trip.id, updated_at: addMinutes(start, 80) }).where('id', 'in', t.personIds).execute();
      await trx.insertInto('emergency_trip_people').values(t.personIds.map((person_id) => ({ trip_id: trip.id, person_id }))).execute();
      beds.set(t.destinationId, beds.get(t.destinationId)! - t.personIds.length);
      for (const id of t.personIds) waiting.delete(id);
    }
  }
}
