import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { signIn } from '../../testing/factories.js';
import { regionsModule } from '../regions/index.js';
import { peopleModule } from '../people/index.js';
import { emergencyModule } from './index.js';
import { caller } from './test-world.js';
import { INCIDENT } from './demo-data.js';

let t: TestApp;
let call: ReturnType<typeof caller>;
let seedMs = 0;
let incidentId: string;

const userByPhone = async (phone: string) => (await t.db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirstOrThrow()).id;

before(async () => {
  t = await createTestApp();
  call = caller(t);
  const ctx = t.ctx(null);
  await regionsModule.seedDemo!(ctx, t.config);
  await peopleModule.seedDemo!(ctx, t.config);
  const started = performance.now();
  await emergencyModule.seedDemo!(ctx, t.config);
  seedMs = performance.now() - started;
  incidentId = (await t.db.selectFrom('emergency_incidents').select('id').where('name', '=', INCIDENT.name).executeTakeFirstOrThrow()).id;
});
after(() => t.close());

test('the emergency demo loads only once (its time is reported)', async (ctx) => {
  ctx.diagnostic(`emergency demo seed: ${seedMs.toFixed(0)} ms`);
  await emergencyModule.seedDemo!(t.ctx(null), t.config);
  const incidents = await t.db.selectFrom('emergency_incidents').select('id').execute();
  assert.equal(incidents.length, 1);
});

test('grids under 月塘街道 and 庆云街道, and 合泰 split into 7 sealed zones with their leaders', async () => {
  const admin = await signIn(t, await userByPhone('13807330001'));
  const grids = (await call(admin, 'GET', `/api/emergency/incidents/${incidentId}/grids`)).body.items;
  const zones = grids.filter((g: any) => g.kind === 'zone');
  assert.equal(zones.length, 7);
  assert.ok(zones.every((g: any) => g.regionName === '合泰社区' && g.leader));
  assert.ok(grids.some((g: any) => g.regionCode.startsWith('430202001') && g.kind === 'region'));
  assert.ok(grids.some((g: any) => g.regionCode.startsWith('430203005')));
  const board = (await call(admin, 'GET', `/api/emergency/incidents/${incidentId}/board`)).body;
  const zone = board.grids.find((g: any) => g.grid.name === '合泰一区');
  assert.equal(zone.lines.supply.open, 1);
  const pengli = await signIn(t, await userByPhone('13807330009'));
  const hers = (await call(pengli, 'GET', `/api/emergency/incidents/${incidentId}/grids`)).body.items;
  assert.ok(hers.some((g: any) => g.name === '合泰社区第一网格' && g.leader.name === '彭丽'));
});

test('risk areas: the five lowered on 15 November, the sealed 合泰 zones', async () => {
  const history = (await call(null, 'GET', `/api/emergency/incidents/${incidentId}/risk-areas/history`)).body.items;
  assert.ok(history.some((h: any) => h.summary === '5个高风险区于11月15日0时降为低风险区'));
  const current = (await call(null, 'GET', `/api/emergency/incidents/${incidentId}/risk-areas`)).body.items;
  assert.equal(current.filter((a: any) => a.level === 'high' && a.sealed).length, 7);
  assert.equal(current.filter((a: any) => a.level === 'low').length, 5);
});

test('刘翊’s errands in 庆云街道: the dialysis drugs first, via the pharmacy on 建设路', async () => {
  const liuyi = await signIn(t, await userByPhone('13807330011'));
  const route = (await call(liuyi, 'GET', `/api/emergency/errands/route?incidentId=${incidentId}&fromLat=27.8205&fromLng=113.146`)).body;
  assert.equal(route.stops[0].kind, 'shop');
  assert.equal(route.stops[0].label, '建设路老百姓大药房');
  assert.match(route.stops[1].label, /^庆云山庄/);
  assert.equal(route.stops[1].urgency, 'life_critical');
  const needs = (await call(liuyi, 'GET', `/api/emergency/incidents/${incidentId}/needs`)).body.items;
  const formula = needs.find((n: any) => n.items[0].kind === 'infant_formula');
  assert.equal(formula.status, 'confirmed');
  const detail = (await call(liuyi, 'GET', `/api/emergency/needs/${formula.id}`)).body;
  assert.ok(detail.timeline.find((e: any) => e.action === 'hand_over').photoId);
  const open = needs.filter((n: any) => n.status === 'open');
  assert.equal(open[0].urgency, 'life_critical', 'the insulin need heads the open list');
  // Each need is a case, its errand on the case timeline: the formula's is closed, the resident confirmed it.
  const c = await t.db.selectFrom('cases').select(['status', 'category_code', 'requester_user_id']).where('id', '=', formula.caseId).executeTakeFirstOrThrow();
  assert.deepEqual([c.status, c.category_code], ['closed', 'emergency.need']);
  const kinds = (await t.db.selectFrom('case_events').select('kind').where('case_id', '=', formula.caseId).orderBy('id').execute()).map((e) => e.kind);
  assert.deepEqual(kinds, ['submitted', 'routed', 'accepted', 'replied', 'replied', 'replied', 'resolved', 'rated']);
  assert.ok(needs.every((n: any) => n.caseId), 'every seeded need has its case');
});

test('the six health stations of seed 001 with their phones, occupancy, an alert and a green-channel transfer', async () => {
  const stations = (await call(null, 'GET', `/api/emergency/incidents/${incidentId}/stations`)).body.items;
  assert.deepEqual(stations.map((s: any) => s.phone).sort(), ['22128999', '22628888', '27625636', '28413370', '28513888', '28599999']);
  assert.ok(stations.every((s: any) => s.occupancy.occupied > 0 && s.occupancy.free > 0));
  const admin = await signIn(t, await userByPhone('13807330001'));
  const dash = (await call(admin, 'GET', `/api/emergency/incidents/${incidentId}/stations/dashboard`)).body;
  assert.equal(dash.districts.length, 5);
  assert.equal(dash.stations.reduce((n: number, s: any) => n + s.openAlerts, 0), 1);
  const chenling = await signIn(t, await userByPhone('13807330013'));
  const hers = (await call(chenling, 'GET', `/api/emergency/incidents/${incidentId}/stations/dashboard`)).body;
  assert.equal(hers.stations.length, 2);
});

test('a night of transfers: 10 cars, trips arrived and on the road, people still waiting', async () => {
  const admin = await signIn(t, await userByPhone('13807330001'));
  const board = (await call(admin, 'GET', `/api/emergency/incidents/${incidentId}/transfers/board`)).body;
  assert.equal(board.vehicles.length, 10);
  assert.ok(board.totals.arrived > 100);
  assert.ok(board.totals.waiting > 0);
  assert.ok(board.trips.length > 0 && board.trips.some((x: any) => x.status === 'picked_up'));
  assert.ok(board.trips.every((x: any) => new Set(x.people.map((p: any) => p.category)).size === 1));
});

test('the notice to 庆云街道 reached every household there, half acknowledged', async () => {
  const admin = await signIn(t, await userByPhone('13807330001'));
  const notices = (await call(admin, 'GET', `/api/emergency/incidents/${incidentId}/notices`)).body.items;
  const n = notices[0];
  assert.equal(n.progress.status, 'delivered');
  assert.equal(n.tracking.households, n.progress.total);
  assert.ok(n.tracking.acknowledged >= 3);
});
