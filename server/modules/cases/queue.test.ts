import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { signIn } from '../../testing/factories.js';
import { buildWorld, call, fileCase, act, PLACES, type World } from './test-helpers.js';

let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
});
after(() => t.close());

const queue = async (who: keyof World['people'], query = '') => {
  const res = await call(t, w.people[who], 'GET', `/api/cases/queue?pageSize=100${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return res.json;
};
const ids = (list: { items: { id: string }[] }) => list.items.map((i) => i.id);

describe('GET /api/cases/queue', () => {
  test('401 signed out; 403 for a resident; 400 for bad filters, naming them', async () => {
    assert.equal((await call(t, null, 'GET', '/api/cases/queue')).status, 401);
    const resident = await call(t, w.people.residentA, 'GET', '/api/cases/queue');
    assert.equal(resident.status, 403);
    for (const [query, field] of [
      ['status=done', 'status'],
      ['priority=high', 'priority'],
      ['regionPrefix=4', 'regionPrefix'],
      ['sort=random', 'sort'],
      ['pageSize=101', 'pageSize'],
      ['overdue=maybe', 'overdue'],
      ['unitId=x', 'unitId'],
    ]) {
      const res = await call(t, w.people.cadreA, 'GET', `/api/cases/queue?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.json.error.field, field, query);
    }
  });

  test('filters: status, category subtree, region prefix, unit, priority, channel, overdue; sorting by due; paging', async () => {
    const a = await fileCase(t, w.people.residentA, { title: '噪音一', regionCode: PLACES.villageA });
    const b = await fileCase(t, w.people.residentA2, { title: '噪音二', regionCode: PLACES.villageB });
    const water = await fileCase(t, w.people.residentA, { categoryCode: 'utilities.water', title: '停水', description: '一直停水' });
    const call1 = await fileCase(t, w.people.operator, { channel: 'hotline', callerPhone: '13800002222', priority: 'emergency', regionCode: PLACES.villageB, title: '井盖丢失', description: '路中间井盖没了', categoryCode: 'emergency.safety' });
    await act(t, w.people.cadreA, a.id, 'accept');

    const township = await queue('township');
    for (const c of [a, b, water, call1]) assert.ok(ids(township).includes(c.id));
    assert.deepEqual(ids(await queue('township', '&status=accepted')), [a.id]);
    assert.deepEqual(ids(await queue('township', '&status=accepted&status=assigned')).sort(), [a.id, b.id, water.id, call1.id].sort());
    assert.deepEqual(ids(await queue('township', '&category=utilities')), [water.id]);
    assert.deepEqual(ids(await queue('township', `&regionPrefix=${PLACES.villageB}`)).sort(), [b.id, call1.id].sort());
    assert.deepEqual(ids(await queue('township', `&unitId=${w.units.villageB}`)), [b.id]);
    assert.deepEqual(ids(await queue('township', '&priority=emergency')), [call1.id]);
    assert.deepEqual(ids(await queue('township', '&channel=hotline')), [call1.id]);
    assert.deepEqual(ids(await queue('township', '&overdue=true')), []);

    // Three hours later: the emergency is past its 2 h resolution limit, the water cut past its 2 h response limit.
    t.clock.advance(3 * 60 * 60 * 1000);
    try {
      const later = await signIn(t, w.people.township.userId);
      const overdue = await call(t, later, 'GET', '/api/cases/queue?overdue=true');
      assert.deepEqual(ids(overdue.json).sort(), [call1.id, water.id].sort());
      const byId = new Map(overdue.json.items.map((i: any) => [i.id, i.overdue]));
      assert.deepEqual(byId.get(call1.id), { response: true, resolution: true });
      assert.deepEqual(byId.get(water.id), { response: true, resolution: false });
      const notOverdue = await call(t, later, 'GET', '/api/cases/queue?overdue=false');
      assert.deepEqual(ids(notOverdue.json).sort(), [a.id, b.id].sort());
      const byDue = await call(t, later, 'GET', '/api/cases/queue?sort=due&pageSize=2');
      assert.equal(byDue.json.items[0].id, call1.id, 'the most urgent first');
      assert.equal(byDue.json.items.length, 2);
      assert.equal(byDue.json.total, 4);
      const page2 = await call(t, later, 'GET', '/api/cases/queue?sort=due&pageSize=2&page=2');
      assert.equal(page2.json.items.length, 2);
      assert.equal(new Set([...ids(byDue.json), ...ids(page2.json)]).size, 4);
    } finally {
      t.clock.set('2026-11-20T02:00:00Z');
    }

    const villageA = await queue('cadreA');
    assert.ok(ids(villageA).includes(a.id));
    assert.ok(!ids(villageA).includes(b.id), 'village A does not see village B');
    const outside = await queue('cadreA', `&regionPrefix=${PLACES.villageB}`);
    assert.deepEqual(outside.items, [], 'a prefix outside the scope narrows to nothing');
  });

  test('the queue query uses the queue index (EXPLAIN)', async () => {
    const plan = await t.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const rows = await sql<{ 'QUERY PLAN': string }>`explain select id from cases where handling_unit_id = ${w.units.villageA} and status = 'assigned' order by created_at desc limit 20`.execute(trx);
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    assert.match(plan, /cases_queue_idx|cases_unit_created_idx/);
  });
});

