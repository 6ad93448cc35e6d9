import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { haversineMeters } from '../../../common/emergency/geo.js';
import { buildWorld, caller, openIncident, type World } from './test-world.js';
import { emergencyConfig } from './map-config.js';
import { mapRoutes } from './routes-map.js';
import { osrmSource, osrmTableUrl } from './road-distance.js';
import { haversineSource, setDistanceSource, type DistanceSource } from './route.js';

/** Map tiles for the web (LIANXIN_MAP_TILES) and road distances from an OSRM-like service. */

describe('emergencyConfig (the environment)', () => {
  test('nothing set: no tiles, haversine', () => {
    assert.deepEqual(emergencyConfig({}), { tiles: null, road: null });
  });

  test('Tianditu with its annotation layer and subdomains', () => {
    const c = emergencyConfig({
      LIANXIN_MAP_TILES: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=vec&TILEMATRIXSET=w&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY',
      LIANXIN_MAP_LABEL_TILES: 'https://t{s}.tianditu.gov.cn/cva_w/wmts?LAYER=cva&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY',
      LIANXIN_MAP_SUBDOMAINS: '01234567',
      LIANXIN_MAP_ATTRIBUTION: '© 天地图',
      LIANXIN_ROUTE_OSRM_URL: 'http://osrm.internal:5000/',
    });
    assert.deepEqual(c.tiles?.subdomains, ['0', '1', '2', '3', '4', '5', '6', '7']);
    assert.equal(c.tiles?.coordinateSystem, 'wgs84');
    assert.equal(c.tiles?.maxZoom, 18);
    assert.match(c.tiles!.labelUrlTemplate!, /cva_w/);
    assert.deepEqual(c.road, { baseUrl: 'http://osrm.internal:5000', profile: 'driving' });
  });

  test('values that cannot work stop the start-up, naming the variable', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ LIANXIN_MAP_TILES: 'tiles/{z}/{x}/{y}.png' }, /LIANXIN_MAP_TILES must be an http/],
      [{ LIANXIN_MAP_TILES: 'https://tile.example/{z}/{x}.png' }, /must contain \{y\}/],
      [{ LIANXIN_MAP_TILES: 'https://{s}.tile.example/{z}/{x}/{y}.png' }, /LIANXIN_MAP_SUBDOMAINS/],
      [{ LIANXIN_MAP_TILES: 'https://tile.example/{z}/{x}/{y}.png', LIANXIN_MAP_COORDS: 'bd09' }, /LIANXIN_MAP_COORDS/],
      [{ LIANXIN_MAP_TILES: 'https://tile.example/{z}/{x}/{y}.png', LIANXIN_MAP_MAX_ZOOM: '30' }, /LIANXIN_MAP_MAX_ZOOM/],
      [{ LIANXIN_ROUTE_OSRM_URL: 'osrm:5000' }, /LIANXIN_ROUTE_OSRM_URL/],
    ];
    for (const [env, message] of bad) assert.throws(() => emergencyConfig(env), message, JSON.stringify(env));
  });
});

