import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeResident, signIn, type SignedIn } from '../../testing/factories.js';
import { haversineMeters } from '../../../common/emergency/geo.js';
import { AT, buildWorld, caller, openIncident, type World } from './test-world.js';
import { haversineSource, setDistanceSource } from './route.js';
import { matrixFromTable } from '../../../common/emergency/geo.js';

let t: TestApp;
let w: World;
let call: ReturnType<typeof caller>;
let incidentId: string;
let grids: { q1: string; q2: string; f1: string };
let q2Resident: SignedIn;

// The volunteer starts at 庆云街道's office; the pharmacy is on 建设路.
const START = { lat: 27.8352, lng: 113.1488 };
const PHARMACY = { name: '建设路老百姓大药房', lat: 27.8455, lng: 113.1431 };

const need = (urgency: string, point: { lat: number; lng: number }, extra: Record<string, unknown> = {}) => ({
  compound: '庆云山庄',
  building: '1栋101',
  phone: '13907335502',
  urgency,
  items: [{ kind: 'medicine', name: '硝苯地平控释片', strength: '30mg', quantity: 1, unit: '盒' }],
  ...point,
  ...extra,
});

const ids: Record<string, string> = {};

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  call = caller(t);
  ({ incidentId, grids } = await openIncident(t, w));
  for (const grid of [grids.q1, grids.q2]) {
    await call(w.people.district, 'POST', `/api/emergency/grids/${grid}/team`, { userId: w.people.volunteer.userId, capacity: 'volunteer' });
  }
  q2Resident = await signIn(t, (await makeResident(t.db, AT.gridQ2, '李桂英')).userId);
  const post = async (who: SignedIn, key: string, body: Record<string, unknown>) => {
    const res = await call(who, 'POST', `/api/emergency/incidents/${incidentId}/needs`, body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    ids[key] = res.body.id;
  };
  await post(w.people.resident, 'normalNear', need('normal', { lat: 27.8358, lng: 113.1492 }, { items: [{ kind: 'food', name: '大米', quantity: 1, toBuy: false }] }));
  await post(w.people.resident2, 'criticalFar', need('life_critical', { lat: 27.8521, lng: 113.1602 }, { shop: PHARMACY }));
  await post(q2Resident, 'urgentShop', need('urgent', { lat: 27.8412, lng: 113.1555 }, { shop: PHARMACY }));
  await post(q2Resident, 'noShop', need('normal', { lat: 27.8401, lng: 113.1533 }));
  await post(w.people.resident, 'urgentBought', need('urgent', { lat: 27.8377, lng: 113.1509 }));
  for (const id of Object.values(ids)) {
    assert.equal((await call(w.people.volunteer, 'POST', `/api/emergency/needs/${id}/actions/claim`, {})).status, 200);
  }
  assert.equal((await call(w.people.volunteer, 'POST', `/api/emergency/needs/${ids.urgentBought}/actions/buy`, {})).status, 200);
});
after(() => t.close());

const routeUrl = (q = '') => `/api/emergency/errands/route?incidentId=${incidentId}${q}`;