describe('POST /api/cases/bulk/accept', () => {
  test('401, 400 for an empty or bad list, 403 for a resident', async () => {
    assert.equal((await call(t, null, 'POST', '/api/cases/bulk/accept', { ids: ['00000000-0000-4000-8000-000000000000'] })).status, 401);
    const empty = await call(t, w.people.cadreA, 'POST', '/api/cases/bulk/accept', { ids: [] });
    assert.equal(empty.status, 400);
    assert.equal(empty.json.error.field, 'ids');
    assert.equal((await call(t, w.people.cadreA, 'POST', '/api/cases/bulk/accept', { ids: ['x'] })).status, 400);
    assert.equal((await call(t, w.people.residentA, 'POST', '/api/cases/bulk/accept', { ids: ['00000000-0000-4000-8000-000000000000'] })).status, 403);
  });

  test('accepts the cases the caller may work; reports the rest without revealing them', async () => {
    const mine1 = await fileCase(t, w.people.residentA);
    const mine2 = await fileCase(t, w.people.residentA2);
    const done = await fileCase(t, w.people.residentA);
    await act(t, w.people.cadreA, done.id, 'accept');
    const elsewhere = await fileCase(t, w.people.residentC, { regionCode: PLACES.villageC });
    const missing = '00000000-0000-4000-8000-000000000009';

    const asTownship = await call(t, w.people.township, 'POST', '/api/cases/bulk/accept', { ids: [mine1.id] });
    assert.deepEqual(asTownship.json, { accepted: [], skipped: [{ id: mine1.id, reason: 'forbidden' }] }, 'seen but not theirs to work');

    const res = await call(t, w.people.cadreA, 'POST', '/api/cases/bulk/accept', { ids: [mine1.id, mine2.id, done.id, elsewhere.id, missing] });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.accepted, [mine1.id, mine2.id]);
    assert.deepEqual(res.json.skipped, [
      { id: done.id, reason: 'illegal_state' },
      { id: elsewhere.id, reason: 'not_found' },
      { id: missing, reason: 'not_found' },
    ]);
    for (const c of [mine1, mine2]) {
      const view = await call(t, w.people.cadreA, 'GET', `/api/cases/${c.id}`);
      assert.equal(view.json.status, 'accepted');
      assert.equal(view.json.respondedAt, '2026-11-20T02:00:00.000Z');
      assert.equal(view.json.timeline.at(-1).kind, 'accepted');
      const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', c.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(audit.action, 'case.accept');
    }
    const untouched = await call(t, w.people.cadreC, 'GET', `/api/cases/${elsewhere.id}`);
    assert.equal(untouched.json.status, 'assigned');
  });
});

