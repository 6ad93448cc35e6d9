import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { buildWorld, call, fileCase, PLACES, type World } from './test-helpers.js';

let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
});
after(() => t.close());

const preview = (who: World['people'][keyof World['people']] | null, categoryCode: string, regionCode: string) =>
  call(t, who, 'GET', `/api/cases/routing-rules/preview?categoryCode=${encodeURIComponent(categoryCode)}&regionCode=${regionCode}`);

describe('GET /api/cases/routing-rules/preview', () => {
  test('401 signed out, 403 for anyone but administrators', async () => {
    assert.equal((await preview(null, 'environment.noise', PLACES.villageA)).status, 401);
    for (const who of ['residentA', 'cadreA', 'township', 'operator', 'inspector'] as const) {
      assert.equal((await preview(w.people[who], 'environment.noise', PLACES.villageA)).status, 403, who);
    }
  });

  test('400 naming the field for a malformed or unknown category or region', async () => {
    for (const [cat, region, field] of [
      ['Noise!', PLACES.villageA, 'categoryCode'],
      ['no.such', PLACES.villageA, 'categoryCode'],
      ['environment.noise', '43', 'regionCode'],
      ['environment.noise', '430212101299', 'regionCode'],
    ] as const) {
      const res = await preview(w.people.admin, cat, region);
      assert.equal(res.status, 400, `${cat} ${region}`);
      assert.equal(res.json.error.field, field);
    }
    const missing = await call(t, w.people.admin, 'GET', `/api/cases/routing-rules/preview?categoryCode=environment.noise`);
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.field, 'regionCode');
  });

  test('follows the rules as they are edited, and agrees with where a filed case goes', async () => {
    // No rule: the village itself.
    const before = await preview(w.people.admin, 'environment.noise', PLACES.villageA);
    assert.equal(before.status, 200);
    assert.equal(before.json.unit.id, w.units.villageA);
    assert.equal(before.json.rule, null);
    assert.equal(before.json.fallback, false);

    // Noise in 渌口区 goes to the county's 城管 from now on.
    const put = await call(t, w.people.admin, 'PUT', '/api/cases/routing-rules', { categoryCode: 'environment', regionPrefix: '430212', targetLevel: 'county', departmentType: '城管' });
    assert.equal(put.status, 200, JSON.stringify(put.json));
    const after = await preview(w.people.admin, 'environment.noise', PLACES.villageA);
    assert.equal(after.json.unit.id, w.units.chengguan);
    assert.equal(after.json.unit.departmentType, '城管');
    assert.equal(after.json.rule.id, put.json.id);
    assert.equal(after.json.rule.regionPrefix, '430212');
    const filed = await fileCase(t, w.people.residentA, { categoryCode: 'environment.noise' });
    assert.equal(filed.handlingUnit.id, after.json.unit.id, 'the preview says where intake really routes');

    // Deleting the rule brings the village back.
    assert.equal((await call(t, w.people.admin, 'DELETE', `/api/cases/routing-rules/${put.json.id}`)).status, 204);
    assert.equal((await preview(w.people.admin, 'environment.noise', PLACES.villageA)).json.unit.id, w.units.villageA);
  });

  test('a confidential report without inspectors at its place previews as the dispatch pool', async () => {
    const res = await preview(w.people.admin, 'supervision.village_affairs', PLACES.villageC);
    assert.equal(res.status, 200);
    assert.equal(res.json.unit, null);
    assert.equal(res.json.confidential, true);
    assert.equal(res.json.fallback, true);
  });
});
