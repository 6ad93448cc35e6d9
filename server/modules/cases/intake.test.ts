import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { signIn } from '../../testing/factories.js';
import { buildWorld, call, fileCase, PLACES, type World } from './test-helpers.js';
import { trackingDay, trackingNumber } from './new-case.js';

let t: TestApp;
let w: World;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
});
after(() => t.close());

const valid = () => ({
  categoryCode: 'environment.noise',
  title: '楼上装修噪音太大',
  description: '晚上十一点还在电钻施工，吵得老人睡不着。',
  regionCode: PLACES.villageA,
});

describe('POST /api/cases', () => {
  test('signed out, filing a case is a 401', async () => {
    const res = await call(t, null, 'POST', '/api/cases', valid());
    assert.equal(res.status, 401);
  });

  test('bad input is a 400 naming the field, and nothing is written', async () => {
    const before = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid(), title: undefined }, 'title'],
      [{ ...valid(), title: '   ' }, 'title'],
      [{ ...valid(), description: '      ' }, 'description'],
      [{ ...valid(), categoryCode: 'no.such' }, 'categoryCode'],
      [{ ...valid(), categoryCode: 'Bad Code' }, 'categoryCode'],
      [{ ...valid(), regionCode: '430212101299' }, 'regionCode'],
      [{ ...valid(), regionCode: '12' }, 'regionCode'],
      [{ ...valid(), lat: 27.7 }, 'lng'],
      [{ ...valid(), lat: 95, lng: 113 }, 'lat'],
      [{ ...valid(), isPublic: true, categoryCode: 'supervision.village_affairs' }, 'isPublic'],
      [{ ...valid(), callerPhone: '13900000000' }, 'callerPhone'],
      [{ ...valid(), priority: 'emergency' }, 'priority'],
      [{ ...valid(), colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await call(t, w.people.residentA, 'POST', '/api/cases', body);
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.json)}`);
      assert.equal(res.json.error.field, field, JSON.stringify(res.json));
      assert.ok(res.json.error.message.length > 0);
    }
    const afterCount = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });

  test('a category that forbids anonymity refuses an anonymous case', async () => {
    await t.db.updateTable('case_categories').set({ anonymity_allowed: false }).where('code', '=', 'market.price').execute();
    const res = await call(t, w.people.residentA, 'POST', '/api/cases', { ...valid(), categoryCode: 'market.price', isAnonymous: true });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.field, 'isAnonymous');
  });

  test('a bad Idempotency-Key header is a 400 naming it', async () => {
    const res = await call(t, w.people.residentA, 'POST', '/api/cases', valid(), { 'idempotency-key': 'bad key!' });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.field, 'idempotency-key');
  });

  test('a resident may not record a hotline call (403)', async () => {
    const res = await call(t, w.people.residentA, 'POST', '/api/cases', { ...valid(), channel: 'hotline', callerPhone: '13800001111' });
    assert.equal(res.status, 403);
  });

  test('a resident files a case: numbered, routed to the village, deadlines from the category, timeline and audit written', async () => {
    const c = await fileCase(t, w.people.residentA, valid());
    assert.match(c.trackingNumber, /^ZZ261120\d{4}$/);
    assert.equal(c.status, 'assigned');
    assert.equal(c.channel, 'app');
    assert.equal(c.handlingUnit.id, w.units.villageA);
    assert.equal(c.priority, 'normal');
    assert.equal(c.isPublic, true);
    assert.equal(c.responseDueAt, '2026-11-21T02:00:00.000Z');
    assert.equal(c.resolutionDueAt, '2026-11-27T02:00:00.000Z');
    assert.deepEqual(
      c.timeline.map((e: any) => [e.kind, e.fromStatus, e.toStatus]),
      [
        ['submitted', null, 'submitted'],
        ['routed', 'submitted', 'assigned'],
      ],
    );
    assert.equal(c.timeline[1].unitName, '双江村民委员会');
    assert.equal(c.requester.name, '张三丰');
    assert.equal(c.requester.masked, false);
    assert.equal(c.abilities.withdraw, true);
    assert.equal(c.abilities.accept, false);
    const row = await t.db.selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(row.county_code, '430212');
    assert.match(row.requester_phone ?? '', /^139\d{8}$/);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('target_id', '=', c.id).execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['case.submit'],
    );
  });

  test('tracking numbers count up within the day and start again on the next day in Shanghai', async () => {
    const a = await fileCase(t, w.people.residentA);
    const b = await fileCase(t, w.people.residentA);
    assert.equal(Number(b.trackingNumber.slice(-4)), Number(a.trackingNumber.slice(-4)) + 1);
    assert.equal(trackingDay(new Date('2026-11-20T15:59:59Z')), '261120');
    assert.equal(trackingDay(new Date('2026-11-20T16:00:00Z')), '261121');
    assert.equal(trackingNumber({ day: trackingDay(new Date('2026-11-22T01:00:00Z')), sequence: 1 }), 'ZZ2611220001');
    assert.equal(trackingNumber({ day: '261122', sequence: 12345 }), 'ZZ26112212345');
    t.clock.set('2026-11-20T16:30:00Z');
    try {
      const c = await fileCase(t, await signIn(t, w.people.residentA.userId));
      assert.equal(c.trackingNumber, 'ZZ2611210001');
    } finally {
      t.clock.set('2026-11-20T02:00:00Z');
    }
  });

  test('routing follows the rules: a department at the county, the township, the discipline inspectors', async () => {
    const light = await fileCase(t, w.people.residentA, { categoryCode: 'infrastructure.streetlight', title: '路灯不亮', description: '村口三盏路灯不亮一周了' });
    assert.equal(light.handlingUnit.id, w.units.chengguan);
    const dibao = await fileCase(t, w.people.residentA, { categoryCode: 'social.assistance', title: '低保申请', description: '想问低保申请需要什么材料' });
    assert.equal(dibao.handlingUnit.id, w.units.township);
    const report = await fileCase(t, w.people.residentA, {
      categoryCode: 'supervision.village_affairs',
      title: '村干部优亲厚友',
      description: '低保名额给了村干部亲戚',
      isAnonymous: true,
    });
    assert.equal(report.handlingUnit.id, w.units.jiwei);
    assert.equal(report.confidential, true);
    assert.equal(report.isPublic, false);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('target_id', '=', report.id).executeTakeFirstOrThrow();
    assert.equal(audit.actor_id, null, 'the reporter is not named in the audit log');
  });

  test('a rule whose department does not exist falls back to the village', async () => {
    const water = await fileCase(t, w.people.residentA, { categoryCode: 'utilities.water', title: '停水两天', description: '自来水管爆裂后一直停水' });
    assert.equal(water.handlingUnit.id, w.units.villageA);
    assert.equal(water.priority, 'urgent');
    assert.equal(water.resolutionDueAt, '2026-11-21T02:00:00.000Z');
    const routed = await t.db.selectFrom('case_events').selectAll().where('case_id', '=', water.id).where('kind', '=', 'routed').executeTakeFirstOrThrow();
    assert.equal((routed.data as any).fallback, true);
  });

  test('a longer region prefix wins: noise in 朱亭镇 goes to the township once an admin says so', async () => {
    const put = await call(t, w.people.admin, 'PUT', '/api/cases/routing-rules', {
      categoryCode: 'environment.noise',
      regionPrefix: '430212101',
      targetLevel: 'township',
    });
    assert.equal(put.status, 200, JSON.stringify(put.json));
    try {
      const here = await fileCase(t, w.people.residentA);
      assert.equal(here.handlingUnit.id, w.units.township);
      const there = await fileCase(t, w.people.residentC, { regionCode: PLACES.villageC });
      assert.equal(there.handlingUnit.id, w.units.villageC);
    } finally {
      await call(t, w.people.admin, 'DELETE', `/api/cases/routing-rules/${put.json.id}`);
    }
  });

  test('staff may raise the priority: an emergency gets 1 h to respond and 2 h to resolve', async () => {
    const c = await fileCase(t, w.people.operator, {
      channel: 'hotline',
      callerPhone: '13800001111',
      priority: 'emergency',
      title: '下水道堵塞污水外溢',
      description: '污水漫到路上了',
    });
    assert.equal(c.priority, 'emergency');
    assert.equal(c.responseDueAt, '2026-11-20T03:00:00.000Z');
    assert.equal(c.resolutionDueAt, '2026-11-20T04:00:00.000Z');
  });

  test('a hotline operator records a call: the caller is the requester, not linked to an account', async () => {
    const c = await fileCase(t, w.people.operator, { channel: 'hotline', callerName: '刘大爷', callerPhone: '13812345678' });
    assert.equal(c.channel, 'hotline');
    assert.deepEqual(c.requester, { name: '刘大爷', phone: '13812345678', masked: false });
    const row = await t.db.selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(row.requester_user_id, null);
    assert.equal(row.created_by, w.people.operator.userId);
    const report = await fileCase(t, w.people.operator, {
      channel: 'hotline',
      callerPhone: '13812345679',
      categoryCode: 'supervision.village_affairs',
      title: '来电举报村干部',
      description: '来电人反映村干部截留补助',
    });
    assert.equal(report.confidential, true);
    assert.equal(report.requester.phone, '13812345679', 'the operator who took the call still sees what they wrote down');
    assert.equal((await call(t, w.people.cadreA, 'GET', `/api/cases/${report.id}`)).status, 404);
    assert.equal((await call(t, w.people.inspector, 'GET', `/api/cases/${report.id}`)).json.requester.phone, '13812345679');
    const missing = await call(t, w.people.operator, 'POST', '/api/cases', { ...valid(), channel: 'hotline' });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.field, 'callerPhone');
  });
});

describe('idempotency', () => {
  test('the same Idempotency-Key creates one case and returns the same tracking number', async () => {
    const key = 'tap-0001-abcdef';
    const first = await call(t, w.people.residentA2, 'POST', '/api/cases', valid(), { 'idempotency-key': key });
    const again = await call(t, w.people.residentA2, 'POST', '/api/cases', valid(), { 'idempotency-key': key });
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.equal(again.json.id, first.json.id);
    assert.equal(again.json.trackingNumber, first.json.trackingNumber);
    const rows = await t.db.selectFrom('cases').select('id').where('idempotency_key', '=', key).execute();
    assert.equal(rows.length, 1);
  });

  test('a double tap at the same moment still creates one case', async () => {
    const key = 'tap-0002-concurrent';
    const results = await Promise.all([1, 2, 3].map(() => call(t, w.people.residentA2, 'POST', '/api/cases', valid(), { 'idempotency-key': key })));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 201]);
    assert.equal(new Set(results.map((r) => r.json.id)).size, 1);
    const rows = await t.db.selectFrom('cases').select('id').where('idempotency_key', '=', key).execute();
    assert.equal(rows.length, 1);
  });

  test('the same key from another person is another case; the same key for another text is a 409', async () => {
    const key = 'tap-0003-shared';
    const mine = await call(t, w.people.residentA2, 'POST', '/api/cases', valid(), { 'idempotency-key': key });
    const theirs = await call(t, w.people.residentC, 'POST', '/api/cases', { ...valid(), regionCode: PLACES.villageC }, { 'idempotency-key': key });
    assert.equal(mine.status, 201);
    assert.equal(theirs.status, 201);
    assert.notEqual(mine.json.id, theirs.json.id);
    const reused = await call(t, w.people.residentA2, 'POST', '/api/cases', { ...valid(), title: '另一件事' }, { 'idempotency-key': key });
    assert.equal(reused.status, 409);
    assert.equal(reused.json.error.field, 'idempotency-key');
  });
});

describe('intakes arriving together (written as one batch)', () => {
  const people = () => [w.people.residentA, w.people.residentA2, w.people.residentC];

  test('each gets its own number, timeline and audit row', async () => {
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) => {
        const who = people()[i % 3]!;
        const body = who === w.people.residentC ? { ...valid(), regionCode: PLACES.villageC } : valid();
        return call(t, who, 'POST', '/api/cases', { ...body, title: `同时提交的第${i}件` });
      }),
    );
    assert.deepEqual(results.map((r) => r.status), Array(9).fill(201));
    assert.equal(new Set(results.map((r) => r.json.trackingNumber)).size, 9);
    for (const [i, r] of results.entries()) {
      const c = await t.db.selectFrom('cases').select(['title', 'tracking_number', 'requester_user_id']).where('id', '=', r.json.id).executeTakeFirstOrThrow();
      assert.equal(c.title, `同时提交的第${i}件`);
      assert.equal(c.tracking_number, r.json.trackingNumber);
      assert.equal(c.requester_user_id, people()[i % 3]!.userId);
      const events = await t.db.selectFrom('case_events').select(['id', 'kind']).where('case_id', '=', r.json.id).orderBy('id').execute();
      assert.deepEqual(events.map((e) => e.kind), ['submitted', 'routed']);
      assert.deepEqual(r.json.timeline.map((e: { id: number }) => e.id), events.map((e) => e.id), 'the answer shows this case\'s own timeline rows');
      const audit = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', r.json.id).execute();
      assert.deepEqual(audit.map((a) => a.action), ['case.submit']);
    }
  });

  test('text with quotes, backslashes, braces, commas and line breaks, and numbers and empty fields, arrive exactly as sent', async () => {
    // A batch travels as one array literal per column: every character that array syntax treats specially, in each column.
    const awkward = [
      { title: '引号"和反斜杠\\以及{大括号},逗号', description: '第一行\n第二行\t制表 NULL "NULL" {a,b}', address: '建设路"12"号, {3}栋', lat: 27.8274, lng: 113.1341 },
      { title: 'NULL', description: '\\"', address: undefined, lat: undefined, lng: undefined },
      { title: '普通标题', description: '普通描述', address: '', lat: -0.000001, lng: 179.9999999 },
    ];
    const results = await Promise.all(awkward.map((a) => call(t, w.people.residentA, 'POST', '/api/cases', { ...valid(), ...a })));
    assert.deepEqual(results.map((r) => r.status), [201, 201, 201]);
    for (const [i, r] of results.entries()) {
      const c = await t.db.selectFrom('cases').select(['title', 'description', 'address', 'lat', 'lng', 'requester_phone']).where('id', '=', r.json.id).executeTakeFirstOrThrow();
      const a = awkward[i]!;
      assert.deepEqual(
        { title: c.title, description: c.description, address: c.address, lat: c.lat, lng: c.lng },
        { title: a.title.trim(), description: a.description.trim(), address: a.address?.trim() || null, lat: a.lat ?? null, lng: a.lng ?? null },
      );
    }
    const vector = await t.db.selectFrom('cases').select(sql<string>`search::text`.as('v')).where('id', '=', results[0]!.json.id).executeTakeFirstOrThrow();
    assert.match(vector.v, /'斜杠':\d+A/, 'the title\'s words, weight A');
    assert.match(vector.v, /'第二行':\d+B/, 'the description\'s words, weight B');
  });

  test('one bad case in a batch is answered alone; the others are written', async () => {
    const before = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bodies = [valid(), valid(), { ...valid(), regionCode: '430212101299' }, valid()];
    const results = await Promise.all(bodies.map((b, i) => call(t, w.people.residentA2, 'POST', '/api/cases', { ...b, title: `一批里的第${i}件` })));
    assert.deepEqual(results.map((r) => r.status), [201, 201, 400, 201]);
    assert.equal(results[2]!.json.error.field, 'regionCode');
    const after = await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(after.n, before.n + 3);
    const orphans = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'case.submit').where('target_id', 'not in', t.db.selectFrom('cases').select(sql<string>`id::text`.as('id'))).execute();
    assert.equal(orphans.length, 0, 'no audit row for a case that was not written');
  });
});

describe('category suggestion, catalogue and similar cases', () => {
  test('GET /api/cases/categories lists the catalogue with time limits', async () => {
    const res = await call(t, null, 'GET', '/api/cases/categories');
    assert.equal(res.status, 200);
    const noise = res.json.items.find((c: any) => c.code === 'environment.noise');
    assert.deepEqual([noise.responseHours, noise.resolutionHours, noise.parentCode], [24, 168, 'environment']);
    const emergency = res.json.items.find((c: any) => c.code === 'emergency');
    assert.equal(emergency.resolutionHours, 2);
    assert.equal(res.json.items.find((c: any) => c.code === 'utilities.heating').resolutionHours, 24);
    assert.equal(res.json.items.find((c: any) => c.code === 'dispute.neighbour').resolutionHours, 360);
  });

  test('suggest-category: 400 without text', async () => {
    const res = await call(t, null, 'GET', '/api/cases/suggest-category');
    assert.equal(res.status, 400);
    assert.equal(res.json.error.field, 'text');
  });

  test('suggest-category scores keywords found by jieba', async () => {
    const expect = async (text: string, code: string) => {
      const res = await call(t, null, 'GET', `/api/cases/suggest-category?text=${encodeURIComponent(text)}`);
      assert.equal(res.status, 200);
      assert.equal(res.json.items[0]?.code, code, `${text}: ${JSON.stringify(res.json.items)}`);
    };
    await expect('楼上装修噪音太大，晚上睡不着', 'environment.noise');
    await expect('村口路灯不亮好几天了', 'infrastructure.streetlight');
    await expect('想申请低保，家里困难', 'social.assistance');
    await expect('电梯困人了快来', 'emergency.trapped');
    await expect('我们小区的电梯经常停运', 'housing.elevator');
    const none = await call(t, null, 'GET', `/api/cases/suggest-category?text=${encodeURIComponent('你好')}`);
    assert.deepEqual(none.json.items, []);
  });

  test('similar: 400 for a bad region, lat without lng', async () => {
    assert.equal((await call(t, null, 'GET', '/api/cases/similar?regionCode=abc&text=电梯')).status, 400);
    const res = await call(t, null, 'GET', `/api/cases/similar?regionCode=${PLACES.villageB}&text=${encodeURIComponent('电梯坏了')}&lat=27.5`);
    assert.equal(res.status, 400);
    assert.equal(res.json.error.field, 'lng');
  });

  test('similar: open look-alike cases in the village or within 500 m, public or mine only', async () => {
    const here = { lat: 27.4, lng: 113.1 };
    const pub = await fileCase(t, w.people.residentA, { title: '小区3栋电梯坏了三天没人修', description: '电梯坏了老人上不了楼', regionCode: PLACES.villageB, ...here });
    const priv = await fileCase(t, w.people.residentA, { title: '3栋电梯坏了', description: '电梯坏了', regionCode: PLACES.villageB, isPublic: false });
    const far = await fileCase(t, w.people.residentC, { title: '电梯坏了好几天', description: '电梯坏了', regionCode: PLACES.villageC, lat: 27.5, lng: 113.1 });
    const near = await fileCase(t, w.people.residentC, { title: '电梯坏了没人管', description: '电梯坏了', regionCode: PLACES.villageC, lat: 27.402, lng: 113.101 });
    const other = await fileCase(t, w.people.residentA, { title: '路灯不亮', description: '路灯不亮', regionCode: PLACES.villageB, categoryCode: 'infrastructure.streetlight' });

    const url = `/api/cases/similar?regionCode=${PLACES.villageB}&text=${encodeURIComponent('电梯坏了')}&lat=${here.lat}&lng=${here.lng}`;
    const asStranger = await call(t, w.people.residentA2, 'GET', url);
    assert.equal(asStranger.status, 200);
    const ids = asStranger.json.items.map((i: any) => i.id);
    assert.ok(ids.includes(pub.id));
    assert.ok(ids.includes(near.id), 'within 500 m though in another village');
    assert.ok(!ids.includes(far.id), '11 km away');
    assert.ok(!ids.includes(priv.id), 'someone else’s private case');
    assert.ok(!ids.includes(other.id), 'not alike');
    const nearItem = asStranger.json.items.find((i: any) => i.id === near.id);
    assert.ok(nearItem.distanceMeters > 100 && nearItem.distanceMeters < 500, String(nearItem.distanceMeters));

    const asOwner = await call(t, w.people.residentA, 'GET', url);
    const mine = asOwner.json.items.find((i: any) => i.id === priv.id);
    assert.equal(mine?.mine, true);

    await call(t, w.people.residentA, 'POST', `/api/cases/${pub.id}/withdraw`, {});
    const afterWithdraw = await call(t, w.people.residentA2, 'GET', url);
    assert.ok(!afterWithdraw.json.items.some((i: any) => i.id === pub.id), 'closed cases are not offered');
  });
});
