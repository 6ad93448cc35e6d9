import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { signIn } from '../../testing/factories.js';
import { buildWorld, call, fileCase, act, PLACES, type World } from './test-helpers.js';

/**
 * GET /api/cases/stats and the exports: figures, drill-down, grouping,
 * trend, who may see what (a policy matrix), bad input, and that the figures
 * are the queue's rows.
 */

let t: TestApp;
let w: World;
const MIN = 60_000;
const START = '2026-11-20T02:00:00Z';
const ids: Record<string, string> = {};

before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
  t.clock.set(START);
  const p = w.people;
  // 双江村: three noise cases; one accepted after 30 min and resolved after 2 h, rated 满意; one rated 不满意; one withdrawn.
  ids.a1 = (await fileCase(t, p.residentA, { title: '夜市噪音一' })).id;
  ids.a2 = (await fileCase(t, p.residentA, { title: '夜市噪音二' })).id;
  ids.a3 = (await fileCase(t, p.residentA2, { title: '夜市噪音三' })).id;
  // 石泉村 (same township) and 王家洲社区 (another township); a street light for the county's 城管.
  ids.b1 = (await fileCase(t, p.residentA2, { title: '广场舞喇叭', regionCode: PLACES.villageB })).id;
  ids.c1 = (await fileCase(t, p.residentC, { title: '垃圾堆放', regionCode: PLACES.villageC, categoryCode: 'environment.garbage' })).id;
  ids.light = (await fileCase(t, p.residentA, { title: '路灯不亮', categoryCode: 'infrastructure.streetlight' })).id;
  ids.water = (await fileCase(t, p.residentA, { title: '停水三天', categoryCode: 'utilities.water' })).id;
  ids.report = (await fileCase(t, p.residentA, { categoryCode: 'supervision.village_affairs', title: '村干部优亲厚友', description: '低保名额给了亲戚', isPublic: false })).id;

  t.clock.set(new Date(Date.parse(START) + 30 * MIN));
  const cadre = await signIn(t, p.cadreA.userId);
  await act(t, cadre, ids.a1!, 'accept');
  await act(t, cadre, ids.a2!, 'accept');
  t.clock.set(new Date(Date.parse(START) + 120 * MIN));
  const cadre2 = await signIn(t, p.cadreA.userId);
  await act(t, cadre2, ids.a1!, 'resolve', { result: '已协调夜市十点收摊' });
  await act(t, cadre2, ids.a2!, 'resolve', { result: '已处理' });
  const ra = await signIn(t, p.residentA.userId);
  await act(t, ra, ids.a1!, 'rate', { rating: 'satisfied' });
  await act(t, ra, ids.a2!, 'rate', { rating: 'dissatisfied' });
  await act(t, await signIn(t, p.residentA2.userId), ids.a3!, 'withdraw', {});
  // Three hours in: the water cut (2 h to accept) is overdue.
  t.clock.set(new Date(Date.parse(START) + 180 * MIN));
});
after(() => t.close());

const who = async (name: keyof World['people']) => signIn(t, w.people[name].userId);
const stats = async (name: keyof World['people'] | null, query: string) => call(t, name ? await who(name) : null, 'GET', `/api/cases/stats?from=2026-11-01&to=2026-11-30&${query}`);

