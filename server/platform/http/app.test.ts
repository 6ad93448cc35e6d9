import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('GET /healthz answers 200 with JSON once the database is ready', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().status, 'ok');
});

test('GET /openapi.json is an OpenAPI 3 document', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(res.statusCode, 200);
  assert.match(res.json().openapi, /^3\./);
});

test('an unknown API path is a 404 in the error shape, in Chinese by default', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, 'not_found');
  assert.match(res.json().error.message, /不存在/);
});

test('the error message follows Accept-Language', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'zh-TW,zh;q=0.9' } });
  assert.match(res.json().error.message, /內容不存在/);
});

test('security headers are set', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/healthz' });
  assert.ok(res.headers['content-security-policy']);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
});

test('the audit log refuses updates and deletes', async () => {
  await t.db.insertInto('audit_log').values({ action: 'test.write', target_type: 'test', target_id: '1', actor_id: null, actor_roles: null, before: null, after: null, ip: null }).execute();
  await assert.rejects(t.db.updateTable('audit_log').set({ action: 'x' }).execute(), /append-only/);
  await assert.rejects(t.db.deleteFrom('audit_log').execute(), /append-only/);
});
