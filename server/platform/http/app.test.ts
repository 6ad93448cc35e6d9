import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { mapTileOrigins } from './app.js';

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

// Route schemas compile on first use (lazy-compilers.ts): the same ajv options, coercion and error shape.
test('lazily compiled validators keep coercion and the error shape naming the field', async () => {
  const { makeResident, signIn } = await import('../../testing/factories.js');
  const resident = await makeResident(t.db, '430212101201');
  const session = await signIn(t, resident.userId);
  const bad = await t.app.inject({ method: 'GET', url: '/api/feeds?limit=lots', headers: session.headers });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'invalid_field');
  assert.equal(bad.json().error.field, 'limit');
  const coerced = await t.app.inject({ method: 'GET', url: '/api/feeds?limit=5', headers: session.headers });
  assert.equal(coerced.statusCode, 200, coerced.body);
  const unknownField = await t.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: session.headers, payload: { name: '张三', extra: 1 } });
  assert.equal(unknownField.statusCode, 400);
  assert.equal(unknownField.json().error.field, 'extra');
});

// …and a broken schema must still fail a test, not a person's first request.
test('every route schema compiles (validators and serializers)', async () => {
  const compiled = t.app.compileSchemas();
  assert.ok(compiled > 100, `compiled ${compiled} schemas`);
  assert.equal(t.app.compileSchemas(), 0, 'nothing is compiled twice');
});

test('configured map tile hosts, and only those, are allowed as image sources', () => {
  assert.deepEqual(mapTileOrigins({}), []);
  assert.deepEqual(
    mapTileOrigins({
      LIANXIN_MAP_TILES: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?x={x}&y={y}&l={z}',
      LIANXIN_MAP_SUBDOMAINS: '01',
      LIANXIN_MAP_LABEL_TILES: 'https://tiles.example.org/{z}/{x}/{y}.png',
    }),
    ['https://t0.tianditu.gov.cn', 'https://t1.tianditu.gov.cn', 'https://tiles.example.org'],
  );
  assert.deepEqual(mapTileOrigins({ LIANXIN_MAP_TILES: 'not a url' }), []);
});
