import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { AT, buildWorld, caller, openIncident, type World } from './test-world.js';

let t: TestApp;
let w: World;
let call: ReturnType<typeof caller>;
let incidentId: string;
let hotel: string;
const plates = { bus: '湘B·Z0001', car1: '湘B·Z0002', car2: '湘B·Z0003' };
const vehicleIds: Record<string, string> = {};

const person = (name: string, category: string, regionCode: string, pickup: string, lat: number) => ({ name, category, regionCode, pickup, lat, lng: 113.152, phone: '13907336601' });

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  call = caller(t);
  ({ incidentId } = await openIncident(t, w));
});
after(() => t.close());

const url = (path: string) => `/api/emergency/incidents/${incidentId}/${path}`;

describe('isolation points, vehicles and people to move', () => {
  test('401, 403, 400 and 409 for the registry', async () => {
    const point = { name: '芦淞区集中隔离点（某酒店）', lat: 27.86, lng: 113.16, capacity: 200 };
    assert.equal((await call(null, 'POST', url('isolation-points'), point)).status, 401);
    assert.equal((await call(w.people.cadre, 'POST', url('isolation-points'), point)).status, 403);
    assert.equal((await call(w.people.district, 'POST', url('isolation-points'), { ...point, capacity: 0 })).body.error.field, 'capacity');
    const created = await call(w.people.district, 'POST', url('isolation-points'), point);
    assert.equal(created.status, 201);
    assert.equal(created.body.remaining, 200);
    hotel = created.body.id;
    assert.equal((await call(w.people.district, 'POST', url('isolation-points'), point)).status, 409);

    const car = { plate: plates.bus, capacity: 10, driverName: '司机甲', driverPhone: '13907336001', driverUserId: w.people.volunteer2.userId };
    assert.equal((await call(w.people.district, 'POST', url('vehicles'), { ...car, driverPhone: '123' })).body.error.field, 'driverPhone');
    assert.equal((await call(w.people.district, 'POST', url('vehicles'), { ...car, driverUserId: '00000000-0000-4000-8000-000000000000' })).body.error.field, 'driverUserId');
    vehicleIds.bus = (await call(w.people.district, 'POST', url('vehicles'), car)).body.id;
    assert.equal((await call(w.people.district, 'POST', url('vehicles'), car)).status, 409);
    vehicleIds.car1 = (await call(w.people.district, 'POST', url('vehicles'), { plate: plates.car1, capacity: 4, driverName: '司机乙', driverPhone: '13907336002' })).body.id;
    vehicleIds.car2 = (await call(w.people.district, 'POST', url('vehicles'), { plate: plates.car2, capacity: 4, driverName: '司机丙', driverPhone: '13907336003' })).body.id;
  });

  test('cadres and medics list people of their own area; others cannot', async () => {
    const positives = Array.from({ length: 9 }, (_, i) => person(`阳性${i + 1}`, 'positive', AT.gridQ1, '庆云山庄3栋', 27.8391));
    const contacts = Array.from({ length: 3 }, (_, i) => person(`密接${i + 1}`, 'close_contact', AT.gridQ1, '庆云山庄3栋', 27.8391));
    assert.equal((await call(w.people.volunteer, 'POST', url('transfer-people'), { people: positives })).status, 403);
    assert.equal((await call(w.people.gridWorker, 'POST', url('transfer-people'), { people: [person('x', 'positive', AT.gridF1, '枫溪', 27.83)] })).status, 403);
    const outside = await call(w.people.district, 'POST', url('transfer-people'), { people: [person('x', 'positive', AT.hetai, '合泰', 27.83)] });
    assert.equal(outside.body.error.field, 'regionCode');
    assert.equal((await call(w.people.gridWorker, 'POST', url('transfer-people'), { people: [{ ...positives[0], category: 'tourist' }] })).body.error.field, 'category');
    assert.equal((await call(w.people.gridWorker, 'POST', url('transfer-people'), { people: [...positives, ...contacts] })).status, 201);
    const q2 = [person('阳性10', 'positive', AT.gridQ2, '庆云山庄9栋', 27.8412), person('阳性11', 'positive', AT.gridQ2, '庆云山庄9栋', 27.8412)];
    assert.equal((await call(w.people.medic, 'POST', url('transfer-people'), { people: q2 })).status, 201, '追阳: medics of the street');
    const audit = await t.db.selectFrom('audit_log').select('after').where('action', '=', 'emergency.transfer_people.add').executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(audit.after, (k, v) => (/id$/i.test(k) ? undefined : v)), /阳性|1390733/);
  });
});

