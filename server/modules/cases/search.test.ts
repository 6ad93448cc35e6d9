import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { buildWorld, call, fileCase, act, PLACES, type World } from './test-helpers.js';
import { caseScope } from './policy.js';
import { loadActor } from '../people/actor.js';
import * as queries from './queries.js';
import { CASE_COLUMNS } from './repo.js';
import { documentTokens, queryTokens } from './segment.js';
import { snippet } from './snippet.js';

let t: TestApp;
let w: World;
let noise: any, lift: any, dibao: any, road: any;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
  noise = await fileCase(t, w.people.residentA, { title: '楼上装修太吵', description: '每天早上七点就开始电钻，噪音让人受不了' });
  lift = await fileCase(t, w.people.residentA, { categoryCode: 'housing.elevator', title: '小区3栋电梯坏了', description: '老人上下楼很困难' });
  dibao = await fileCase(t, w.people.residentA2, { categoryCode: 'social.assistance', title: '家里困难想申请', description: '请问申请低保需要准备什么材料' });
  road = await fileCase(t, w.people.residentA2, { categoryCode: 'infrastructure.road', title: '村道有个坑', description: '下雨天积水，骑车容易摔' });
});
after(() => t.close());

/** The columns a test copies from a case to make many like it (new id and tracking number). */
const COPIED = CASE_COLUMNS.filter((c) => !['id', 'tracking_number', 'idempotency_key'].includes(c));

const search = async (q: string, extra = '') => {
  const res = await call(t, w.people.admin, 'GET', `/api/cases/queue?pageSize=100&q=${encodeURIComponent(q)}${extra}`);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return res.json.items as any[];
};

describe('segmentation', () => {
  test('documents keep short and long words; queries keep the words a document has', () => {
    assert.deepEqual(documentTokens('自来水管爆裂').slice(0, 2), ['自来', '自来水'], 'a long word and the words inside it');
    assert.deepEqual(queryTokens('路灯不亮'), ['路灯', '不亮']);
    assert.deepEqual(queryTokens('低保'), ['低保']);
    assert.ok(!queryTokens('电梯坏了').includes('了'), 'stop words are dropped from queries');
    for (const text of ['小区电梯坏了三天', '楼上装修噪音太大', '申请低保需要什么材料', '村口路灯不亮', '自来水管爆裂', '下水道堵塞污水外溢']) {
      const doc = new Set(documentTokens(text));
      for (const word of queryTokens(text)) assert.ok(doc.has(word), `${word} of ${text}`);
    }
  });

  test('snippets mark the matched words in the original text', () => {
    assert.deepEqual(snippet('楼上装修噪音太大', ['噪音'], 2), [
      { text: '…装修', match: false },
      { text: '噪音', match: true },
      { text: '太大', match: false },
    ]);
    assert.equal(snippet('没有', ['噪音']), null);
  });
});

