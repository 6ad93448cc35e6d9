import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { grantRole, makeHousehold, makeResident, makeStaff, makeUser, signIn, type SignedIn } from '../../testing/factories.js';
import { CODES, makeZhuzhouUnits } from './test-fixtures.js';

let t: TestApp;
let resident: SignedIn; // 双江村
let neighbour: SignedIn; // 大塘村
let gridResident: SignedIn; // 双江村第一网格
let cadre: SignedIn; // 双江村 村干部
let township: SignedIn; // 朱亭镇
let handler: SignedIn; // 渌口区 城管 (a department)
let nobody: SignedIn; // signed in, no household, no role

before(async () => {
  t = await createTestApp();
  await makeZhuzhouUnits(t.db);
  resident = await signIn(t, (await makeResident(t.db, CODES.village, '李秋云')).userId);
  neighbour = await signIn(t, (await makeResident(t.db, CODES.neighbour, '王建国')).userId);
  const gridUser = await makeUser(t.db, { name: '赵小红' });
  await makeHousehold(t.db, CODES.grid, gridUser);
  gridResident = await signIn(t, gridUser);
  cadre = await signIn(t, await makeStaff(t.db, 'village_cadre', CODES.village, '周国强'));
  township = await signIn(t, await makeStaff(t.db, 'township_official', CODES.township, '陈志明'));
  const dept = await t.db
    .insertInto('units')
    .values({ kind: 'department', region_code: CODES.county, name: '渌口区城管局', department_type: '城管', phone: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const handlerId = await makeUser(t.db, { name: '刘德胜' });
  await grantRole(t.db, handlerId, 'department_handler', dept.id);
  handler = await signIn(t, handlerId);
  nobody = await signIn(t, await makeUser(t.db, { name: '路人甲' }));
});
after(() => t.close());

const get = (url: string, who?: SignedIn) => t.app.inject({ method: 'GET', url, headers: who?.headers });
const post = (url: string, who: SignedIn | undefined, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers: who?.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const feedCodes = async (who: SignedIn) => ((await get('/api/feeds', who)).json().items as { regionCode: string }[]).map((f) => f.regionCode).sort();

describe('GET /api/feeds', () => {
  test('answers 401 when signed out', async () => {
    const res = await get('/api/feeds');
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'unauthorized');
  });

  test('answers 400 naming the field for a bad limit', async () => {
    const res = await get('/api/feeds?limit=0', resident);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'limit');
  });

  test('a resident of 双江村 sees 双江村, 朱亭镇, 渌口区 and 株洲市, not the neighbouring village or another county', async () => {
    assert.deepEqual(await feedCodes(resident), [CODES.city, CODES.county, CODES.township, CODES.village].sort());
  });

  test('a household in a grid sees the grid and its community too', async () => {
    assert.deepEqual(await feedCodes(gridResident), [CODES.city, CODES.county, CODES.township, CODES.village, CODES.grid].sort());
  });

  test('a township official sees the units in scope and the units above', async () => {
    assert.deepEqual(
      await feedCodes(township),
      [CODES.city, CODES.county, CODES.township, CODES.village, CODES.neighbour, CODES.grid].sort(),
    );
  });

  test('a department handler sees the units above the department, not the villages below', async () => {
    assert.deepEqual(await feedCodes(handler), [CODES.city, CODES.county].sort());
  });

  test('filters by name and says when there are more', async () => {
    const byName = (await get(`/api/feeds?q=${encodeURIComponent('朱亭')}`, township)).json();
    assert.deepEqual(byName.items.map((f: { name: string }) => f.name), ['朱亭镇']);
    assert.deepEqual((await get('/api/feeds?q=%25', township)).json().items, [], '% is a character, not a wildcard');
    const limited = (await get('/api/feeds?limit=2', township)).json();
    assert.equal(limited.items.length, 2);
    assert.equal(limited.hasMore, true);
    assert.equal((await get('/api/feeds?limit=200', township)).json().hasMore, false);
    const nul = await get(`/api/feeds?q=${encodeURIComponent('朱\u0000')}`, township);
    assert.equal(nul.statusCode, 400);
    assert.equal(nul.json().error.field, 'q');
  });

  test('a person with neither household nor role sees no feed', async () => {
    assert.deepEqual(await feedCodes(nobody), []);
  });

  test('unread counts posts by others since the feed was last opened', async () => {
    const reader = await signIn(t, (await makeResident(t.db, CODES.village, '孙一')).userId);
    t.clock.advance(1000);
    assert.equal((await post(`/api/feeds/${CODES.village}/posts`, cadre, { kind: 'notice', body: '明天上午村部开会' })).statusCode, 201);
    t.clock.advance(1000);
    let feeds = (await get('/api/feeds', reader)).json().items as { regionCode: string; unread: number; latestAt: string }[];
    const village = feeds.find((f) => f.regionCode === CODES.village)!;
    assert.ok(village.unread >= 1);
    assert.equal(village.latestAt, new Date(t.clock.now().getTime() - 1000).toISOString());
    assert.equal(feeds[0].regionCode, CODES.village, 'the most recently active feed comes first');
    await get(`/api/feeds/${CODES.village}/posts`, reader);
    feeds = (await get('/api/feeds', reader)).json().items;
    assert.equal(feeds.find((f) => f.regionCode === CODES.village)!.unread, 0);
    const row = await t.db.selectFrom('feed_reads').selectAll().where('user_id', '=', reader.userId).executeTakeFirstOrThrow();
    assert.equal(row.region_code, CODES.village);
  });
});

describe('GET /api/feeds/:regionCode/posts', () => {
  test('answers 401 when signed out', async () => {
    assert.equal((await get(`/api/feeds/${CODES.village}/posts`)).statusCode, 401);
  });

  test('answers 400 for a malformed region code, cursor or limit', async () => {
    const bad = await get('/api/feeds/43021/posts', resident);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'regionCode');
    const cursor = await get(`/api/feeds/${CODES.village}/posts?before=nope`, resident);
    assert.equal(cursor.statusCode, 400);
    assert.equal(cursor.json().error.field, 'before');
    const limit = await get(`/api/feeds/${CODES.village}/posts?limit=51`, resident);
    assert.equal(limit.json().error.field, 'limit');
  });

  test('answers 400 when the cursor is a post of another feed', async () => {
    const other = await post(`/api/feeds/${CODES.township}/posts`, township, { kind: 'notice', body: '镇里的通知' });
    const res = await get(`/api/feeds/${CODES.village}/posts?before=${other.json().id}`, resident);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'before');
  });

  test('answers 403 to a resident of another village', async () => {
    const res = await get(`/api/feeds/${CODES.village}/posts`, neighbour);
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'forbidden');
  });

  test('answers 404 for an unknown region and for a region without a unit', async () => {
    const res = await get('/api/feeds/430212101299/posts', township);
    assert.equal(res.statusCode, 404);
    assert.match(res.json().error.message, /服务与监督群/);
    // The province exists (created above 株洲市) but has no unit, hence no feed.
    assert.ok(await t.db.selectFrom('regions').select('code').where('code', '=', '430000000000').executeTakeFirst());
    assert.equal((await get('/api/feeds/430000000000/posts', resident)).statusCode, 404);
  });

  test('pages newest first with a before cursor', async () => {
    const base = t.clock.now().getTime();
    for (let i = 1; i <= 25; i++) {
      t.clock.set(new Date(base + i * 60_000));
      const res = await post(`/api/feeds/${CODES.neighbour}/posts`, township, { kind: 'notice', title: `第${i}号`, body: `通知 ${i}` });
      assert.equal(res.statusCode, 201);
    }
    const first = await get(`/api/feeds/${CODES.neighbour}/posts`, neighbour);
    assert.equal(first.statusCode, 200);
    const page1 = first.json();
    assert.equal(page1.items.length, 20);
    assert.equal(page1.items[0].title, '第25号');
    assert.equal(page1.feed.name, '大塘村');
    assert.deepEqual(page1.feed.abilities, { postNotice: false, askQuestion: true });
    assert.ok(page1.nextBefore);
    const page2 = (await get(`/api/feeds/${CODES.neighbour}/posts?before=${page1.nextBefore}`, neighbour)).json();
    assert.equal(page2.items.length, 5);
    assert.equal(page2.items[0].title, '第5号');
    assert.equal(page2.items[4].title, '第1号');
    assert.equal(page2.nextBefore, null);
  });

  test('the units above are readable by residents below, but only cadres of the unit post notices there', async () => {
    const res = await get(`/api/feeds/${CODES.city}/posts`, resident);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().feed.abilities, { postNotice: false, askQuestion: true });
    const notice = await post(`/api/feeds/${CODES.township}/posts`, cadre, { kind: 'notice', body: '越级发通知' });
    assert.equal(notice.statusCode, 403);
  });
});