describe('routing rules (administrators)', () => {
  test('401, 403 for others, 400 naming the field', async () => {
    assert.equal((await call(t, null, 'GET', '/api/cases/routing-rules')).status, 401);
    assert.equal((await call(t, w.people.township, 'GET', '/api/cases/routing-rules')).status, 403);
    const rule = { categoryCode: 'environment.garbage', regionPrefix: '430212', targetLevel: 'county', departmentType: '城管' };
    assert.equal((await call(t, w.people.cadreA, 'PUT', '/api/cases/routing-rules', rule)).status, 403);
    for (const [body, field] of [
      [{ ...rule, categoryCode: 'nope' }, 'categoryCode'],
      [{ ...rule, departmentType: '不存在局' }, 'departmentType'],
      [{ ...rule, targetLevel: 'village' }, 'departmentType'],
      [{ ...rule, regionPrefix: '4' }, 'regionPrefix'],
      [{ ...rule, targetLevel: 'province' }, 'targetLevel'],
    ] as const) {
      const res = await call(t, w.people.admin, 'PUT', '/api/cases/routing-rules', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error.field, field);
    }
    assert.equal((await call(t, w.people.admin, 'DELETE', '/api/cases/routing-rules/00000000-0000-4000-8000-000000000000')).status, 404);
  });

  test('an admin adds, replaces and deletes a rule; routing follows; each change is audited', async () => {
    const rule = { categoryCode: 'environment.garbage', regionPrefix: '430212', targetLevel: 'county', departmentType: '城管' };
    const put = await call(t, w.people.admin, 'PUT', '/api/cases/routing-rules', rule);
    assert.equal(put.status, 200);
    const routed = await fileCase(t, w.people.residentA, { categoryCode: 'environment.garbage', title: '垃圾没人清运', description: '垃圾堆了一周' });
    assert.equal(routed.handlingUnit.id, w.units.chengguan);
    const replaced = await call(t, w.people.admin, 'PUT', '/api/cases/routing-rules', { ...rule, targetLevel: 'township', departmentType: null });
    assert.equal(replaced.json.id, put.json.id);
    assert.equal(replaced.json.targetLevel, 'township');
    const list = await call(t, w.people.admin, 'GET', '/api/cases/routing-rules');
    assert.ok(list.json.items.some((r: any) => r.id === put.json.id && r.departmentType === null));
    assert.equal((await call(t, w.people.admin, 'DELETE', `/api/cases/routing-rules/${put.json.id}`)).status, 204);
    const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', put.json.id).orderBy('id').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['case.routing_rule.put', 'case.routing_rule.put', 'case.routing_rule.delete'],
    );
  });
});

describe('photos', () => {
  // A real 1×1 PNG: stored photos are parsed (their metadata is stripped), so the bytes must be an image.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
  const form = (bytes: Buffer, name = 'photo.png', type = 'image/png') => {
    const boundary = '----lianxin' + Math.random().toString(16).slice(2);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };
  const upload = (who: { headers: Record<string, string> } | null, id: string, bytes: Buffer, name?: string) => {
    const f = form(bytes, name);
    return t.app.inject({ method: 'POST', url: `/api/cases/${id}/attachments`, headers: { ...(who?.headers ?? {}), ...f.headers }, payload: f.payload });
  };

  test('401, 404 for a stranger, 400 for no file or not an image, 413 too large', async () => {
    const c = await fileCase(t, w.people.residentA);
    assert.equal((await upload(null, c.id, png)).statusCode, 401);
    assert.equal((await upload(w.people.residentC, c.id, png)).statusCode, 404);
    const text = await upload(w.people.residentA, c.id, Buffer.from('hello, not an image'), 'x.png');
    assert.equal(text.statusCode, 400);
    assert.equal(text.json().error.field, 'file');
    const none = await call(t, w.people.residentA, 'POST', `/api/cases/${c.id}/attachments`, {});
    assert.equal(none.status, 400);
    const big = await upload(w.people.residentA, c.id, Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]));
    assert.equal(big.statusCode, 413);
    assert.equal((await upload(w.people.township, c.id, png)).statusCode, 403, 'an overseer does not add evidence');
  });

  test('the requester adds a photo; those who see the case can fetch it; nine at most', async () => {
    const c = await fileCase(t, w.people.residentA);
    const res = await upload(w.people.residentA, c.id, png, '门口.png');
    assert.equal(res.statusCode, 200, res.body);
    const view = res.json();
    assert.equal(view.attachments.length, 1);
    assert.equal(view.attachments[0].fileName, '门口.png');
    assert.equal(view.attachments[0].contentType, 'image/png');
    assert.equal(view.timeline.at(-1).kind, 'attachment_added');
    const url = `/api/cases/${c.id}/attachments/${view.attachments[0].id}`;
    const got = await t.app.inject({ method: 'GET', url, headers: w.people.cadreA.headers });
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers['content-type'], 'image/png');
    assert.ok(got.rawPayload.equals(png));
    assert.equal((await call(t, w.people.residentC, 'GET', url)).status, 404);
    for (let i = 1; i < 9; i += 1) assert.equal((await upload(w.people.cadreA, c.id, png)).statusCode, 200);
    const tenth = await upload(w.people.residentA, c.id, png);
    assert.equal(tenth.statusCode, 409);
  });
});

describe('the makeCase factory', () => {
  test('files a case through the real intake', async () => {
    const { makeCase } = await import('../../testing/factories.js');
    const c = await makeCase(t, { requesterId: w.people.residentC.userId, region: PLACES.villageC, category: 'infrastructure.streetlight' });
    assert.equal(c.status, 'assigned');
    assert.equal(c.handling_unit_id, w.units.chengguan);
    const events = await t.db.selectFrom('case_events').select('kind').where('case_id', '=', c.id).orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['submitted', 'routed'],
    );
  });
});
