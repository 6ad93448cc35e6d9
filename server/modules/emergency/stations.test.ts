import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { AT, buildWorld, caller, openIncident, type World } from './test-world.js';

let t: TestApp;
let w: World;
let call: ReturnType<typeof caller>;
let incidentId: string;
let wanfang: string;
let vienna: string;

const station = (name: string, phone: string, rooms: { number: string; beds: number }[]) => ({
  name,
  districtCode: AT.lusong,
  phone,
  pricePerDayFen: 16800,
  services: ['管吃', '管住', '管药', '健康监测'],
  hospitalName: '株洲市中心医院',
  rooms,
});

const application = (stationId: string, extra: Record<string, unknown> = {}) => ({
  stationId,
  name: '谭秋菊',
  phone: '13907335601',
  age: 35,
  condition: 'mild',
  reasons: ['fear_infecting_family'],
  informed: true,
  voluntary: true,
  selfPaid: true,
  ...extra,
});

before(async () => {
  // Checks hours apart: sessions must outlive the moved clock.
  t = await createTestApp({ config: { sessionIdleMinutes: 7 * 24 * 60 } });
  w = await buildWorld(t);
  call = caller(t);
  ({ incidentId } = await openIncident(t, w));
});
after(() => t.close());

describe('the registry', () => {
  const url = () => `/api/emergency/incidents/${incidentId}/stations`;

  test('401, 403, 400 naming the field', async () => {
    const body = station('芦淞区万方酒店', '22128999', [{ number: '301', beds: 1 }]);
    assert.equal((await call(null, 'POST', url(), body)).status, 401);
    assert.equal((await call(w.people.cadre, 'POST', url(), body)).status, 403);
    assert.equal((await call(w.people.medic, 'POST', url(), body)).status, 403);
    assert.equal((await call(w.people.district, 'POST', url(), { ...body, districtCode: AT.hetang })).body.error.field, 'districtCode');
    assert.equal((await call(w.people.district, 'POST', url(), { ...body, phone: 'call us' })).body.error.field, 'phone');
    assert.equal((await call(w.people.district, 'POST', url(), { ...body, pricePerDayFen: -1 })).body.error.field, 'pricePerDayFen');
    const dupRooms = await call(w.people.district, 'POST', url(), { ...body, rooms: [{ number: '301', beds: 1 }, { number: '301', beds: 2 }] });
    assert.equal(dupRooms.body.error.field, 'rooms');
  });

  test('two hotels of seed 001 in 芦淞区; the list is public and shows free beds, not rooms or staff', async () => {
    const a = await call(w.people.district, 'POST', url(), station('芦淞区万方酒店', '22128999', [{ number: '301', beds: 1 }]));
    assert.equal(a.status, 201);
    wanfang = a.body.id;
    const b = await call(w.people.district, 'POST', url(), station('芦淞区维也纳国际酒店中心广场店', '28513888', [{ number: '501', beds: 2 }, { number: '502', beds: 1 }]));
    vienna = b.body.id;
    assert.equal((await call(w.people.district, 'POST', url(), station('芦淞区万方酒店', '22128999', []))).status, 409);
    const list = await call(null, 'GET', url());
    assert.equal(list.status, 200);
    const v = list.body.items.find((s: any) => s.id === vienna);
    assert.deepEqual(v.occupancy, { rooms: 2, beds: 3, occupied: 0, free: 3, waiting: 0 });
    assert.equal(v.districtName, '芦淞区');
    const detail = await call(w.people.resident, 'GET', `/api/emergency/stations/${vienna}`);
    assert.equal(detail.body.rooms, null);
    assert.equal(detail.body.staff, null);
  });

  test('medics join a station’s staff; others cannot', async () => {
    const res = await call(w.people.district, 'PUT', `/api/emergency/stations/${wanfang}/staff/${w.people.medic.userId}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.staff[0].name, '陈玲');
    assert.equal(res.body.abilities.manage, true);
    const wrong = await call(w.people.district, 'PUT', `/api/emergency/stations/${wanfang}/staff/${w.people.volunteer.userId}`);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.field, 'userId');
    const medicView = await call(w.people.medic, 'GET', `/api/emergency/stations/${wanfang}`);
    assert.equal(medicView.body.abilities.care, true);
    assert.equal(medicView.body.rooms.length, 1);
  });

  test('rooms are added by the commanders, numbers unique per station; staff can leave', async () => {
    const url = `/api/emergency/stations/${vienna}/rooms`;
    assert.equal((await call(w.people.medic, 'POST', url, { rooms: [{ number: '601', beds: 1 }] })).status, 403);
    assert.equal((await call(w.people.district, 'POST', url, { rooms: [{ number: '601', beds: 9 }] })).body.error.field, 'beds');
    assert.equal((await call(w.people.district, 'POST', url, { rooms: [{ number: '501', beds: 1 }] })).status, 409);
    const added = await call(w.people.district, 'POST', url, { rooms: [{ number: '601', beds: 1 }] });
    assert.equal(added.status, 201);
    assert.equal(added.body.occupancy.beds, 4);
    await call(w.people.district, 'PUT', `/api/emergency/stations/${vienna}/staff/${w.people.medic.userId}`);
    const left = await call(w.people.district, 'DELETE', `/api/emergency/stations/${vienna}/staff/${w.people.medic.userId}`);
    assert.equal(left.status, 200);
    assert.deepEqual(left.body.staff, []);
    assert.equal((await call(w.people.district, 'DELETE', `/api/emergency/stations/${vienna}/staff/${w.people.medic.userId}`)).status, 404);
  });
});

describe('applications: the eligibility of seed 001', () => {
  const url = () => `/api/emergency/incidents/${incidentId}/stations/applications`;

  test('each unmet rule is a 400 naming its field', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ condition: 'moderate' }, 'condition', /定点医院/],
      [{ reasons: [] }, 'reasons', /入住原因/],
      [{ informed: false }, 'informed', /知悉/],
      [{ voluntary: false }, 'voluntary', /自愿/],
      [{ selfPaid: false }, 'selfPaid', /自理/],
      [{ phone: '110' }, 'phone', /./],
      [{ reasons: ['boredom'] }, 'reasons', /./],
    ];
    for (const [extra, field, message] of cases) {
      const res = await call(w.people.resident, 'POST', url(), application(wanfang, extra));
      assert.equal(res.status, 400, field);
      assert.equal(res.body.error.field, field);
      assert.match(res.body.error.message, message);
    }
    assert.equal((await call(null, 'POST', url(), application(wanfang))).status, 401);
    const unknown = await call(w.people.resident, 'POST', url(), application('00000000-0000-4000-8000-000000000000'));
    assert.equal(unknown.body.error.field, 'stationId');
  });

  test('a closed station takes no applications', async () => {
    await call(w.people.district, 'PATCH', `/api/emergency/stations/${wanfang}`, { open: false });
    assert.equal((await call(w.people.resident, 'POST', url(), application(wanfang))).status, 409);
    await call(w.people.district, 'PATCH', `/api/emergency/stations/${wanfang}`, { open: true });
  });
});

describe('admission, monitoring, deterioration and the green channel', () => {
  let elderly: string;
  let young: string;
  let third: string;

  before(async () => {
    const url = `/api/emergency/incidents/${incidentId}/stations/applications`;
    const a = await call(w.people.resident, 'POST', url, application(wanfang, { name: '谭秋菊', age: 72, hasUnderlyingCondition: true }));
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.deepEqual(a.body.riskGroups, ['elderly_with_conditions']);
    assert.equal(a.body.monitoringHours, 6);
    elderly = a.body.id;
    young = (await call(w.people.resident2, 'POST', url, application(wanfang, { name: '易德明', reasons: ['no_home_isolation'] }))).body.id;
    third = (await call(w.people.neighbour, 'POST', url, application(vienna, { name: '罗玉兰', reasons: ['no_caregiver'] }))).body.id;
  });

  test('the medic admits into the free room; a full station names the next one with space', async () => {
    assert.equal((await call(w.people.volunteer, 'POST', `/api/emergency/stays/${elderly}/admit`, {})).status, 404);
    const admitted = await call(w.people.medic, 'POST', `/api/emergency/stays/${elderly}/admit`, {});
    assert.equal(admitted.status, 200);
    assert.equal(admitted.body.status, 'admitted');
    assert.equal(admitted.body.room.number, '301');
    assert.equal(admitted.body.pricePerDayFen, 16800);
    const full = await call(w.people.medic, 'POST', `/api/emergency/stays/${young}/admit`, {});
    assert.equal(full.status, 409);
    assert.equal(full.body.error.nextStationId, vienna);
    assert.match(full.body.error.message, /维也纳国际酒店中心广场店还有空房/);
    assert.equal((await call(w.people.medic, 'POST', `/api/emergency/stays/${young}/admit`, { stationId: vienna })).status, 403, 'not staff there');
    const unknownRoom = await call(w.people.district, 'POST', `/api/emergency/stays/${young}/admit`, { stationId: vienna, roomId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(unknownRoom.body.error.field, 'roomId');
    const moved = await call(w.people.district, 'POST', `/api/emergency/stays/${young}/admit`, { stationId: vienna });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.station.id, vienna);
    assert.equal((await call(w.people.district, 'POST', `/api/emergency/stays/${young}/admit`, {})).status, 409, 'already admitted');
    const room502 = (await call(w.people.district, 'GET', `/api/emergency/stations/${vienna}`)).body.rooms.find((r: any) => r.number === '502').id;
    assert.equal((await call(w.people.district, 'POST', `/api/emergency/stays/${third}/admit`, { roomId: room502 })).status, 200);
  });

  test('the applicant sees their stay; other residents do not', async () => {
    const mine = await call(w.people.resident, 'GET', '/api/emergency/stays/mine');
    assert.deepEqual(mine.body.items.map((s: any) => s.id), [elderly]);
    assert.equal((await call(w.people.resident2, 'GET', `/api/emergency/stays/${elderly}`)).status, 404);
  });

  test('readings: 400 for an empty or future check; a normal one raises nothing', async () => {
    const url = `/api/emergency/stays/${young}/readings`;
    assert.equal((await call(w.people.district, 'POST', url, {})).body.error.field, 'temperature');
    assert.equal((await call(w.people.district, 'POST', url, { temperature: 37, takenAt: '2027-01-01T00:00:00Z' })).body.error.field, 'takenAt');
    assert.equal((await call(w.people.district, 'POST', url, { temperature: 52 })).body.error.field, 'temperature');
    assert.equal((await call(w.people.district, 'POST', url, { systolic: 120 })).body.error.field, 'diastolic');
    const ok = await call(w.people.district, 'POST', url, { temperature: 37.1, spo2: 98, systolic: 122, diastolic: 78, symptoms: ['cough'] });
    assert.equal(ok.status, 201);
    assert.deepEqual(ok.body.alerts, []);
    assert.equal(ok.body.hospitalTransfer, null);
    assert.equal((await call(w.people.medic, 'POST', url, { temperature: 37 })).status, 404, 'another station’s resident');
  });

  test('fever ≥ 38.5 °C three readings in a row raises a warning; the medic escalates to the hospital', async () => {
    const url = `/api/emergency/stays/${young}/readings`;
    for (let i = 0; i < 2; i++) {
      t.clock.advance(3600_000);
      assert.deepEqual((await call(w.people.district, 'POST', url, { temperature: 38.7 })).body.alerts, []);
    }
    t.clock.advance(3600_000);
    const third = await call(w.people.district, 'POST', url, { temperature: 38.9 });
    assert.equal(third.body.alerts.length, 1);
    assert.equal(third.body.alerts[0].rule, 'fever_persistent');
    assert.equal(third.body.alerts[0].status, 'open');
    assert.equal(third.body.hospitalTransfer, null, 'a warning waits for the medic');
    t.clock.advance(3600_000);
    assert.deepEqual((await call(w.people.district, 'POST', url, { temperature: 39 })).body.alerts, [], 'no second alert while one is open');
    const alerts = await call(w.people.district, 'GET', `/api/emergency/stations/${vienna}/alerts?status=open`);
    const alertId = alerts.body.items[0].id;
    const escalated = await call(w.people.district, 'POST', `/api/emergency/alerts/${alertId}/escalate`, { note: '持续高热，转定点医院' });
    assert.equal(escalated.status, 200);
    assert.equal(escalated.body.hospitalName, '株洲市中心医院');
    assert.equal(escalated.body.status, 'requested');
    assert.equal((await call(w.people.district, 'POST', `/api/emergency/alerts/${alertId}/escalate`, {})).status, 409);
    const transferUrl = `/api/emergency/hospital-transfers/${escalated.body.id}/status`;
    assert.equal((await call(w.people.district, 'POST', transferUrl, { status: 'arrived' })).status, 409, 'dispatched first');
    assert.equal((await call(w.people.district, 'POST', transferUrl, { status: 'dispatched' })).body.status, 'dispatched');
    assert.equal((await call(w.people.district, 'POST', transferUrl, { status: 'arrived' })).body.status, 'arrived');
    const stay = await call(w.people.district, 'GET', `/api/emergency/stays/${young}`);
    assert.equal(stay.body.status, 'transferred');
    assert.equal(stay.body.hospitalTransfers.length, 1);
    assert.equal((await call(w.people.district, 'POST', url, { temperature: 37 })).status, 409, 'no readings after the stay ended');
  });

  test('the station’s list puts the resident whose check is due first on top; a warning can be dismissed', async () => {
    const list = await call(w.people.medic, 'GET', `/api/emergency/stations/${wanfang}/stays?status=admitted`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((s: any) => s.id), [elderly]);
    assert.ok(list.body.items[0].nextCheckDueAt);
    assert.equal((await call(w.people.volunteer, 'GET', `/api/emergency/stations/${wanfang}/stays`)).status, 403);
    const url = `/api/emergency/stays/${elderly}/readings`;
    await call(w.people.medic, 'POST', url, { systolic: 185, diastolic: 95 });
    const alert = (await call(w.people.medic, 'GET', `/api/emergency/stations/${wanfang}/alerts?status=open`)).body.items[0];
    assert.equal(alert.rule, 'blood_pressure_high');
    assert.equal((await call(w.people.medic, 'POST', `/api/emergency/alerts/${alert.id}/dismiss`, { reason: ' ' })).status, 400);
    const dismissed = await call(w.people.medic, 'POST', `/api/emergency/alerts/${alert.id}/dismiss`, { reason: '复测正常，已服降压药' });
    assert.equal(dismissed.body.status, 'dismissed');
    assert.equal((await call(w.people.medic, 'POST', `/api/emergency/alerts/${alert.id}/dismiss`, { reason: '再次' })).status, 409);
    assert.equal((await call(w.people.resident, 'POST', `/api/emergency/alerts/${alert.id}/dismiss`, { reason: 'x' })).status, 404);
  });

  test('SpO2 below 93% is critical: the alert and the green-channel transfer come at once', async () => {
    const res = await call(w.people.medic, 'POST', `/api/emergency/stays/${elderly}/readings`, { temperature: 37.8, spo2: 91, symptoms: ['dyspnea'] });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.alerts.map((a: any) => [a.rule, a.status]).sort(), [
      ['dyspnea', 'escalated'],
      ['spo2_low', 'escalated'],
    ]);
    assert.equal(res.body.hospitalTransfer.status, 'requested');
    const transfers = await t.db.selectFrom('emergency_hospital_transfers').select('id').execute();
    assert.equal(transfers.length, 2, 'one per stay, not one per alert');
    const audit = await t.db.selectFrom('audit_log').select('after').where('action', '=', 'emergency.stay.reading').where('target_id', '=', elderly).executeTakeFirstOrThrow();
    // Ids are random and may contain "91" by chance: check everything but them.
    const { readingId: _readingId, ...summary } = audit.after as Record<string, unknown>;
    assert.doesNotMatch(JSON.stringify(summary), /91|37\.8/, 'health values stay out of the log');
  });

  test('discharge frees the room; withdraw and decline end applications', async () => {
    assert.equal((await call(w.people.neighbour, 'POST', `/api/emergency/stays/${third}/discharge`, {})).status, 403);
    const out = await call(w.people.district, 'POST', `/api/emergency/stays/${third}/discharge`, { note: '转阴' });
    assert.equal(out.body.status, 'discharged');
    assert.equal((await call(w.people.district, 'POST', `/api/emergency/stays/${third}/discharge`, {})).status, 409);
    const url = `/api/emergency/incidents/${incidentId}/stations/applications`;
    const a = (await call(w.people.resident2, 'POST', url, application(vienna))).body.id;
    assert.equal((await call(w.people.resident2, 'POST', `/api/emergency/stays/${a}/withdraw`)).body.status, 'withdrawn');
    const b = (await call(w.people.resident2, 'POST', url, application(vienna))).body.id;
    assert.equal((await call(w.people.resident2, 'POST', `/api/emergency/stays/${b}/decline`, { reason: 'x' })).status, 403);
    assert.equal((await call(w.people.district, 'POST', `/api/emergency/stays/${b}/decline`, { reason: '已安排方舱' })).body.status, 'declined');
  });

  test('the dashboard: occupancy per station and district, alerts and transfers in progress', async () => {
    const res = await call(w.people.district, 'GET', `/api/emergency/incidents/${incidentId}/stations/dashboard`);
    assert.equal(res.status, 200);
    const wf = res.body.stations.find((s: any) => s.id === wanfang);
    assert.equal(wf.occupancy.occupied, 1);
    assert.equal(wf.riskGroup, 1);
    assert.equal(wf.hospitalTransfers, 1);
    const vn = res.body.stations.find((s: any) => s.id === vienna);
    assert.equal(vn.occupancy.occupied, 0, 'transferred and discharged');
    assert.deepEqual(res.body.districts.map((d: any) => [d.districtName, d.stations, d.occupancy.beds]), [['芦淞区', 2, 5]]);
    assert.equal(res.body.totals.free, 4);
    const medic = await call(w.people.medic, 'GET', `/api/emergency/incidents/${incidentId}/stations/dashboard`);
    assert.deepEqual(medic.body.stations.map((s: any) => s.id), [wanfang]);
    assert.equal((await call(w.people.volunteer, 'GET', `/api/emergency/incidents/${incidentId}/stations/dashboard`)).status, 403);
  });
});
