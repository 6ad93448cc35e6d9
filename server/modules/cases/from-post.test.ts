import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { buildWorld, call, PLACES, type World } from './test-helpers.js';

let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
});
after(() => t.close());

async function ask(body: string, region: string = PLACES.villageA, who = w.people.residentA) {
  const res = await call(t, who, 'POST', `/api/feeds/${region}/posts`, { kind: 'question', body });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json;
}

describe('POST /api/cases/from-post/:postId', () => {
  test('401, 400 (bad id, missing category), 403 for a resident, 404 for no such post', async () => {
    const post = await ask('村口路灯坏了一个星期了，晚上很黑');
    const url = `/api/cases/from-post/${post.id}`;
    assert.equal((await call(t, null, 'POST', url, { categoryCode: 'infrastructure.streetlight' })).status, 401);
    const badId = await call(t, w.people.cadreA, 'POST', '/api/cases/from-post/xyz', { categoryCode: 'infrastructure.streetlight' });
    assert.equal(badId.status, 400);
    assert.equal(badId.json.error.field, 'postId');
    const noCategory = await call(t, w.people.cadreA, 'POST', url, {});
    assert.equal(noCategory.status, 400);
    assert.equal(noCategory.json.error.field, 'categoryCode');
    const report = await call(t, w.people.cadreA, 'POST', url, { categoryCode: 'supervision.village_affairs' });
    assert.equal(report.status, 400);
    assert.equal(report.json.error.field, 'categoryCode');
    assert.equal((await call(t, w.people.residentA2, 'POST', url, { categoryCode: 'infrastructure.streetlight' })).status, 403);
    assert.equal((await call(t, w.people.cadreC, 'POST', url, { categoryCode: 'infrastructure.streetlight' })).status, 403);
    assert.equal((await call(t, w.people.cadreA, 'POST', '/api/cases/from-post/00000000-0000-4000-8000-000000000000', { categoryCode: 'infrastructure.streetlight' })).status, 404);
  });

  test('a cadre turns a question into a case: the asker is the requester, once only', async () => {
    const post = await ask('村口路灯坏了一个星期了，晚上很黑');
    const url = `/api/cases/from-post/${post.id}`;
    const res = await call(t, w.people.cadreA, 'POST', url, { categoryCode: 'infrastructure.streetlight' });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.equal(res.json.channel, 'feed');
    assert.equal(res.json.title, '村口路灯坏了一个星期了，晚上很黑');
    assert.equal(res.json.isPublic, false);
    assert.equal(res.json.handlingUnit.id, w.units.chengguan);
    const mine = await call(t, w.people.residentA, 'GET', '/api/cases/mine?pageSize=100');
    assert.equal(mine.json.items.find((i: any) => i.id === res.json.id)?.relation, 'requester');
    const row = await t.db.selectFrom('cases').select(['source_post_id', 'created_by', 'requester_user_id']).where('id', '=', res.json.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { source_post_id: post.id, created_by: w.people.cadreA.userId, requester_user_id: w.people.residentA.userId });
    const again = await call(t, w.people.cadreA, 'POST', url, { categoryCode: 'infrastructure.streetlight' });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.field, 'postId');
  });
});
