import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { actorOf, makeResident, makeStaff, signIn, type SignedIn } from '../../testing/factories.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/context.js';

const VILLAGE = '430212101201';
let t: TestApp;
let admin: SignedIn;
let adminActor: Actor;
let cadreActor: Actor;
let residentId: string;

/** Writes an entry the way a use case does, as `actor`, at a given time. */
async function write(actor: Actor | null, at: string, entry: Parameters<typeof audit>[2], ip = '10.0.0.1') {
  t.clock.set(at);
  await audit(t.db, { actor, ip, clock: t.clock }, entry);
}

before(async () => {
  t = await createTestApp();
  const adminId = await makeStaff(t.db, 'admin', '430200000000', '管理员甲');
  admin = await signIn(t, adminId);
  adminActor = await actorOf(t.db, adminId);
  cadreActor = await actorOf(t.db, await makeStaff(t.db, 'village_cadre', VILLAGE, '村干部乙'));
  residentId = (await makeResident(t.db, VILLAGE, '居民丙')).userId;
  const resident = await actorOf(t.db, residentId);

  await write(cadreActor, '2026-11-18T01:00:00Z', { action: 'case.assign', targetType: 'case', targetId: 'c-1', before: { status: 'submitted' }, after: { status: 'assigned' } });
  await write(cadreActor, '2026-11-19T01:00:00Z', { action: 'case.close', targetType: 'case', targetId: 'c-1' });
  await write(adminActor, '2026-11-19T17:00:00Z', { action: 'people.grant', targetType: 'person', targetId: cadreActor.userId, after: { role: 'village_cadre' } });
  await write(null, '2026-11-20T00:30:00Z', { action: 'post_hide', targetType: 'post', targetId: 'p-9' });
  await write(null, '2026-11-20T00:31:00Z', { action: 'postXhide', targetType: 'post', targetId: 'p-10' });
  // A whistle-blower's report: the log must not say who, nor from where.
  await write(resident, '2026-11-20T01:00:00Z', { action: 'case.submit', targetType: 'case', targetId: 'c-2', after: { type: 'supervision' }, confidential: true }, '10.9.9.9');
  // A careless writer: contents and personal data in the summary.
  await write(cadreActor, '2026-11-20T01:30:00Z', {
    action: 'case.reply',
    targetType: 'case',
    targetId: 'c-3',
    after: { status: 'in_progress', body: '举报村主任挪用水利资金', reporterPhone: '13812345678', note: '回电 13912345678，身份证 430202199001011234' },
  });
  t.clock.set('2026-11-20T02:00:00Z');
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = admin.headers) => t.app.inject({ method: 'GET', url, headers });

// ---- 401 --------------------------------------------------------------------

test('every audit route answers 401 to a signed-out caller', async () => {
  for (const url of ['/api/audit', '/api/audit/actions', '/api/audit/export.csv']) {
    const res = await t.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 401, url);
    assert.equal(res.json().error.code, 'unauthorized');
  }
});

// ---- 400 --------------------------------------------------------------------

test('bad filters are 400s naming the field, in the caller’s language', async () => {
  const cases: [string, string][] = [
    ['actorId=not-a-uuid', 'actorId'],
    ['from=2026-02-30', 'from'],
    ['from=2026%2F11%2F20', 'from'],
    ['to=2026-11-20T25:00:00Z', 'to'],
    ['to=2026-11-20T10:00:00', 'to'], // an instant needs its zone
    ['from=2026-11-20&to=2026-11-19', 'to'],
    ['from=2026-11-20T00:00:00Z&to=2026-11-20T00:00:00Z', 'to'],
    ['action=case.%25', 'action'],
    ['action=', 'action'],
    ['targetType=' + 'x'.repeat(61), 'targetType'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['pageSize=101', 'pageSize'],
    ['colour=red', 'colour'],
  ];
  for (const [query, field] of cases) {
    for (const route of ['/api/audit', '/api/audit/export.csv']) {
      if (route.endsWith('.csv') && /^page/.test(query)) continue;
      const res = await get(`${route}?${query}`);
      assert.equal(res.statusCode, 400, `${route}?${query}: ${res.body}`);
      assert.equal(res.json().error.field, field, `${route}?${query}: ${res.body}`);
    }
  }
  const zh = await get('/api/audit?from=2026-02-30');
  assert.equal(zh.json().error.message, '开始时间不是有效的日期或时间');
  const en = await get('/api/audit?from=2026-11-20&to=2026-11-01', { ...admin.headers, 'accept-language': 'en' });
  assert.equal(en.json().error.message, 'The end of the period must come after its start');
});

test('the export refuses page parameters, which mean nothing there', async () => {
  const res = await get('/api/audit/export.csv?page=2');
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'page');
});

// ---- 403 --------------------------------------------------------------------

