import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { grantRole, makeResident, makeStaff, makeUser, signIn, type SignedIn } from '../../testing/factories.js';
import { CODES, makeZhuzhouUnits } from './test-fixtures.js';

let t: TestApp;
let units: Awaited<ReturnType<typeof makeZhuzhouUnits>>;
let asker: SignedIn;
let otherResident: SignedIn;
let neighbour: SignedIn;
let cadre: SignedIn;
let outsideCadre: SignedIn;
let admin: SignedIn;

before(async () => {
  t = await createTestApp();
  units = await makeZhuzhouUnits(t.db);
  asker = await signIn(t, (await makeResident(t.db, CODES.village, '李秋云')).userId);
  otherResident = await signIn(t, (await makeResident(t.db, CODES.village, '钱二')).userId);
  neighbour = await signIn(t, (await makeResident(t.db, CODES.neighbour, '王建国')).userId);
  cadre = await signIn(t, await makeStaff(t.db, 'village_cadre', CODES.village, '周国强'));
  outsideCadre = await signIn(t, await makeStaff(t.db, 'village_cadre', CODES.cuanxi, '汆溪干部'));
  const adminId = await makeUser(t.db, { name: '系统管理员' });
  await grantRole(t.db, adminId, 'admin', units.city);
  admin = await signIn(t, adminId);
});
after(() => t.close());

const get = (url: string, who?: SignedIn) => t.app.inject({ method: 'GET', url, headers: who?.headers });
const post = (url: string, who: SignedIn | undefined, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers: who?.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const missing = '00000000-0000-4000-8000-000000000000';

async function question(body = '汆溪小学门口的安全问题怎么解决？'): Promise<string> {
  t.clock.advance(1000);
  const res = await post(`/api/feeds/${CODES.village}/posts`, asker, { kind: 'question', body });
  assert.equal(res.statusCode, 201);
  return res.json().id;
}

describe('GET /api/posts/:id', () => {
  test('answers 401, 400, 403, 404 in that order of concern', async () => {
    const id = await question();
    assert.equal((await get(`/api/posts/${id}`)).statusCode, 401);
    const bad = await get('/api/posts/123', asker);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'id');
    assert.equal((await get(`/api/posts/${id}`, neighbour)).statusCode, 403);
    assert.equal((await get(`/api/posts/${missing}`, asker)).statusCode, 404);
  });

  test('returns the thread: the question, the answer, the follow-up, oldest first', async () => {
    const id = await question();
    t.clock.advance(60_000);
    await post(`/api/posts/${id}/replies`, cadre, { body: '我们设立「护学岗」，轮流由党员当志愿者，护送学生过马路。' });
    t.clock.advance(60_000);
    await post(`/api/posts/${id}/replies`, asker, { body: '放学时间可否封路半小时？' });
    const res = await get(`/api/posts/${id}`, otherResident);
    assert.equal(res.statusCode, 200);
    const thread = res.json();
    assert.equal(thread.replyCount, 2);
    assert.deepEqual(
      thread.replies.map((r: { kind: string }) => r.kind),
      ['answer', 'question'],
    );
    assert.equal(thread.replies[0].author.name, '周国强');
    assert.equal(thread.replies[1].author.name, '李*云');
    assert.equal(thread.replies[0].parentId, id);
    assert.equal(thread.abilities.reply, false, 'another resident cannot reply in someone else’s thread');
  });
});

