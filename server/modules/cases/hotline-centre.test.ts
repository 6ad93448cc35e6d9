import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { grantRole, makeDepartment, makeUser, signIn } from '../../testing/factories.js';
import { buildWorld, call, PLACES, type World } from './test-helpers.js';

/**
 * The 12345 hotline is a city department (政务热线), not a region body: its
 * operators record calls for the whole city through their department grant
 * (the demo's rx_12345 is one of them).
 */
let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
});
after(() => t.close());

const call_ = () => ({
  channel: 'hotline',
  callerName: '刘大爷',
  callerPhone: '13812345678',
  categoryCode: 'environment.noise',
  title: '楼下烧烤店油烟噪音',
  description: '晚上十二点还在营业，油烟和噪音很大。',
  regionCode: PLACES.villageA,
});

test('an operator of the city hotline centre department records a call and acts for the caller', async () => {
  const centre = await makeDepartment(t.db, PLACES.city, '政务热线', '12345政务服务便民热线');
  const operatorId = await makeUser(t.db, { name: '罗话务' });
  await grantRole(t.db, operatorId, 'hotline_operator', centre);
  const operator = await signIn(t, operatorId);

  const res = await call(t, operator, 'POST', '/api/cases', call_());
  assert.equal(res.status, 201, JSON.stringify(res.json));
  assert.equal(res.json.channel, 'hotline');

  // The operator records the caller's rating later, so they may read the case.
  const read = await call(t, operator, 'GET', `/api/cases/${res.json.id}`);
  assert.equal(read.status, 200);
});

test('an operator of a county hotline department may not record calls outside the county', async () => {
  const county = '430203000000'; // 芦淞区; the call is about 渌口区
  const centre = await makeDepartment(t.db, county, '政务热线', '区热线');
  const operatorId = await makeUser(t.db, { name: '区话务' });
  await grantRole(t.db, operatorId, 'hotline_operator', centre);
  const operator = await signIn(t, operatorId);
  const res = await call(t, operator, 'POST', '/api/cases', call_());
  assert.equal(res.status, 403);
});

test('a resident still may not record a call', async () => {
  const res = await call(t, w.people.residentA, 'POST', '/api/cases', call_());
  assert.equal(res.status, 403);
});

/** The hotline department of a region (one per region and type). */
async function centreAt(regionCode: string, name: string): Promise<string> {
  const found = await t.db.selectFrom('units').select('id').where('region_code', '=', regionCode).where('department_type', '=', '政务热线').executeTakeFirst();
  return found?.id ?? makeDepartment(t.db, regionCode, '政务热线', name);
}

test('any operator of the centre answers for its calls: opens and lists a call another operator took, with the caller’s number; app cases stay out of sight', async () => {
  const centre = await centreAt(PLACES.county, '渌口区热线');
  const takerId = await makeUser(t.db, { name: '接话员' });
  const otherId = await makeUser(t.db, { name: '回访员' });
  await grantRole(t.db, takerId, 'hotline_operator', centre);
  await grantRole(t.db, otherId, 'hotline_operator', centre);
  const taker = await signIn(t, takerId);
  const other = await signIn(t, otherId);

  const taken = await call(t, taker, 'POST', '/api/cases', { ...call_(), title: '回访测试：楼道灯不亮' });
  assert.equal(taken.status, 201);
  const byApp = await call(t, w.people.residentA, 'POST', '/api/cases', { categoryCode: 'environment.noise', title: '回访测试：广场舞', description: '每晚九点后还在放音乐。', regionCode: PLACES.villageA, isPublic: false });
  assert.equal(byApp.status, 201);

  // The caller rings back and another operator answers: they open the call with the caller's number to call back.
  const read = await call(t, other, 'GET', `/api/cases/${taken.json.id}`);
  assert.equal(read.status, 200);
  assert.equal(read.json.requester.phone, '13812345678');
  const queue = await call(t, other, 'GET', '/api/cases/queue?pageSize=100&q=回访测试');
  assert.equal(queue.status, 200);
  assert.deepEqual(queue.json.items.map((i: { id: string }) => i.id), [taken.json.id], 'the centre\'s call is in the queue, the app case is not');
  assert.equal((await call(t, other, 'GET', `/api/cases/${byApp.json.id}`)).status, 404);

  // A county centre does not answer for a call in another county.
  const countyCentre = await centreAt('430203000000', '芦淞区热线');
  const countyId = await makeUser(t.db, { name: '芦淞话务' });
  await grantRole(t.db, countyId, 'hotline_operator', countyCentre);
  assert.equal((await call(t, await signIn(t, countyId), 'GET', `/api/cases/${taken.json.id}`)).status, 404);
});