describe('GET /api/emergency/errands/route', () => {
  test('401 signed out; 400 naming the missing coordinate; 404 for an unknown incident', async () => {
    assert.equal((await call(null, 'GET', routeUrl())).status, 401);
    const half = await call(w.people.volunteer, 'GET', routeUrl(`&fromLat=${START.lat}`));
    assert.equal(half.status, 400);
    assert.equal(half.body.error.field, 'fromLng');
    assert.equal((await call(w.people.volunteer, 'GET', routeUrl('&fromLat=100&fromLng=1'))).status, 400);
    assert.equal((await call(w.people.volunteer, 'GET', '/api/emergency/errands/route?incidentId=00000000-0000-4000-8000-000000000000')).status, 404);
  });

  test('life-critical first, the pharmacy before the deliveries that need it, then the shortest way', async () => {
    const res = await call(w.people.volunteer, 'GET', routeUrl(`&fromLat=${START.lat}&fromLng=${START.lng}`));
    assert.equal(res.status, 200);
    const route = res.body;
    assert.equal(route.method, 'exact');
    assert.equal(route.distance, 'haversine');
    const labels = route.stops.map((s: any) => (s.kind === 'shop' ? 'pharmacy' : Object.keys(ids).find((k) => ids[k] === s.needIds[0])));
    assert.deepEqual(labels.slice(0, 2), ['pharmacy', 'criticalFar'], 'the life-critical errand and its pharmacy come first, though far');
    assert.deepEqual(new Set(labels.slice(2, 4)), new Set(['urgentShop', 'urgentBought']));
    assert.equal(labels[4], 'normalNear', 'the normal errand next door comes last');
    assert.deepEqual(route.unplanned, [{ needId: ids.noShop, reason: 'no_shop' }]);
    const pharmacy = route.stops[0];
    assert.deepEqual(new Set(pharmacy.needIds), new Set([ids.criticalFar, ids.urgentShop]), 'one stop buys for both');
    assert.equal(pharmacy.tier, 0);
    assert.deepEqual(route.stops.map((s: any) => s.tier), [0, 0, 1, 1, 2]);
    assert.equal(route.stops[1].phone, '13907335502', 'the runner may call');
    // Legs are measured from the start and add up.
    assert.equal(pharmacy.legMeters, Math.round(haversineMeters(START, PHARMACY)));
    assert.equal(route.totalMeters, route.stops.at(-1).cumulativeMeters);
    // Within the urgent tier the nearer-first order is the shorter one.
    const [a, b] = [route.stops[2].location, route.stops[3].location];
    const from = route.stops[1].location;
    const chosen = haversineMeters(from, a) + haversineMeters(a, b) + haversineMeters(b, route.stops[4].location);
    const swapped = haversineMeters(from, b) + haversineMeters(b, a) + haversineMeters(a, route.stops[4].location);
    assert.ok(chosen <= swapped + 1);
  });

  test('naming a shop puts the errand on the route; only the runner may', async () => {
    const url = `/api/emergency/needs/${ids.noShop}/shop`;
    assert.equal((await call(w.people.cadre, 'PUT', url, { shop: PHARMACY })).status, 403, 'a coordinator, not the runner');
    assert.equal((await call(w.people.gridWorker, 'PUT', url, { shop: PHARMACY })).status, 404, 'leads another grid');
    assert.equal((await call(w.people.volunteer, 'PUT', url, { shop: { name: '药房' } })).status, 400);
    const ok = await call(w.people.volunteer, 'PUT', url, { shop: PHARMACY });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.shop.name, PHARMACY.name);
    const route = (await call(w.people.volunteer, 'GET', routeUrl(`&fromLat=${START.lat}&fromLng=${START.lng}`))).body;
    assert.deepEqual(route.unplanned, []);
    assert.equal(route.stops.length, 6);
    assert.equal(route.stops.filter((s: any) => s.kind === 'shop').length, 1);
  });

  test('without a start the route begins at its first stop; a volunteer with no errands gets an empty route', async () => {
    const route = (await call(w.people.volunteer, 'GET', routeUrl())).body;
    assert.equal(route.start, null);
    assert.equal(route.stops[0].legMeters, 0);
    const empty = (await call(w.people.volunteer2, 'GET', routeUrl())).body;
    assert.deepEqual(empty.stops, []);
    assert.equal(empty.totalMeters, 0);
  });

  test('a road-network distance source plugs in without changing the planner', async () => {
    let asked = 0;
    setDistanceSource({
      kind: 'road',
      async matrix(points) {
        asked++;
        // A road table: 1.4 × the straight line, one-way around the pharmacy.
        return matrixFromTable(points.map((a) => points.map((b) => Math.round(haversineMeters(a, b) * 1.4))));
      },
    });
    try {
      const route = (await call(w.people.volunteer, 'GET', routeUrl(`&fromLat=${START.lat}&fromLng=${START.lng}`))).body;
      assert.equal(route.distance, 'road');
      assert.equal(asked, 1, 'one batched call per plan');
      assert.equal(route.stops[0].kind, 'shop');
    } finally {
      setDistanceSource(haversineSource);
    }
  });
});