describe('POST /api/feeds/:regionCode/posts', () => {
  const url = `/api/feeds/${CODES.village}/posts`;

  test('answers 401 when signed out', async () => {
    assert.equal((await post(url, undefined, { kind: 'question', body: '你好' })).statusCode, 401);
  });

  test('answers 403 without the CSRF token', async () => {
    const res = await t.app.inject({ method: 'POST', url, headers: { cookie: resident.headers.cookie }, payload: { kind: 'question', body: '你好' } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'csrf');
  });

  const invalid: [string, unknown, string][] = [
    ['an empty body', { kind: 'question', body: '' }, 'body'],
    ['a body of blanks', { kind: 'question', body: '   \n ' }, 'body'],
    ['a body over 2000 characters', { kind: 'question', body: '字'.repeat(2001) }, 'body'],
    ['a missing body', { kind: 'question' }, 'body'],
    ['a title over 60 characters', { kind: 'question', title: '题'.repeat(61), body: '内容' }, 'title'],
    ['a title of blanks', { kind: 'question', title: '   ', body: '内容' }, 'title'],
    ['an unknown kind', { kind: 'answer', body: '内容' }, 'kind'],
    ['@所有人 on a question', { kind: 'question', body: '内容', requiresAck: true }, 'requiresAck'],
    ['an unknown field', { kind: 'question', body: '内容', pinned: true }, 'pinned'],
    ['a NUL character in the body', { kind: 'question', body: 'a\u0000b' }, 'body'],
    ['a NUL character in the title', { kind: 'question', title: 'a\u0000', body: '内容' }, 'title'],
    ['a body that is not text', { kind: 'question', body: { text: '内容' } }, 'body'],
  ];
  for (const [what, payload, field] of invalid) {
    test(`answers 400 naming ${field} for ${what}`, async () => {
      const res = await post(url, resident, payload);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.field, field);
      assert.ok(res.json().error.message.length > 0);
    });
  }

  test('answers 400 with a message in the caller language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...resident.headers, 'accept-language': 'en' },
      payload: { kind: 'question', body: '字'.repeat(2001) },
    });
    assert.match(res.json().error.message, /at most 2000/);
  });

  test('answers 403 to a resident posting a notice, a resident asking in another village, a cadre out of scope', async () => {
    assert.equal((await post(url, resident, { kind: 'notice', body: '我来发通知' })).statusCode, 403);
    assert.equal((await post(url, neighbour, { kind: 'question', body: '我问问' })).statusCode, 403);
    const otherCadre = await signIn(t, await makeStaff(t.db, 'village_cadre', CODES.neighbour));
    assert.equal((await post(url, otherCadre, { kind: 'notice', body: '串门通知' })).statusCode, 403);
    assert.equal((await post(url, handler, { kind: 'notice', body: '部门通知' })).statusCode, 403);
  });

  test('answers 404 for a region without a feed', async () => {
    const res = await post('/api/feeds/430212101299/posts', township, { kind: 'notice', body: '通知' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.field, 'regionCode');
  });

  test('a cadre posts an @所有人 notice: stored, audited, presented with its acknowledgement totals', async () => {
    const res = await post(url, cadre, { kind: 'notice', title: ' 十一月村务公开 ', body: '本月村务、财务已在公开栏张贴，请各户查看。', requiresAck: true });
    assert.equal(res.statusCode, 201);
    const p = res.json();
    assert.equal(p.kind, 'notice');
    assert.equal(p.title, '十一月村务公开');
    assert.equal(p.requiresAck, true);
    assert.equal(p.author.name, '周国强');
    assert.equal(p.author.roleLabel, '双江村 · 村（社区）干部');
    assert.equal(p.ack.acknowledged, 0);
    assert.ok(p.ack.total >= 1);
    assert.deepEqual(p.abilities, { reply: true, ack: false, viewAcks: true, hide: true, unhide: false });

    const row = await t.db.selectFrom('feed_posts').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    assert.equal(row.region_code, CODES.village);
    assert.equal(row.county_code, '430212');
    assert.equal(row.author_id, cadre.userId);
    assert.equal(row.author_role, 'village_cadre');
    assert.equal(row.requires_ack, true);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('target_id', '=', p.id).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'feed.post');
    assert.equal(audit[0].actor_id, cadre.userId);
    assert.deepEqual((audit[0].after as { kind: string }).kind, 'notice');
  });

  test('a resident asks a question; their name is masked for other residents only', async () => {
    const res = await post(url, resident, { kind: 'question', title: '', body: '村口的路灯坏了，什么时候修？' });
    assert.equal(res.statusCode, 201);
    const p = res.json();
    assert.equal(p.kind, 'question');
    assert.equal(p.title, null);
    assert.equal(p.ack, null);
    assert.equal(p.author.name, '李秋云');
    assert.equal(p.author.roleLabel, '居民');
    const other = await signIn(t, (await makeResident(t.db, CODES.village, '钱二')).userId);
    const asOther = (await get(`/api/posts/${p.id}`, other)).json();
    assert.equal(asOther.author.name, '李*云');
    const asCadre = (await get(`/api/posts/${p.id}`, cadre)).json();
    assert.equal(asCadre.author.name, '李秋云');
    assert.equal((await t.db.selectFrom('audit_log').select('action').where('target_id', '=', p.id).executeTakeFirstOrThrow()).action, 'feed.post');
  });

  test('a resident may ask in the township feed above their village', async () => {
    const res = await post(`/api/feeds/${CODES.township}/posts`, resident, { kind: 'question', body: '镇卫生院周末开门吗？' });
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().regionCode, CODES.township);
  });

  test('a 2000-character body is accepted', async () => {
    const res = await post(url, resident, { kind: 'question', body: '长'.repeat(2000) });
    assert.equal(res.statusCode, 201);
  });
});