describe('GET /api/emergency/map-config', () => {
  test('with AMap tiles: the template, the subdomains and GCJ-02, cacheable', async () => {
    const app = Fastify();
    const config = emergencyConfig({
      LIANXIN_MAP_TILES: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
      LIANXIN_MAP_SUBDOMAINS: '1,2,3,4',
      LIANXIN_MAP_COORDS: 'gcj02',
      LIANXIN_MAP_ATTRIBUTION: '© 高德地图',
    });
    await app.register(mapRoutes(config), { prefix: '/api' });
    const res = await app.inject({ method: 'GET', url: '/api/emergency/map-config' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['cache-control'] as string, /max-age=300/);
    const body = res.json();
    assert.deepEqual(body.tiles.subdomains, ['1', '2', '3', '4']);
    assert.equal(body.tiles.coordinateSystem, 'gcj02');
    assert.equal(body.distance, 'haversine');
    await app.close();
  });
});

describe('road distances from an OSRM-like table service', () => {
  let osrm: FastifyInstance;
  let base: string;
  let seen: string[] = [];
  let answer: (n: number) => unknown = (n) => ({ code: 'Ok', distances: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 1000 * (i + j)))) });
  let t: TestApp;
  let w: World;
  let call: ReturnType<typeof caller>;

  before(async () => {
    osrm = Fastify();
    osrm.get('/table/v1/:profile/:coords', async (r, reply) => {
      seen.push(r.url);
      const n = (r.params as { coords: string }).coords.split(';').length;
      const body = answer(n);
      if (body === 500) return reply.status(500).send({ code: 'Error' });
      return body;
    });
    base = await osrm.listen({ port: 0, host: '127.0.0.1' });
    t = await createTestApp();
    w = await buildWorld(t);
    call = caller(t);
    const { incidentId, grids } = await openIncident(t, w);
    await call(w.people.district, 'POST', `/api/emergency/grids/${grids.q1}/team`, { userId: w.people.volunteer.userId, capacity: 'volunteer' });
    for (const [who, lat] of [['resident', 27.8391], ['resident2', 27.8421]] as const) {
      const need = await call(w.people[who], 'POST', `/api/emergency/incidents/${incidentId}/needs`, {
        compound: '庆云山庄',
        building: '2栋101',
        phone: '13907335511',
        urgency: 'urgent',
        items: [{ kind: 'food', name: '大米', quantity: 1, toBuy: false }],
        lat,
        lng: 113.1517,
      });
      assert.equal((await call(w.people.volunteer, 'POST', `/api/emergency/needs/${need.body.id}/actions/claim`, {})).status, 200);
    }
  });
  after(async () => {
    setDistanceSource(haversineSource);
    await osrm.close();
    await t.close();
  });

  test('one call with lng,lat pairs; unroutable pairs take the straight line × 1.4', async () => {
    assert.equal(osrmTableUrl('http://x/', 'foot', [{ lat: 27.1, lng: 113.2 }]), 'http://x/table/v1/foot/113.200000,27.100000?annotations=distance');
    answer = () => ({ code: 'Ok', distances: [[0, null], [1234, 0]] });
    const points = [{ lat: 27.83, lng: 113.15 }, { lat: 27.84, lng: 113.16 }];
    const m = await osrmSource({ baseUrl: base }).matrix(points);
    assert.equal(m.get(1, 0), 1234);
    assert.equal(Math.round(m.get(0, 1)), Math.round(haversineMeters(points[0]!, points[1]!) * 1.4));
    assert.match(seen.at(-1)!, /\/table\/v1\/driving\/113\.150000,27\.830000;113\.160000,27\.840000\?annotations=distance$/);
    answer = () => 500;
    await assert.rejects(osrmSource({ baseUrl: base }).matrix(points), /answered 500/);
  });

  test('the volunteer’s route is planned on road distances, and on haversine when the service fails', async () => {
    answer = (n) => ({ code: 'Ok', distances: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 700))) });
    setDistanceSource(osrmSource({ baseUrl: base }));
    const road = await call(w.people.volunteer, 'GET', '/api/emergency/errands/route?fromLat=27.8352&fromLng=113.1488');
    assert.equal(road.status, 200);
    assert.equal(road.body.distance, 'road');
    assert.deepEqual(road.body.stops.map((s: any) => s.legMeters), [700, 700]);
    const failing: DistanceSource = { kind: 'road', matrix: async () => Promise.reject(new Error('down')) };
    setDistanceSource(failing);
    const fallback = await call(w.people.volunteer, 'GET', '/api/emergency/errands/route?fromLat=27.8352&fromLng=113.1488');
    assert.equal(fallback.status, 200);
    assert.equal(fallback.body.distance, 'haversine');
    assert.equal(fallback.body.stops.length, 2);
    const config = await call(null, 'GET', '/api/emergency/map-config');
    assert.deepEqual(config.body, { tiles: null, distance: 'road' });
  });
});
