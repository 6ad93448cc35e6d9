import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { api, buildWorld, draft, publish, V, type World } from './test-helpers.js';

/** The compliance board, per-region settings and public comments. */
let t: TestApp;
let w: World;
let a: ReturnType<typeof api>;
let july: string;

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  a = api(t);
  // 双江村: July on time (published 2026-08-10), August late (2026-09-20), September and October missing (due 15 November); 石泉村 publishes nothing.
  t.clock.set('2026-08-10T02:00:00Z');
  july = await draft(t, w.people.cadreA, V.villageA, '2026-07');
  await publish(t, w.people.cadreA, w.people.supervisorA, july);
  t.clock.set('2026-09-20T02:00:00Z');
  await publish(t, w.people.cadreA, w.people.supervisorA, await draft(t, w.people.cadreA, V.villageA, '2026-08'));
  t.clock.set('2026-11-20T02:00:00Z');
});
after(() => t.close());

describe('GET /api/disclosures/compliance', () => {
  const url = `/api/disclosures/compliance?region=${V.township}&from=2026-07&to=2026-11`;
  test('401 signed out; 400 for a bad or too long range; 403 for residents, cadres, the committee and another township', async () => {
    assert.equal((await a.get(url)).statusCode, 401);
    assert.equal((await a.get(`/api/disclosures/compliance?region=${V.township}&from=2026-09&to=2026-07`, w.people.township)).json().error.field, 'from');
    assert.equal((await a.get(`/api/disclosures/compliance?region=${V.township}&from=2020-01&to=2026-07`, w.people.township)).statusCode, 400);
    assert.equal((await a.get(`/api/disclosures/compliance?region=${V.township}&from=2026-7&to=2026-09`, w.people.township)).json().error.field, 'from');
    for (const who of ['residentA', 'cadreA', 'supervisorA', 'townshipOther'] as const) assert.equal((await a.get(url, w.people[who])).statusCode, 403, who);
  });
  test('the township sees every village month by month: on time, late, missing, pending', async () => {
    const res = await a.get(url, w.people.township);
    assert.equal(res.statusCode, 200, res.body);
    const board = res.json();
    assert.deepEqual(board.periods, ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const row = board.villages.find((v: { regionCode: string }) => v.regionCode === V.villageA);
    assert.deepEqual(row.months.map((m: { state: string }) => m.state), ['on_time', 'late', 'missing', 'missing', 'pending']);
    assert.equal(row.months[1].daysLate, 5);
    assert.equal(row.months[1].dueOn, '2026-09-15');
    const shiquan = board.villages.find((v: { regionCode: string }) => v.regionCode === V.villageB);
    assert.deepEqual(shiquan.counts, { on_time: 0, late: 0, missing: 4, pending: 1 });
    assert.equal(board.totals.missing, 6);
    assert.equal(board.byPeriod[0].counts.on_time, 1);
  });
  test('the district’s inspectors and admins see it too; a district board lists the villages of every township', async () => {
    assert.equal((await a.get(url, w.people.inspector)).statusCode, 200);
    const county = (await a.get(`/api/disclosures/compliance?region=${V.county}&from=2026-07&to=2026-07`, w.people.admin)).json();
    assert.deepEqual(county.villages.map((v: { regionCode: string }) => v.regionCode).sort(), [V.villageC, V.villageA, V.villageB].sort());
  });
});

describe('/api/disclosures/settings/:code', () => {
  test('public to read, with the defaults (15th, 5,000 yuan cash limit)', async () => {
    const s = (await a.get(`/api/disclosures/settings/${V.villageA}`)).json();
    assert.equal(s.dueDay, 15);
    assert.equal(s.cashLimitFen, 500_000);
    assert.equal(s.inheritedFrom, null);
    assert.equal((await a.get('/api/disclosures/settings/430212101299')).statusCode, 404);
  });
  test('401/400/403: only officials of the region (or admins) change it', async () => {
    assert.equal((await a.put(`/api/disclosures/settings/${V.township}`, undefined, { dueDay: 20 })).statusCode, 401);
    assert.equal((await a.put(`/api/disclosures/settings/${V.township}`, w.people.township, { dueDay: 40 })).json().error.field, 'dueDay');
    assert.equal((await a.put(`/api/disclosures/settings/${V.township}`, w.people.township, { requiredKinds: ['nonsense'] })).statusCode, 400);
    for (const who of ['cadreA', 'supervisorA', 'townshipOther', 'inspector'] as const) assert.equal((await a.put(`/api/disclosures/settings/${V.township}`, w.people[who], { dueDay: 20 })).statusCode, 403, who);
  });
  test('a township’s due day applies to its villages and moves the board; it is audited', async () => {
    const res = await a.put(`/api/disclosures/settings/${V.township}`, w.people.township, { dueDay: 25, cashLimitFen: 300_000 });
    assert.equal(res.statusCode, 200, res.body);
    const s = (await a.get(`/api/disclosures/settings/${V.villageA}`)).json();
    assert.equal(s.dueDay, 25);
    assert.equal(s.inheritedFrom, V.township);
    const board = (await a.get(`/api/disclosures/compliance?region=${V.township}&from=2026-08&to=2026-08`, w.people.township)).json();
    assert.equal(board.villages.find((v: { regionCode: string }) => v.regionCode === V.villageA).months[0].state, 'on_time', 'published 20 September, due 25 September');
    const row = await t.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'disclosures.settings').executeTakeFirstOrThrow();
    assert.equal((row.before as { dueDay: number }).dueDay, 15);
    assert.equal((row.after as { dueDay: number }).dueDay, 25);
  });
});

