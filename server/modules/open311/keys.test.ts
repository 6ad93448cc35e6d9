import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { actorOf } from '../../testing/factories.js';
import { buildWorld, call, PLACES, type World } from '../cases/test-helpers.js';
import { mayManageKeys } from './policy.js';
import { hashKey } from './keys.js';

/**
 * The administrators' key routes (401/400/403/404/409/happy), the policy
 * matrix over every role, the secret shown once and stored as a hash, the
 * audit rows, and the demo key `demo` accepted in demo mode only.
 */

let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error', demo: true } });
  w = await buildWorld(t);
});
after(() => t.close());

describe('policy', () => {
  test('only administrators manage keys (every role)', async () => {
    for (const [who, person] of Object.entries(w.people)) {
      const actor = await actorOf(t.db, person.userId);
      assert.equal(mayManageKeys(actor), who === 'admin', who);
    }
    assert.equal(mayManageKeys(null), false);
  });
});

describe('/api/open311/keys', () => {
  test('signed out: 401; any role but admin: 403', async () => {
    assert.equal((await call(t, null, 'GET', '/api/open311/keys')).status, 401);
    assert.equal((await call(t, null, 'POST', '/api/open311/keys', { name: '某 App' })).status, 401);
    for (const who of ['residentA', 'cadreA', 'township', 'operator', 'chengguan', 'inspector'] as const) {
      const res = await call(t, w.people[who], 'GET', '/api/open311/keys');
      assert.equal(res.status, 403, who);
      assert.match(res.json.error.message, /管理员/);
      assert.equal((await call(t, w.people[who], 'POST', '/api/open311/keys', { name: '某 App' })).status, 403);
    }
  });

  test('bad input: 400 naming the field', async () => {
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: 'x' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: '某 App', contact: 'x'.repeat(101) }, 'contact'],
      [{ name: '某 App', extra: 1 }, 'extra'],
    ] as const) {
      const res = await call(t, w.people.admin, 'POST', '/api/open311/keys', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error.field, field);
    }
  });

  test('create shows the key once, stores only its hash, audits; list never shows it; revoke works once', async () => {
    const created = await call(t, w.people.admin, 'POST', '/api/open311/keys', { name: '醴陵为民 App', contact: '易工' });
    assert.equal(created.status, 201);
    assert.match(created.json.key, /^lx311_[A-Za-z0-9_-]{32}$/);
    assert.equal(created.json.keyPrefix, created.json.key.slice(0, 10));
    const row = await t.db.selectFrom('open311_api_keys').selectAll().where('id', '=', created.json.id).executeTakeFirstOrThrow();
    assert.equal(row.key_hash, hashKey(created.json.key));
    assert.ok(!JSON.stringify(row).includes(created.json.key), 'the secret is not stored');

    const list = await call(t, w.people.admin, 'GET', '/api/open311/keys');
    assert.equal(list.status, 200);
    assert.equal(list.json.demoKeyAccepted, true);
    const listed = list.json.items.find((k: any) => k.id === created.json.id);
    assert.equal(listed.name, '醴陵为民 App');
    assert.equal(listed.requestCount, 0);
    assert.ok(!JSON.stringify(list.json).includes(created.json.key));

    const revoked = await call(t, w.people.admin, 'POST', `/api/open311/keys/${created.json.id}/revoke`);
    assert.equal(revoked.status, 200);
    assert.ok(revoked.json.revokedAt);
    assert.equal((await call(t, w.people.admin, 'POST', `/api/open311/keys/${created.json.id}/revoke`)).status, 409);
    const audits = await t.db.selectFrom('audit_log').select(['action', 'after']).where('target_id', '=', created.json.id).orderBy('id').execute();
    assert.deepEqual(
      audits.map((a) => a.action),
      ['open311.key.create', 'open311.key.revoke'],
    );
    assert.ok(!JSON.stringify(audits).includes(created.json.key), 'the audit log never holds the secret');
  });

  test('revoke: unknown key 404, bad id 400, non-admin 403', async () => {
    assert.equal((await call(t, w.people.admin, 'POST', '/api/open311/keys/00000000-0000-4000-8000-000000000000/revoke')).status, 404);
    assert.equal((await call(t, w.people.admin, 'POST', '/api/open311/keys/nope/revoke')).status, 400);
    const created = await call(t, w.people.admin, 'POST', '/api/open311/keys', { name: '另一个 App' });
    assert.equal((await call(t, w.people.cadreA, 'POST', `/api/open311/keys/${created.json.id}/revoke`)).status, 403);
    assert.equal((await call(t, null, 'POST', `/api/open311/keys/${created.json.id}/revoke`)).status, 401);
  });
});

test('in demo mode the key `demo` files a request (recorded as the demo client)', async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ api_key: 'demo', service_code: 'environment.garbage', lat: '27.4', long: '113.2', description: '垃圾桶满了三天没人清运。', 'attribute[region_code]': PLACES.villageA }).toString(),
  });
  assert.equal(res.statusCode, 201, res.body);
  const [{ service_request_id: id }] = JSON.parse(res.body);
  const row = await t.db.selectFrom('open311_requests').select(['client_name', 'api_key_id']).where('service_request_id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual(row, { client_name: 'demo', api_key_id: null });
});