describe('full-text search in the queue and the public list', () => {
  test('two-character words are found: 噪音, 电梯, 低保', async () => {
    assert.deepEqual(
      (await search('噪音')).map((i) => i.id),
      [noise.id],
    );
    assert.deepEqual(
      (await search('电梯')).map((i) => i.id),
      [lift.id],
    );
    assert.deepEqual(
      (await search('低保')).map((i) => i.id),
      [dibao.id],
    );
  });

  test('every word of the query must match; stop words do not matter', async () => {
    assert.deepEqual(
      (await search('电梯 老人')).map((i) => i.id),
      [lift.id],
    );
    assert.deepEqual(await search('电梯 低保'), []);
    assert.deepEqual(
      (await search('申请低保的材料')).map((i) => i.id),
      [dibao.id],
    );
  });

  test('replies, added information and results are searchable once written', async () => {
    assert.deepEqual(await search('井盖'), []);
    await act(t, w.people.chengguan, road.id, 'accept');
    await act(t, w.people.chengguan, road.id, 'reply', { note: '已通知城管，顺便检查井盖' });
    assert.deepEqual(
      (await search('井盖')).map((i) => i.id),
      [road.id],
    );
    await act(t, w.people.residentA2, road.id, 'add-info', { note: '坑在学校门口' });
    assert.deepEqual(
      (await search('学校门口')).map((i) => i.id),
      [road.id],
    );
    await act(t, w.people.chengguan, road.id, 'resolve', { result: '已用沥青修补' });
    assert.deepEqual(
      (await search('沥青')).map((i) => i.id),
      [road.id],
    );
  });

  test('a title match ranks above a description match, with highlighted snippets', async () => {
    const inTitle = await fileCase(t, w.people.residentA, { title: '噪音扰民严重', description: '隔壁工地日夜施工' });
    const items = await search('噪音');
    assert.deepEqual(
      items.map((i) => i.id),
      [inTitle.id, noise.id],
    );
    const marked = items.find((i) => i.id === noise.id).snippet;
    assert.ok(marked.some((p: any) => p.match && p.text === '噪音'));
    const byDate = await search('噪音', '&sort=created');
    assert.equal(byDate.length, 2);
  });

  test('search respects the caller’s scope, and the public list searches public cases', async () => {
    const res = await call(t, w.people.cadreC, 'GET', `/api/cases/queue?q=${encodeURIComponent('电梯')}`);
    assert.deepEqual(res.json.items, [], 'village C sees nothing of village A');
    const pub = await call(t, null, 'GET', `/api/cases/public?q=${encodeURIComponent('电梯')}`);
    assert.deepEqual(
      pub.json.items.map((i: any) => i.id),
      [lift.id],
    );
    assert.ok(pub.json.items[0].snippet.some((p: any) => p.match));
  });

  test('a text search under a township finds its villages’ cases, not the next township’s, also by region filter', async () => {
    const inA = await fileCase(t, w.people.residentA, { title: '路口井盖松动', description: '车开过去哐当响' });
    const inB = await fileCase(t, w.people.residentA2, { title: '井盖缺了一块', description: '晚上看不见很危险', regionCode: PLACES.villageB });
    const inC = await fileCase(t, w.people.residentC, { title: '井盖被偷了', description: '小孩容易掉下去', regionCode: PLACES.villageC });
    const q = encodeURIComponent('井盖');
    const township = await call(t, w.people.township, 'GET', `/api/cases/queue?q=${q}`);
    const seen = township.json.items.map((i: any) => i.id);
    assert.ok(seen.includes(inA.id) && seen.includes(inB.id), 'both villages of the township');
    assert.ok(!seen.includes(inC.id), 'not the next township’s');
    assert.ok(township.json.items.every((i: any) => i.region.code.startsWith(PLACES.township.slice(0, 9))));
    const byVillage = await call(t, null, 'GET', `/api/cases/public?q=${q}&regionPrefix=${PLACES.villageB}`);
    assert.deepEqual(byVillage.json.items.map((i: any) => i.id), [inB.id]);
    const byCounty = await call(t, null, 'GET', `/api/cases/public?q=${q}&regionPrefix=${PLACES.villageC.slice(0, 6)}`);
    for (const c of [inA, inB, inC]) assert.ok(byCounty.json.items.some((i: any) => i.id === c.id), 'the whole county');
  });

  test('a text search under a township is answered by the scoped search index, the township key with the word (EXPLAIN)', async () => {
    const scope = caseScope(await loadActor(t.db, w.people.township.userId, null));
    // The word common elsewhere (3,000 cases in the next township), as a frequent word is at scale.
    const elsewhere = await fileCase(t, w.people.residentC, { title: '井盖又坏了', description: '井盖', regionCode: PLACES.villageC });
    await sql`insert into cases (id, tracking_number, search, ${sql.raw(COPIED.join(', '))})
      select gen_random_uuid(), tracking_number || '-' || g, search, ${sql.raw(COPIED.join(', '))} from cases, generate_series(1, 3000) g where id = ${elsewhere.id}`.execute(t.db);
    await sql`analyze cases`.execute(t.db);
    const text = await t.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const plan = await sql<{ 'QUERY PLAN': string }>`explain select id from cases
        where search @@ plainto_tsquery('simple', '井盖') and ${queries.searchScope(scope)}`.execute(trx);
      return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    // The region arm reads the word and the township key from one index (the unit arm picks by the unit's size).
    assert.match(text, /Bitmap Index Scan on cases_scoped_search_idx[^\n]*\n\s+Index Cond: \(\("left"\(region_code, 9\) = '430212101'::text\) AND \(search @@/);
  });

  test('the search uses the GIN index (EXPLAIN)', async () => {
    const text = await t.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const plan = await sql<{ 'QUERY PLAN': string }>`explain select id from cases where search @@ plainto_tsquery('simple', '电梯')`.execute(trx);
      return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    assert.match(text, /cases_scoped_search_idx/);
  });

  test('the GIN indexes written by every intake keep a short pending list (no long merge inside one intake)', async () => {
    const rows = await sql<{ name: string; options: string[] | null }>`select c.relname as name, c.reloptions as options from pg_class c
      where c.relname in ('cases_scoped_search_idx', 'cases_title_trgm_idx') order by 1`.execute(t.db);
    assert.deepEqual(rows.rows, [
      { name: 'cases_scoped_search_idx', options: ['gin_pending_list_limit=256'] },
      { name: 'cases_title_trgm_idx', options: ['gin_pending_list_limit=256'] },
    ]);
  });
});