describe('GET /api/cases/stats', () => {
  test('401 signed out; 403 for residents, volunteers, medics; 400 naming the field', async () => {
    assert.equal((await stats(null, '')).status, 401);
    for (const p of ['residentA', 'volunteer', 'medic', 'supervisor'] as const) assert.equal((await stats(p, '')).status, 403, p);
    for (const [query, field] of [
      ['regionPrefix=43021', 'regionPrefix'],
      ['regionPrefix=x', 'regionPrefix'],
      ['regionPrefix=439900', 'regionPrefix'],
      ['category=nope.none', 'category'],
      ['groupBy=street', 'groupBy'],
      ['trend=year', 'trend'],
      [`unitId=${w.units.county}&regionPrefix=430212`, 'unitId'],
      [`unitId=${w.units.chengguan}&groupBy=region`, 'groupBy'],
      ['unitId=00000000-0000-4000-8000-000000000000', 'unitId'],
    ]) {
      const res = await stats('admin', query);
      assert.equal(res.status, 400, query);
      assert.equal(res.json.error.field, field, query);
    }
    const admin = await who('admin');
    for (const [query, field] of [
      ['from=2026-02-30', 'from'],
      ['from=2026-11-30&to=2026-11-01', 'from'],
      ['from=2025-01-01&to=2026-11-30', 'from'],
    ]) {
      const res = await call(t, admin, 'GET', `/api/cases/stats?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.json.error.field, field, query);
      assert.ok(res.json.error.message.length > 0);
    }
  });

  test('city totals and the 三率; drill-down city → county → township → village', async () => {
    const city = await stats('admin', 'regionPrefix=4302');
    assert.equal(city.status, 200, JSON.stringify(city.json));
    const tot = city.json.totals;
    assert.equal(tot.received, 8, 'the admin counts the supervision report too');
    assert.equal(tot.withdrawn, 1);
    assert.equal(tot.responded, 2);
    assert.equal(tot.respondedOnTime, 2);
    assert.equal(tot.resolved, 2);
    assert.equal(tot.rated, 2);
    assert.equal(tot.satisfied, 1);
    assert.equal(tot.dissatisfied, 1);
    assert.equal(tot.responseRate, Math.round((2 / 7) * 10000) / 10000);
    assert.equal(tot.satisfactionRate, 0.5);
    assert.ok(tot.medianResponseMinutes >= 30 / Math.SQRT2 && tot.medianResponseMinutes <= 30 * Math.SQRT2, String(tot.medianResponseMinutes));
    assert.ok(tot.medianResolutionMinutes >= 120 / Math.SQRT2 && tot.medianResolutionMinutes <= 120 * Math.SQRT2, String(tot.medianResolutionMinutes));
    assert.equal(tot.overdue, 1, 'the water cut, not accepted within 2 h');
    assert.deepEqual(city.json.scope.regionPrefix, '4302');

    const county = city.json.rows.find((r: any) => r.key === '430212');
    assert.ok(county, JSON.stringify(city.json.rows));
    assert.equal(county.received, 8);
    assert.equal(county.drillable, true);

    const down = await stats('admin', 'regionPrefix=430212');
    const keys = Object.fromEntries(down.json.rows.map((r: any) => [r.key, r.received]));
    assert.equal(keys['430212101'], 7);
    assert.equal(keys['430212100'], 1);
    const township = await stats('admin', 'regionPrefix=430212101');
    const villages = Object.fromEntries(township.json.rows.map((r: any) => [r.key, r]));
    assert.equal(villages[PLACES.villageA].received, 6);
    assert.equal(villages[PLACES.villageB].received, 1);
    assert.equal(villages[PLACES.villageA].drillable, false);
    const village = await stats('admin', `regionPrefix=${PLACES.villageA}`);
    assert.equal(village.json.totals.received, 6);
    assert.deepEqual(village.json.rows, []);
  });

  test('group by category (and drill into one), by unit; a category filter at every level', async () => {
    const cats = await stats('admin', 'regionPrefix=430212&groupBy=category');
    const byKey = Object.fromEntries(cats.json.rows.map((r: any) => [r.key, r]));
    assert.equal(byKey.environment.received, 5);
    assert.equal(byKey.environment.drillable, true);
    assert.equal(byKey.environment.label, '环境卫生');
    const env = await stats('admin', 'regionPrefix=430212&groupBy=category&category=environment');
    assert.deepEqual(Object.fromEntries(env.json.rows.filter((r: any) => r.received).map((r: any) => [r.key, r.received])), { 'environment.noise': 4, 'environment.garbage': 1 });
    // A village and a category: summed from the cases themselves, the same answer.
    const villageNoise = await stats('admin', `regionPrefix=${PLACES.villageA}&category=environment.noise`);
    assert.equal(villageNoise.json.totals.received, 3);
    const townshipNoise = await stats('admin', `regionPrefix=430212101&category=environment.noise&groupBy=region`);
    assert.equal(townshipNoise.json.rows.find((r: any) => r.key === PLACES.villageA).received, 3);

    const units = await stats('admin', 'regionPrefix=430212&groupBy=unit');
    const u = Object.fromEntries(units.json.rows.map((r: any) => [r.key, r]));
    assert.equal(u[w.units.villageA].received, 4, 'three noise cases and the water cut (no 住建 in this world: it falls back to the village)');
    assert.equal(u[w.units.chengguan].received, 1);
    assert.equal(u[w.units.chengguan].label, '渌口区城管局');
  });

  test('trend by day, week (Mondays) and month: every period present', async () => {
    const day = await stats('admin', 'regionPrefix=4302&trend=day');
    assert.equal(day.json.trend.length, 30);
    assert.equal(day.json.trend.find((p: any) => p.period === '2026-11-20').received, 8);
    const week = await stats('admin', 'regionPrefix=4302&trend=week');
    assert.equal(week.json.trend[0].period, '2026-10-26');
    assert.ok(week.json.trend.every((p: any) => new Date(`${p.period}T00:00:00Z`).getUTCDay() === 1));
    const month = await stats('admin', 'regionPrefix=4302&trend=month');
    assert.deepEqual(month.json.trend.map((p: any) => [p.period, p.received]), [['2026-11-01', 8]]);
  });

  test('policy: each sees their scope; confidential reports only for admins and inspectors', async () => {
    const cadre = await stats('cadreA', '');
    assert.equal(cadre.status, 200);
    assert.equal(cadre.json.scope.regionPrefix, PLACES.villageA);
    assert.equal(cadre.json.totals.received, 5, 'the report is left out');
    assert.equal((await stats('cadreA', 'regionPrefix=430212')).status, 403);
    assert.equal((await stats('cadreA', `regionPrefix=${PLACES.villageB}`)).status, 403);
    const township = await stats('township', `regionPrefix=${PLACES.villageB}`);
    assert.equal(township.status, 200);
    const handler = await stats('chengguan', '');
    assert.equal(handler.json.scope.unitId, w.units.chengguan);
    assert.equal(handler.json.totals.received, 1);
    assert.equal(handler.json.scope.groupBy, 'category');
    assert.equal((await stats('chengguan', 'regionPrefix=430212')).status, 403);
    assert.equal((await stats('chengguan', `unitId=${w.units.minzheng}`)).status, 403);
    assert.equal((await stats('township', `unitId=${w.units.villageA}`)).status, 200);
    const inspector = await stats('inspectorCounty', 'regionPrefix=430212');
    assert.equal(inspector.json.totals.received, 8);
    const operator = await stats('operator', 'regionPrefix=430212');
    assert.equal(operator.json.totals.received, 7);
  });

  test('the figures are the queue’s rows', async () => {
    const township = await who('township');
    const q = await call(t, township, 'GET', `/api/cases/queue?regionPrefix=430212101&pageSize=100`);
    const s = await call(t, township, 'GET', '/api/cases/stats?regionPrefix=430212101&from=2026-11-01&to=2026-11-30');
    assert.equal(s.json.totals.received, q.json.total);
    const overdue = await call(t, township, 'GET', `/api/cases/queue?regionPrefix=430212101&overdue=true`);
    assert.equal(s.json.totals.overdue, overdue.json.total);
  });
});

describe('exports', () => {
  test('statistics as CSV (BOM, Chinese headers, percentages) and XLSX', async () => {
    const admin = await who('admin');
    assert.equal((await call(t, null, 'GET', '/api/cases/stats/export?format=csv')).status, 401);
    assert.equal((await call(t, await who('residentA'), 'GET', '/api/cases/stats/export?format=csv')).status, 403);
    const bad = await call(t, admin, 'GET', '/api/cases/stats/export?format=pdf');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'format');
    const csv = await call(t, admin, 'GET', '/api/cases/stats/export?format=csv&regionPrefix=430212101&from=2026-11-01&to=2026-11-30');
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /lianxin-case-stats-\d{12}\.csv/);
    const body = csv.raw.body;
    assert.ok(body.startsWith('\uFEFF'));
    const lines = body.slice(1).trim().split('\r\n');
    assert.match(lines[0]!, /受理量.*响应率.*办结率.*满意率/);
    assert.ok(lines.some((l) => l.startsWith(`${PLACES.villageA},`)));
    assert.match(lines.at(-1)!, /合计/);
    assert.match(body, /50\.0%/);

    const xlsx = await t.app.inject({ method: 'GET', url: '/api/cases/stats/export?format=xlsx&regionPrefix=4302&from=2026-11-01&to=2026-11-30', headers: admin.headers });
    assert.equal(xlsx.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(book.worksheets.map((s) => s.name), ['三率统计', '趋势']);
    assert.equal(book.worksheets[0]!.getRow(1).getCell(3).value, '受理量');
  });

  test('case lists: the queue’s filters and access, personal data masked; capped with a clear message', async () => {
    assert.equal((await call(t, null, 'GET', '/api/cases/export?format=csv')).status, 401);
    assert.equal((await call(t, await who('residentA'), 'GET', '/api/cases/export?format=csv')).status, 403);
    const township = await who('township');
    const csv = await call(t, township, 'GET', `/api/cases/export?format=csv&regionPrefix=${PLACES.villageA}&status=closed`);
    assert.equal(csv.status, 200, csv.raw.body);
    const lines = csv.raw.body.slice(1).trim().split('\r\n');
    assert.equal(lines.length, 3, 'header and the two closed cases');
    assert.match(lines[0]!, /诉求编号.*诉求人.*联系电话/);
    assert.match(csv.raw.body, /张\*丰/);
    assert.match(csv.raw.body, /\d{3}\*{4}\d{4}/);
    const phone = (await t.db.selectFrom('cases').select('requester_phone').where('id', '=', ids.a1!).executeTakeFirstOrThrow()).requester_phone!;
    assert.ok(!csv.raw.body.includes(phone), 'no full phone number');
    assert.ok(!csv.raw.body.includes('村干部优亲厚友'), 'no confidential report');

    const xlsx = await t.app.inject({ method: 'GET', url: '/api/cases/export?format=xlsx', headers: township.headers });
    assert.equal(xlsx.statusCode, 200);

    // More than 10,000 matching cases: 400 naming the limit, telling what to do.
    await t.db.transaction().execute(async (trx) => {
      await sql`set local lianxin.case_stats = 'off'`.execute(trx);
      await sql`insert into cases (tracking_number, channel, category_code, title, description, region_code, county_code, status, priority, is_public, is_anonymous, confidential,
          handling_unit_id, response_due_at, resolution_due_at, created_at, updated_at)
        select 'ZZ261101' || lpad(g::text, 6, '0'), 'app', 'environment.noise', '批量', '批量', ${PLACES.villageB}, '430212', 'assigned', 'normal', true, false, false,
          ${w.units.villageB}::uuid, now(), now(), now(), now() from generate_series(1, 10001) g`.execute(trx);
    });
    const tooMany = await call(t, township, 'GET', `/api/cases/export?format=csv&regionPrefix=${PLACES.villageB}`);
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.json.error.field, 'limit');
    assert.match(tooMany.json.error.message, /10002.*10000.*缩小筛选范围/);
  });
});
