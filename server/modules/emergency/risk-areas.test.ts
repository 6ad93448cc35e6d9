import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeRegion } from '../../testing/factories.js';
import { AT, buildWorld, caller, type World } from './test-world.js';

/**
 * Seed 003: 「11月15日0时，茨菇塘街道世贸广场、红旗村、金岸华庭和金山街道金钩山路郭家
 * 祠堂、跃进村等5个原高风险区被降为低风险区」, replayed in 荷塘区.
 */

let t: TestApp;
let w: World;
let call: ReturnType<typeof caller>;
let incidentId: string;
const areaIds: string[] = [];
const CIGUTANG = '430202002000';
const JINSHAN = '430202005000';
// 2026-11-15 00:00 in Zhuzhou.
const NOV_15_0H = '2026-11-14T16:00:00.000Z';

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  call = caller(t);
  await makeRegion(t.db, CIGUTANG, '茨菇塘街道');
  await makeRegion(t.db, '430202002201', '红旗村');
  await makeRegion(t.db, JINSHAN, '金山街道');
  await makeRegion(t.db, '430202005201', '跃进村');
  t.clock.set('2026-11-05T02:00:00Z');
  const res = await call(w.people.hetangOfficial, 'POST', '/api/emergency/incidents', { name: '荷塘区清零攻坚', regionCode: AT.hetang, startedAt: '2026-11-02T00:00:00Z' });
  incidentId = res.body.id;
});
after(() => t.close());

const url = (path = '') => `/api/emergency/incidents/${incidentId}/risk-areas${path}`;

describe('designating risk areas', () => {
  test('401, 403 and 400 before anything is written', async () => {
    const body = { regionCode: CIGUTANG, name: '世贸广场', level: 'high', sealed: true };
    assert.equal((await call(null, 'POST', url(), body)).status, 401);
    for (const who of ['cadre', 'volunteer', 'district', 'resident'] as const) assert.equal((await call(w.people[who], 'POST', url(), body)).status, 403, who);
    const outside = await call(w.people.hetangOfficial, 'POST', url(), { ...body, regionCode: AT.qingyun });
    assert.equal(outside.body.error.field, 'regionCode');
    const early = await call(w.people.hetangOfficial, 'POST', url(), { ...body, effectiveAt: '2026-10-01T00:00:00Z' });
    assert.equal(early.status, 400);
    assert.equal(early.body.error.field, 'effectiveAt');
    assert.equal((await call(w.people.hetangOfficial, 'POST', url(), { ...body, level: 'extreme' })).body.error.field, 'level');
    assert.equal((await t.db.selectFrom('emergency_risk_areas').select('id').execute()).length, 0);
  });

  test('five high-risk areas, one of them a sealed compound; a duplicate name is a 409', async () => {
    const areas: [string, string, boolean][] = [
      [CIGUTANG, '世贸广场', true],
      ['430202002201', '红旗村', false],
      [CIGUTANG, '金岸华庭', true],
      [JINSHAN, '金钩山路郭家祠堂', false],
      ['430202005201', '跃进村', false],
    ];
    for (const [regionCode, name, sealed] of areas) {
      const res = await call(w.people.hetangOfficial, 'POST', url(), { regionCode, name, sealed, level: 'high' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.level, 'high');
      areaIds.push(res.body.id);
    }
    assert.equal((await call(w.people.hetangOfficial, 'POST', url(), { regionCode: CIGUTANG, name: '世贸广场', level: 'medium' })).status, 409);
  });
});

describe('lowering them on 15 November', () => {
  test('400, 404, 409 for bad changes', async () => {
    const dup = await call(w.people.hetangOfficial, 'POST', url('/changes'), { areaIds: [areaIds[0], areaIds[0]], level: 'low', effectiveAt: NOV_15_0H });
    assert.equal(dup.body.error.field, 'areaIds');
    const unknown = await call(w.people.hetangOfficial, 'POST', url('/changes'), { areaIds: ['00000000-0000-4000-8000-000000000000'], level: 'low', effectiveAt: NOV_15_0H });
    assert.equal(unknown.status, 404);
    const same = await call(w.people.hetangOfficial, 'POST', url('/changes'), { areaIds, level: 'high', effectiveAt: NOV_15_0H });
    assert.equal(same.status, 409);
    const backwards = await call(w.people.hetangOfficial, 'POST', url('/changes'), { areaIds, level: 'low', effectiveAt: '2026-11-04T00:00:00Z' });
    assert.equal(backwards.body.error.field, 'effectiveAt');
    assert.equal((await call(w.people.cadre, 'POST', url('/changes'), { areaIds, level: 'low', effectiveAt: NOV_15_0H })).status, 403);
  });

  test('announced on the 14th for 0:00 on the 15th: still high until then, low after; the history says it in one sentence', async () => {
    t.clock.set('2026-11-14T10:00:00Z');
    const res = await call(w.people.hetangOfficial, 'POST', url('/changes'), { areaIds, level: 'low', effectiveAt: NOV_15_0H, note: '经评估' });
    assert.equal(res.status, 200);
    const before = await call(null, 'GET', url());
    assert.equal(before.status, 200, 'public');
    assert.equal(before.body.items.length, 5);
    for (const a of before.body.items) {
      assert.equal(a.level, 'high');
      assert.deepEqual(a.next, { level: 'low', effectiveAt: NOV_15_0H });
    }
    const after15 = await call(null, 'GET', url(`?at=2026-11-15T01:00:00Z`));
    assert.ok(after15.body.items.every((a: any) => a.level === 'low' && a.since === NOV_15_0H && a.next === null));
    const history = await call(null, 'GET', url('/history'));
    assert.equal(history.body.items[0].summary, '5个高风险区于11月15日0时降为低风险区');
    assert.equal(history.body.items[0].note, '经评估');
    assert.equal(history.body.items[0].count, 5);
    assert.match(history.body.items[1].summary, /^1个区域于11月5日10时划为高风险区$/);
    const en = await t.app.inject({ method: 'GET', url: url('/history'), headers: { 'accept-language': 'en' } });
    assert.equal(en.json().items[0].summary, '5 high-risk area(s) became low-risk area(s) at 00:00 on 15 November');
  });

  test('lifting, then lifting again is a 409; lifted areas leave the public list unless asked for', async () => {
    t.clock.set('2026-11-20T02:00:00Z');
    const lifted = await call(w.people.hetangOfficial, 'POST', url('/changes'), { areaIds: [areaIds[0]], level: null, effectiveAt: '2026-11-20T02:00:00Z' });
    assert.equal(lifted.status, 200);
    assert.match(lifted.body.items[0].summary, /1个低风险区于11月20日10时解除管控/);
    const again = await call(w.people.hetangOfficial, 'POST', url('/changes'), { areaIds: [areaIds[0]], level: null, effectiveAt: '2026-11-20T03:00:00Z' });
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /已解除/);
    const list = await call(null, 'GET', url());
    assert.equal(list.body.items.length, 4);
    const all = await call(null, 'GET', url('?includeLifted=true'));
    assert.equal(all.body.items.length, 5);
    const audits = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', areaIds[0]!).execute();
    assert.deepEqual(audits.map((a) => a.action).sort(), ['emergency.risk_area.change', 'emergency.risk_area.create', 'emergency.risk_area.lift']);
  });
});
