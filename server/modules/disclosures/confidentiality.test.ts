import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import type { LiveEvent } from '../../platform/live/live-hub.js';
import { api, buildWorld, draft, addEntries, makeFunds, publish, V, type World } from './test-helpers.js';

/**
 * A confidential report about a publication reaches the township's
 * discipline inspectors; who reported is visible to them alone — never to
 * the village's cadres (the cadre reported), the supervision committee, the
 * township's officials, other townships' inspectors, administrators, nor in
 * any list, export, audit row, live notification or error message.
 */
let t: TestApp;
let w: World;
let a: ReturnType<typeof api>;
let pub: string;
let entryId: string;
let caseId: string;
let reporter: { id: string; name: string; phone: string };
const events: LiveEvent[] = [];

const leaks = (text: string) => [reporter.id, reporter.name, reporter.phone, reporter.phone.slice(-4) + '"'].filter((s) => text.includes(s));

before(async () => {
  t = await createTestApp({ live: true });
  w = await buildWorld(t);
  a = api(t);
  const f = await makeFunds(t, w.people.cadreA, V.villageA, [{ code: 'DL', name: '道路拓宽工程', kind: 'project' }]);
  pub = await draft(t, w.people.cadreA, V.villageA, '2026-07');
  [entryId] = await addEntries(t, w.people.cadreA, pub, [
    { entryDate: '2026-07-25', voucherNo: '记-07-004', direction: 'expense', amountFen: 14_840_000, counterparty: '渌口区路桥工程队', purpose: '村道拓宽', fundId: f.DL },
  ]);
  await publish(t, w.people.cadreA, w.people.supervisorA, pub);
  const u = await t.db.selectFrom('users').select(['id', 'name', 'phone']).where('id', '=', w.ids.residentA).executeTakeFirstOrThrow();
  reporter = { id: u.id, name: u.name, phone: u.phone! };
  const unitA = (await t.db.selectFrom('units').select('id').where('region_code', '=', V.villageA).executeTakeFirstOrThrow()).id;
  const topics = [`user:${w.ids.cadreA}`, `user:${w.ids.supervisorA}`, `user:${w.ids.township}`, `unit:${unitA}`, `unit:${w.jiwei}`, `dispatch:430212`, `disclosures:${V.villageA}`, 'disclosures'];
  t.app.live!.subscribe(topics, (e) => events.push(e));
});
after(() => t.close());

describe('POST /api/disclosures/publications/:id/reports', () => {
  const body = { description: '水利专项资金被挪去修路，没有开村民代表会', entryIds: [] as string[] };
  test('401 signed out; 400 naming the field for a short text or entries of another publication; 404 for an unknown publication', async () => {
    assert.equal((await a.post(`/api/disclosures/publications/${pub}/reports`, undefined, body)).statusCode, 401);
    const short = await a.post(`/api/disclosures/publications/${pub}/reports`, w.people.residentA, { description: '钱' });
    assert.equal(short.statusCode, 400);
    assert.equal(short.json().error.field, 'description');
    const other = await a.post(`/api/disclosures/publications/${pub}/reports`, w.people.residentA, { ...body, entryIds: ['00000000-0000-4000-8000-000000000000'] });
    assert.equal(other.json().error.field, 'entryIds');
    assert.deepEqual(leaks(other.body), []);
    assert.equal((await a.post('/api/disclosures/publications/00000000-0000-4000-8000-000000000000/reports', w.people.residentA, body)).statusCode, 404);
  });
  test('a resident reports: a confidential case routed to 朱亭镇纪委', async () => {
    const res = await a.post(`/api/disclosures/publications/${pub}/reports`, w.people.residentA, { ...body, entryIds: [entryId], isAnonymous: false });
    assert.equal(res.statusCode, 201, res.body);
    caseId = res.json().caseId;
    assert.match(res.json().trackingNumber, /^ZZ\d{10}/);
    assert.equal(res.json().routedTo, '朱亭镇纪委');
    const row = await t.db.selectFrom('cases').select(['confidential', 'is_public', 'category_code', 'description']).where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.equal(row.confidential, true);
    assert.equal(row.is_public, false);
    assert.equal(row.category_code, 'supervision.village_affairs');
    assert.match(row.description, /记-07-004/);
    assert.match(row.description, new RegExp(pub));
  });
});