describe('comments on a publication', () => {
  let commentId: string;
  test('anyone reads; 401 to comment signed out; 400 for a blank comment; 403 for a resident of another village; 404 for a draft', async () => {
    assert.equal((await a.get(`/api/disclosures/publications/${july}/comments`)).statusCode, 200);
    assert.equal((await a.post(`/api/disclosures/publications/${july}/comments`, undefined, { body: '问' })).statusCode, 401);
    assert.equal((await a.post(`/api/disclosures/publications/${july}/comments`, w.people.residentA, { body: '  ' })).json().error.field, 'body');
    assert.equal((await a.post(`/api/disclosures/publications/${july}/comments`, w.people.residentB, { body: '我也想问' })).statusCode, 403);
    const d = await draft(t, w.people.cadreA, V.villageA, '2026-10');
    assert.equal((await a.post(`/api/disclosures/publications/${d}/comments`, w.people.residentA, { body: '问' })).statusCode, 404);
  });
  test('a resident asks; the public sees the name masked; the village answers in the thread', async () => {
    const res = await a.post(`/api/disclosures/publications/${july}/comments`, w.people.residentA, { body: '7月份的电费为什么这么高？' });
    assert.equal(res.statusCode, 201, res.body);
    commentId = res.json().items[0].id;
    assert.equal((await a.get(`/api/disclosures/publications/${july}/comments`)).json().items[0].author, '谭*明');
    assert.equal((await a.post(`/api/disclosures/comments/${commentId}/replies`, w.people.residentA, { body: '我自己答' })).statusCode, 403);
    assert.equal((await a.post(`/api/disclosures/comments/${commentId}/replies`, w.people.cadreB, { body: '答' })).statusCode, 403);
    assert.equal((await a.post('/api/disclosures/comments/00000000-0000-4000-8000-000000000000/replies', w.people.cadreA, { body: '答' })).statusCode, 404);
    const answered = await a.post(`/api/disclosures/comments/${commentId}/replies`, w.people.cadreA, { body: '7月抽水排涝，用电多，票据已附。' });
    assert.equal(answered.statusCode, 201);
    const thread = (await a.get(`/api/disclosures/publications/${july}/comments`)).json().items[0];
    assert.equal(thread.replies[0].authorRole, 'village');
    assert.equal(thread.replies[0].author, '双江村村（居）民委员会'.replace('村村（居）', '村'));
    const replyId = thread.replies[0].id;
    assert.equal((await a.post(`/api/disclosures/comments/${replyId}/replies`, w.people.cadreA, { body: '再答' })).statusCode, 409);
  });
});