describe('POST /api/posts/:id/replies', () => {
  test('answers 401 when signed out and 400 for a blank or missing body', async () => {
    const id = await question();
    assert.equal((await post(`/api/posts/${id}/replies`, undefined, { body: '好' })).statusCode, 401);
    for (const payload of [{ body: '' }, { body: '  ' }, {}, { body: '好', extra: 1 }, { body: '\u0000' }, { body: '字'.repeat(2001) }]) {
      const res = await post(`/api/posts/${id}/replies`, cadre, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
    assert.equal((await post(`/api/posts/${id}/replies`, cadre, { body: ' ' })).json().error.field, 'body');
  });

  test('answers 403 to another resident, a neighbour and a cadre of another village', async () => {
    const id = await question();
    assert.equal((await post(`/api/posts/${id}/replies`, otherResident, { body: '我也想知道' })).statusCode, 403);
    assert.equal((await post(`/api/posts/${id}/replies`, neighbour, { body: '我也想知道' })).statusCode, 403);
    assert.equal((await post(`/api/posts/${id}/replies`, outsideCadre, { body: '我来答' })).statusCode, 403);
  });

  test('answers 403 to a resident replying to a notice', async () => {
    const notice = (await post(`/api/feeds/${CODES.village}/posts`, cadre, { kind: 'notice', body: '停水通知' })).json().id;
    assert.equal((await post(`/api/posts/${notice}/replies`, asker, { body: '收到' })).statusCode, 403);
  });

  test('answers 404 for an unknown post', async () => {
    assert.equal((await post(`/api/posts/${missing}/replies`, cadre, { body: '好' })).statusCode, 404);
  });

  test('answers 409 for a reply to a reply and a reply to a hidden post', async () => {
    const id = await question();
    const answer = (await post(`/api/posts/${id}/replies`, cadre, { body: '收到，马上处理' })).json().id;
    const nested = await post(`/api/posts/${answer}/replies`, cadre, { body: '补充' });
    assert.equal(nested.statusCode, 409);
    const hiddenId = await question('广告：低价出售…');
    assert.equal((await post(`/api/posts/${hiddenId}/hide`, cadre, { reason: '广告' })).statusCode, 200);
    assert.equal((await post(`/api/posts/${hiddenId}/replies`, cadre, { body: '？' })).statusCode, 409);
  });

  test('a cadre answers and the asker follows up; both are stored and audited', async () => {
    const id = await question();
    const answer = await post(`/api/posts/${id}/replies`, cadre, { body: '已联系电工，今天下午修好。' });
    assert.equal(answer.statusCode, 201);
    assert.equal(answer.json().kind, 'answer');
    assert.equal(answer.json().author.roleLabel, '双江村 · 村（社区）干部');
    const followUp = await post(`/api/posts/${id}/replies`, asker, { body: '现在亮了，非常感谢。' });
    assert.equal(followUp.statusCode, 201);
    assert.equal(followUp.json().kind, 'question');
    const rows = await t.db.selectFrom('feed_posts').select(['kind', 'author_id']).where('parent_id', '=', id).orderBy('created_at').execute();
    assert.deepEqual(rows, [
      { kind: 'answer', author_id: cadre.userId },
      { kind: 'question', author_id: asker.userId },
    ]);
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_id', 'in', [answer.json().id, followUp.json().id])
      .orderBy('id')
      .execute();
    assert.deepEqual(audits, [
      { action: 'feed.reply', actor_id: cadre.userId },
      { action: 'feed.reply', actor_id: asker.userId },
    ]);
  });
});

describe('POST /api/posts/:id/hide and /unhide', () => {
  test('answers 401, 400, 403, 404', async () => {
    const id = await question();
    assert.equal((await post(`/api/posts/${id}/hide`, undefined, { reason: '广告' })).statusCode, 401);
    const noReason = await post(`/api/posts/${id}/hide`, cadre, {});
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().error.field, 'reason');
    const blank = await post(`/api/posts/${id}/hide`, cadre, { reason: '   ' });
    assert.equal(blank.statusCode, 400);
    assert.equal(blank.json().error.field, 'reason');
    assert.equal((await post(`/api/posts/${id}/hide`, cadre, { reason: 'x'.repeat(201) })).json().error.field, 'reason');
    assert.equal((await post(`/api/posts/${id}/hide`, cadre, { reason: '广\u0000告' })).json().error.field, 'reason');
    assert.equal((await post(`/api/posts/${id}/hide`, asker, { reason: '我自己想删' })).statusCode, 403);
    assert.equal((await post(`/api/posts/${id}/hide`, outsideCadre, { reason: '广告' })).statusCode, 403);
    assert.equal((await post(`/api/posts/${missing}/hide`, cadre, { reason: '广告' })).statusCode, 404);
    assert.equal((await post(`/api/posts/${missing}/unhide`, cadre, { reason: '误判' })).statusCode, 404);
    assert.equal((await post(`/api/posts/${id}/unhide`, undefined, { reason: '误判' })).statusCode, 401);
    assert.equal((await post(`/api/posts/${id}/unhide`, cadre, {})).json().error.field, 'reason');
    assert.equal((await post(`/api/posts/${id}/unhide`, asker, { reason: '误判' })).statusCode, 403);
    const row = await t.db.selectFrom('feed_posts').select('hidden_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.hidden_at, null, 'nothing was hidden by the refused requests');
  });

  test('a hidden post shows 「该内容已被管理员隐藏」 to others, the original to moderators; the reason is audited', async () => {
    const id = await question('加微信 xyz 领补贴');
    const hidden = await post(`/api/posts/${id}/hide`, cadre, { reason: '疑似诈骗广告' });
    assert.equal(hidden.statusCode, 200);
    assert.equal(hidden.json().hidden, true);
    assert.equal(hidden.json().hiddenReason, '疑似诈骗广告');
    assert.equal(hidden.json().body, '加微信 xyz 领补贴');
    assert.deepEqual(
      { hide: hidden.json().abilities.hide, unhide: hidden.json().abilities.unhide },
      { hide: false, unhide: true },
    );

    for (const who of [asker, otherResident]) {
      const seen = (await get(`/api/posts/${id}`, who)).json();
      assert.equal(seen.hidden, true);
      assert.equal(seen.body, '该内容已被管理员隐藏');
      assert.equal(seen.hiddenReason, null);
    }
    const listed = (await get(`/api/feeds/${CODES.village}/posts`, otherResident)).json().items.find((p: { id: string }) => p.id === id);
    assert.equal(listed.body, '该内容已被管理员隐藏');
    const english = await t.app.inject({ method: 'GET', url: `/api/posts/${id}`, headers: { ...asker.headers, 'accept-language': 'en' } });
    assert.equal(english.json().body, 'This content was hidden by a moderator');
    assert.equal((await get(`/api/posts/${id}`, admin)).json().body, '加微信 xyz 领补贴');

    assert.equal((await post(`/api/posts/${id}/hide`, cadre, { reason: '再藏一次' })).statusCode, 409);
    const row = await t.db.selectFrom('feed_posts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.hidden_by, cadre.userId);
    assert.equal(row.hidden_reason, '疑似诈骗广告');

    const shown = await post(`/api/posts/${id}/unhide`, admin, { reason: '核实后为真实补贴信息' });
    assert.equal(shown.statusCode, 200);
    assert.equal(shown.json().hidden, false);
    assert.equal((await get(`/api/posts/${id}`, otherResident)).json().body, '加微信 xyz 领补贴');
    assert.equal((await post(`/api/posts/${id}/unhide`, admin, { reason: '再显示' })).statusCode, 409);

    const audits = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'after']).where('target_id', '=', id).orderBy('id').execute();
    assert.deepEqual(
      audits.map((a) => [a.action, a.actor_id, (a.after as { reason?: string }).reason ?? null]),
      [
        ['feed.post', asker.userId, null],
        ['feed.hide', cadre.userId, '疑似诈骗广告'],
        ['feed.unhide', admin.userId, '核实后为真实补贴信息'],
      ],
    );
  });

  test('a reply can be hidden on its own', async () => {
    const id = await question();
    const reply = (await post(`/api/posts/${id}/replies`, asker, { body: '不文明用语' })).json().id;
    assert.equal((await post(`/api/posts/${reply}/hide`, cadre, { reason: '不文明用语' })).statusCode, 200);
    const thread = (await get(`/api/posts/${id}`, otherResident)).json();
    assert.equal(thread.hidden, false);
    assert.equal(thread.replies[0].body, '该内容已被管理员隐藏');
  });
});