test('residents, village cadres and discipline inspectors — even city-wide — are refused with 403', async () => {
  const people = [
    residentId,
    cadreActor.userId,
    await makeStaff(t.db, 'discipline_inspector', '430200000000', '市纪委丁'),
    await makeStaff(t.db, 'discipline_inspector', '430212101000', '镇纪委戊'),
    await makeStaff(t.db, 'township_official', '430212101000'),
  ];
  for (const userId of people) {
    const s = await signIn(t, userId);
    for (const url of ['/api/audit', '/api/audit/actions', '/api/audit/export.csv']) {
      const res = await get(url, s.headers);
      assert.equal(res.statusCode, 403, url);
      assert.equal(res.json().error.message, '只有系统管理员可以查看审计日志');
    }
  }
});

test('there is no write route: POST, PUT, PATCH and DELETE find nothing', async () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    const res = await t.app.inject({ method, url: '/api/audit', headers: admin.headers, payload: { action: 'x', targetType: 'y' } });
    assert.equal(res.statusCode, 404, method);
  }
  const res = await t.app.inject({ method: 'DELETE', url: '/api/audit/1', headers: admin.headers });
  assert.equal(res.statusCode, 404);
});

// ---- happy paths --------------------------------------------------------------

test('an administrator reads the log newest first, with actor names and roles', async () => {
  const res = await get('/api/audit');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.total, 7);
  assert.equal(body.page, 1);
  assert.equal(body.pageSize, 20);
  assert.deepEqual(body.abilities, { export: true });
  assert.deepEqual(
    body.items.map((e: any) => e.action),
    ['case.reply', 'case.submit', 'postXhide', 'post_hide', 'people.grant', 'case.close', 'case.assign'],
  );
  const grant = body.items.find((e: any) => e.action === 'people.grant');
  assert.deepEqual(grant.actor, { id: adminActor.userId, name: '管理员甲' });
  assert.deepEqual(grant.actorRoles, ['admin']);
  assert.equal(grant.ip, '10.0.0.1');
  assert.equal(grant.createdAt, '2026-11-19T17:00:00.000Z');
  const assign = body.items.find((e: any) => e.action === 'case.assign');
  assert.deepEqual(assign.before, { status: 'submitted' });
  assert.deepEqual(assign.after, { status: 'assigned' });
  assert.equal(body.items.find((e: any) => e.action === 'post_hide').actor, null);
});

test('a protected reporter’s entry records no actor and no address, in the table and in the view', async () => {
  const stored = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'case.submit').executeTakeFirstOrThrow();
  assert.equal(stored.actor_id, null);
  assert.equal(stored.actor_roles, null);
  assert.equal(stored.ip, null);
  const entry = (await get('/api/audit?action=case.submit')).json().items[0];
  assert.equal(entry.actor, null);
  assert.deepEqual(entry.actorRoles, []);
  assert.equal(entry.ip, null);
  assert.ok(!JSON.stringify(entry).includes(residentId));
  const byResident = await get(`/api/audit?actorId=${residentId}`);
  assert.equal(byResident.json().total, 0);
});

test('contents and personal data that a writer put in a summary are stripped and masked', async () => {
  const entry = (await get('/api/audit?action=case.reply')).json().items[0];
  assert.deepEqual(entry.after, {
    status: 'in_progress',
    body: '[redacted]',
    reporterPhone: '[redacted]',
    note: '回电 139****5678，身份证 430202********1234',
  });
});

test('filters: actor, action prefix (literal, not a pattern), target and period in Beijing days', async () => {
  const ids = async (query: string) => (await get(`/api/audit?${query}`)).json().items.map((e: any) => e.action);
  assert.deepEqual(await ids(`actorId=${cadreActor.userId}`), ['case.reply', 'case.close', 'case.assign']);
  assert.deepEqual(await ids('action=case.'), ['case.reply', 'case.submit', 'case.close', 'case.assign']);
  assert.deepEqual(await ids('action=case.close'), ['case.close']);
  // `_` is a LIKE wildcard: the prefix `post_` must not match `postXhide`.
  assert.deepEqual(await ids('action=post_'), ['post_hide']);
  assert.deepEqual(await ids('targetType=case&targetId=c-1'), ['case.close', 'case.assign']);
  assert.deepEqual(await ids('targetType=post'), ['postXhide', 'post_hide']);
  // 2026-11-20 in Beijing runs from 2026-11-19T16:00Z to 2026-11-20T16:00Z.
  assert.deepEqual(await ids('from=2026-11-20&to=2026-11-20'), ['case.reply', 'case.submit', 'postXhide', 'post_hide', 'people.grant']);
  assert.deepEqual(await ids('to=2026-11-19'), ['case.close', 'case.assign']);
  assert.deepEqual(await ids('from=2026-11-19T01:00:00Z&to=2026-11-20T00:31:00%2B00:00'), ['post_hide', 'people.grant', 'case.close']);
  assert.deepEqual(await ids(`actorId=${cadreActor.userId}&action=case.c`), ['case.close']);
  assert.deepEqual(await ids('action=nothing'), []);
});

