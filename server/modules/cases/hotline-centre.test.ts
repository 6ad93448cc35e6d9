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