describe('a night of transfers', () => {
  let busTrip: string;
  let contactTrip: string;

  test('planning: by location and capacity, positives and contacts never together', async () => {
    assert.equal((await call(w.people.cadre, 'POST', url('trips/plan'), {})).status, 403);
    const res = await call(w.people.district, 'POST', url('trips/plan'), {});
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.waiting, []);
    const byPlate = Object.fromEntries(res.body.trips.map((trip: any) => [trip.vehicle.plate, trip]));
    assert.equal(byPlate[plates.bus].people.length, 10, '9 from 3栋 and one from 9栋 nearby');
    assert.deepEqual(byPlate[plates.bus].pickups.sort(), ['庆云山庄3栋', '庆云山庄9栋']);
    for (const trip of res.body.trips) assert.equal(new Set(trip.people.map((p: any) => p.category)).size, 1);
    busTrip = byPlate[plates.bus].id;
    contactTrip = res.body.trips.find((trip: any) => trip.category === 'close_contact').id;
    assert.equal(res.body.trips.reduce((n: number, trip: any) => n + trip.people.length, 0), 14);
    const again = await call(w.people.district, 'POST', url('trips/plan'), {});
    assert.deepEqual(again.body.trips, [], 'nobody left and no car free');
  });

  test('the driver moves the trip on; the people on board follow; the state table is enforced', async () => {
    const status = (who: keyof World['people'], id: string, s: string) => call(w.people[who], 'POST', `/api/emergency/trips/${id}/status`, { status: s });
    assert.equal((await status('volunteer', busTrip, 'dispatched')).status, 404, 'not a driver, not a commander');
    const dispatched = await status('volunteer2', busTrip, 'dispatched');
    assert.equal(dispatched.status, 200);
    assert.deepEqual(dispatched.body.abilities.next, ['picked_up', 'cancelled']);
    assert.equal(dispatched.body.people[0].name.length > 1, true);
    const skip = await status('volunteer2', busTrip, 'arrived');
    assert.equal(skip.status, 409);
    assert.match(skip.body.error.message, /已出车/);
    assert.equal((await status('volunteer2', contactTrip, 'dispatched')).status, 403, 'not their car');
    assert.equal((await status('volunteer2', busTrip, 'picked_up')).body.people.every((p: any) => p.status === 'picked_up'), true);
    const seen = await call(w.people.volunteer2, 'GET', `/api/emergency/trips/${busTrip}`);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.people.length, 10);
    assert.equal(seen.body.people[0].phone, '13907336601', 'the driver may call the people he collects');
    assert.equal((await call(w.people.resident, 'GET', `/api/emergency/trips/${busTrip}`)).status, 404);
    const arrived = await status('volunteer2', busTrip, 'arrived');
    assert.ok(arrived.body.people.every((p: any) => p.status === 'arrived'));
    assert.ok(arrived.body.arrivedAt);
    assert.equal((await status('volunteer2', busTrip, 'cancelled')).status, 409);
  });

  test('a cancelled trip puts its people back in the queue; the next round takes them', async () => {
    const cancelled = await call(w.people.district, 'POST', `/api/emergency/trips/${contactTrip}/status`, { status: 'cancelled' });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.people.length, 3, 'who was on it stays on record');
    const board = await call(w.people.district, 'GET', url('transfers/board'));
    assert.equal(board.body.totals.waiting, 3);
    assert.equal(board.body.totals.arrived, 10);
    assert.equal(board.body.waiting[0].category, 'close_contact');
    assert.equal(board.body.waiting[0].count, 3);
    assert.equal(board.body.points.find((p: any) => p.id === hotel).taken, 11, '10 arrived, 1 on its way');
    const next = await call(w.people.district, 'POST', url('trips/plan'), {});
    assert.equal(next.body.trips.length, 1);
    assert.equal(next.body.trips[0].category, 'close_contact');
    assert.equal(next.body.trips[0].vehicle.plate, plates.bus, 'the bus is back and biggest');
  });

  test('the night board: area cadres see names of their area, masked elsewhere; residents and volunteers see nothing', async () => {
    await call(w.people.district, 'POST', url('transfer-people'), { people: [person('枫溪居民', 'close_contact', AT.gridF1, '枫溪花园2栋', 27.83)] });
    const cadre = await call(w.people.cadre, 'GET', url('transfers/board'));
    assert.equal(cadre.status, 200);
    const fengxi = cadre.body.waiting.find((g: any) => g.pickup === '枫溪花园2栋');
    assert.equal(fengxi.people[0].name, '枫**民');
    assert.equal(fengxi.people[0].phone, '139****6601');
    assert.equal((await call(w.people.resident, 'GET', url('transfers/board'))).status, 403);
    assert.equal((await call(w.people.volunteer, 'GET', url('transfers/board'))).status, 403);
    const driver = await call(w.people.volunteer2, 'GET', url('transfers/board'));
    assert.equal(driver.status, 200, 'drivers follow the board');
  });

  test('people can be taken off the list while waiting; a trip never takes more than the beds left', async () => {
    const board = await call(w.people.district, 'GET', url('transfers/board'));
    const waitingId = board.body.waiting.find((g: any) => g.pickup === '枫溪花园2栋').people[0].id;
    assert.equal((await call(w.people.gridWorker, 'POST', `/api/emergency/transfer-people/${waitingId}/cancel`, { reason: '复检阴性' })).status, 403);
    assert.equal((await call(w.people.district, 'POST', `/api/emergency/transfer-people/${waitingId}/cancel`, { reason: '复检阴性' })).body.status, 'cancelled');
    assert.equal((await call(w.people.district, 'POST', `/api/emergency/transfer-people/${waitingId}/cancel`, { reason: '复检阴性' })).status, 409);
    const small = await call(w.people.district, 'POST', url('isolation-points'), { name: '小隔离点', lat: 27.84, lng: 113.15, capacity: 1, categories: ['secondary_contact'] });
    assert.equal(small.status, 201);
    await call(w.people.district, 'POST', url('transfer-people'), { people: [1, 2].map((i) => person(`次密接${i}`, 'secondary_contact', AT.gridQ1, '庆云山庄5栋', 27.8395)) });
    const plan = await call(w.people.district, 'POST', url('trips/plan'), {});
    assert.equal(plan.body.trips[0].destination.id, small.body.id, 'the nearest point that takes them');
    assert.equal(plan.body.trips[0].people.length, 1, 'one bed left there, so one seat used');
    assert.deepEqual(plan.body.waiting.map((x: any) => x.reason), ['no_vehicle'], 'the hotel has beds, but no car is free');
  });
});