describe('who can see the reporter', () => {
  test('the township’s discipline inspector sees the report and who made it', async () => {
    const res = await a.get(`/api/cases/${caseId}`, w.people.inspector);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().requester.name, reporter.name);
  });
  test('the cadre reported, the supervision committee, township officials and other townships’ inspectors cannot open it', async () => {
    for (const who of ['cadreA', 'supervisorA', 'township', 'inspectorOther', 'cadreB'] as const) {
      const res = await a.get(`/api/cases/${caseId}`, w.people[who]);
      assert.equal(res.statusCode, 404, who);
      assert.deepEqual(leaks(res.body), [], who);
    }
  });
  test('an administrator may read the report, but not who made it', async () => {
    const res = await a.get(`/api/cases/${caseId}`, w.people.admin);
    if (res.statusCode === 200) assert.equal(res.json().requester, null);
    assert.deepEqual(leaks(res.body), []);
  });
  test('no list names the reporter: case queues, public cases, the publication, its comments, flags', async () => {
    for (const who of ['cadreA', 'township', 'supervisorA'] as const) {
      const queue = await a.get('/api/cases/queue?pageSize=100', w.people[who]);
      assert.ok(!queue.body.includes(caseId), who);
      assert.deepEqual(leaks(queue.body), [], who);
    }
    assert.ok((await a.get('/api/cases/queue?pageSize=100', w.people.inspector)).body.includes(caseId));
    assert.ok(!(await a.get('/api/cases/public?pageSize=100')).body.includes(caseId));
    for (const url of [`/api/disclosures/publications/${pub}`, `/api/disclosures/publications/${pub}/comments`, `/api/disclosures/villages/${V.villageA}/publications`, `/api/disclosures/flags?region=${V.villageA}`]) {
      for (const who of [w.people.admin, w.people.supervisorA, w.people.cadreA]) assert.deepEqual(leaks((await a.get(url, who)).body), [], url);
    }
  });
  test('no audit row holds the reporter — not as actor, not in before/after — nor does the audit view or its CSV export', async () => {
    const rows = await t.db.selectFrom('audit_log').selectAll().where('target_id', '=', caseId).execute();
    assert.ok(rows.length >= 1);
    for (const r of rows) {
      assert.equal(r.actor_id, null);
      assert.equal(r.ip, null);
    }
    const all = await t.db.selectFrom('audit_log').selectAll().execute();
    assert.deepEqual(all.filter((r) => leaks(JSON.stringify(r)).length > 0).map((r) => r.action), []);
    const view = await a.get('/api/audit?pageSize=100', w.people.admin);
    assert.equal(view.statusCode, 200);
    assert.deepEqual(leaks(view.body), []);
    const csv = await a.get('/api/audit/export.csv', w.people.admin);
    assert.equal(csv.statusCode, 200);
    assert.deepEqual(leaks(csv.body), []);
  });
  test('no error message names the reporter: the cadre acting on the case, its attachments, a bad report by the reporter', async () => {
    for (const who of ['cadreA', 'township', 'supervisorA', 'inspectorOther'] as const) {
      for (const [method, path, body] of [
        ['POST', 'reply', { body: '已核实' }],
        ['POST', 'resolve', { body: '已处理' }],
        ['POST', 'transfer', { unitId: w.jiwei, reason: '转办' }],
        ['POST', 'follow', {}],
        ['GET', 'attachments/00000000-0000-4000-8000-000000000000', undefined],
      ] as const) {
        const res = await t.app.inject({ method, url: `/api/cases/${caseId}/${path}`, headers: w.people[who].headers, ...(body ? { payload: body } : {}) });
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${who} ${path}: ${res.statusCode}`);
        assert.deepEqual(leaks(res.body), [], `${who} ${path}`);
      }
    }
    const bad = await a.post(`/api/disclosures/publications/${pub}/reports`, w.people.residentA, { body: '短' }, { 'idempotency-key': 'conf-bad-1' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(leaks(bad.body), []);
  });
  test('no live notification to the village, its cadres, the township or the inspectors’ unit carries the reporter', async () => {
    await sleep(300);
    assert.ok(events.some((e) => e.topic === `unit:${w.jiwei}` || e.topic === 'dispatch:430212'), 'the inspectors’ queue was told');
    assert.deepEqual(events.filter((e) => leaks(JSON.stringify(e)).length > 0), []);
  });
});