test('pages of the log', async () => {
  const p1 = (await get('/api/audit?pageSize=3')).json();
  const p3 = (await get('/api/audit?pageSize=3&page=3')).json();
  const p4 = (await get('/api/audit?pageSize=3&page=4')).json();
  assert.equal(p1.total, 7);
  assert.deepEqual(p1.items.map((e: any) => e.action), ['case.reply', 'case.submit', 'postXhide']);
  assert.deepEqual(p3.items.map((e: any) => e.action), ['case.assign']);
  assert.equal(p3.page, 3);
  assert.deepEqual(p4.items, []);
});

test('GET /api/audit/actions lists each action name once, sorted', async () => {
  const res = await get('/api/audit/actions');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json().items, ['case.assign', 'case.close', 'case.reply', 'case.submit', 'people.grant', 'postXhide', 'post_hide']);
});

test('the CSV export: UTF-8 BOM, Chinese header, Beijing times, filters, newest first', async () => {
  const res = await get('/api/audit/export.csv?targetType=case');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.match(String(res.headers['content-disposition']), /^attachment; filename="lianxin-audit-\d{12}\.csv"$/);
  assert.equal(res.headers['x-row-count'], '4');
  assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines[0], '编号,时间（北京时间）,操作人编号,操作人,角色,操作,对象类型,对象编号,IP 地址,变更前（摘要）,变更后（摘要）');
  assert.equal(lines.length, 5);
  assert.deepEqual(lines.slice(1).map((l) => l.split(',')[5]), ['case.reply', 'case.submit', 'case.close', 'case.assign']);
  const assign = lines[4].split(',');
  assert.equal(assign[1], '2026-11-18 09:00:00');
  assert.equal(assign[2], cadreActor.userId);
  assert.equal(assign[3], '村干部乙');
  assert.equal(assign[4], 'village_cadre');
  assert.match(lines[4], /,"\{""status"":""submitted""\}","\{""status"":""assigned""\}"$/);
  // The protected reporter's row names nobody.
  assert.match(lines[2], /^\d+,2026-11-20 09:00:00,,系统,,case\.submit,case,c-2,,/);
});

test('the export strips contents and masks personal data like the list does', async () => {
  const csv = (await get('/api/audit/export.csv?action=case.reply')).body;
  assert.ok(csv.includes('[redacted]'), csv);
  assert.ok(!csv.includes('挪用'), csv);
  assert.ok(!csv.includes('13812345678') && !csv.includes('13912345678'), csv);
});

test('the export speaks English on request', async () => {
  const res = await get('/api/audit/export.csv?action=post', { ...admin.headers, 'accept-language': 'en-US,en;q=0.9' });
  const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines[0], 'No.,Time (Beijing time),Actor ID,Actor,Roles,Action,Target type,Target ID,IP address,Before (summary),After (summary)');
  assert.match(lines[1], /,System,/);
});

test('cells that a spreadsheet would run as formulas are neutralised', async () => {
  await write(adminActor, '2026-11-20T01:45:00Z', { action: 'people.rename', targetType: 'person', targetId: '=HYPERLINK("http://evil","x")' });
  t.clock.set('2026-11-20T02:00:00Z');
  const res = await get('/api/audit/export.csv?action=people.rename');
  const row = res.body.split('\r\n')[1];
  assert.ok(row.includes(`"'=HYPERLINK(""http://evil"",""x"")"`), row);
});

test('each export is itself recorded, with its filters and row count, and is not part of its own file', async () => {
  const res = await get('/api/audit/export.csv?action=case.&from=2026-11-01');
  assert.equal(res.statusCode, 200);
  const entry = await t.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'audit.export')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal(entry.actor_id, adminActor.userId);
  assert.deepEqual(entry.after, { filters: { action: 'case.', from: '2026-11-01' }, rows: 4 });
  const all = await get('/api/audit/export.csv');
  const before = Number(all.headers['x-row-count']);
  const rows = all.body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).length - 1;
  assert.equal(rows, before);
  assert.ok(!all.body.split('\r\n').slice(1).some((l) => l.includes(`,audit.export,`) && Number(l.split(',')[0]) > Number(entry.id)));
});

test('the audit routes are in the OpenAPI document, and only as GET', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  for (const path of ['/api/audit', '/api/audit/actions', '/api/audit/export.csv']) {
    assert.deepEqual(Object.keys(doc.paths[path]).sort(), ['get'], path);
  }
});

test('the table still refuses edits after all this reading', async () => {
  await assert.rejects(sql`update audit_log set action = 'x'`.execute(t.db), /append-only/);
  await assert.rejects(sql`delete from audit_log`.execute(t.db), /append-only/);
});
