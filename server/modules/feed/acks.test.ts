import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeHousehold, makeResident, makeStaff, makeUser, signIn, type SignedIn } from '../../testing/factories.js';
import { CODES, makeZhuzhouUnits } from './test-fixtures.js';
import { maskAddress } from './presenter.js';

let t: TestApp;
let cadre: SignedIn;
let supervisor: SignedIn;
let township: SignedIn;
let head: SignedIn; // 户主 of household A
let spouse: SignedIn; // a second verified member of household A
let pendingMember: SignedIn; // joined household B, not yet verified
let gridHead: SignedIn; // household in the grid under 双江村
let neighbour: SignedIn;
let staffOnly: SignedIn;
let householdA: string;
let noticeId: string;
let plainId: string;

before(async () => {
  t = await createTestApp();
  await makeZhuzhouUnits(t.db);
  cadre = await signIn(t, await makeStaff(t.db, 'village_cadre', CODES.village, '周国强'));
  supervisor = await signIn(t, await makeStaff(t.db, 'supervision_member', CODES.village, '邓监督'));
  township = await signIn(t, await makeStaff(t.db, 'township_official', CODES.township, '陈志明'));
  staffOnly = await signIn(t, await makeStaff(t.db, 'volunteer', CODES.village, '志愿者小张'));

  const a = await makeResident(t.db, CODES.village, '李秋云');
  householdA = a.householdId;
  head = await signIn(t, a.userId);
  await t.db.updateTable('households').set({ address: '双江村七组15号' }).where('id', '=', householdA).execute();
  const spouseId = await makeUser(t.db, { name: '张德明' });
  await t.db
    .insertInto('household_members')
    .values({ household_id: householdA, user_id: spouseId, relation: '配偶', status: 'verified', verified_by: null, verified_at: new Date() })
    .execute();
  spouse = await signIn(t, spouseId);

  const b = await makeResident(t.db, CODES.village, '王五');
  await t.db.updateTable('households').set({ address: '双江村三组2号' }).where('id', '=', b.householdId).execute();
  const pendingId = await makeUser(t.db, { name: '王小五' });
  await t.db
    .insertInto('household_members')
    .values({ household_id: b.householdId, user_id: pendingId, relation: '子女', status: 'pending', verified_by: null, verified_at: null })
    .execute();
  pendingMember = await signIn(t, pendingId);

  const gridId = await makeUser(t.db, { name: '赵小红' });
  const gridHousehold = await makeHousehold(t.db, CODES.grid, gridId);
  await t.db.updateTable('households').set({ address: '双江村一组8号' }).where('id', '=', gridHousehold).execute();
  gridHead = await signIn(t, gridId);

  // Not counted: a household with nobody verified, and a household in the next village.
  await makeHousehold(t.db, CODES.village);
  neighbour = await signIn(t, (await makeResident(t.db, CODES.neighbour, '隔壁村民')).userId);

  const notice = await t.app.inject({
    method: 'POST',
    url: `/api/feeds/${CODES.village}/posts`,
    headers: cadre.headers,
    payload: { kind: 'notice', title: '十一月村务公开', body: '@所有人 本月村务公开已张贴，请每户确认已阅。', requiresAck: true },
  });
  noticeId = notice.json().id;
  plainId = (
    await t.app.inject({ method: 'POST', url: `/api/feeds/${CODES.village}/posts`, headers: cadre.headers, payload: { kind: 'notice', body: '普通通知' } })
  ).json().id;
});
after(() => t.close());

const get = (url: string, who?: SignedIn) => t.app.inject({ method: 'GET', url, headers: who?.headers });
const post = (url: string, who?: SignedIn) => t.app.inject({ method: 'POST', url, headers: who?.headers });
const missing = '00000000-0000-4000-8000-000000000000';

describe('POST /api/posts/:id/ack', () => {
  test('answers 401 when signed out and 400 for a malformed id', async () => {
    assert.equal((await post(`/api/posts/${noticeId}/ack`)).statusCode, 401);
    const bad = await post('/api/posts/abc/ack', head);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'id');
  });

  test('answers 403 to staff without a household, an unverified member and a resident of another village', async () => {
    const staff = await post(`/api/posts/${noticeId}/ack`, staffOnly);
    assert.equal(staff.statusCode, 403);
    assert.match(staff.json().error.message, /已核实住户/);
    assert.equal((await post(`/api/posts/${noticeId}/ack`, pendingMember)).statusCode, 403);
    assert.equal((await post(`/api/posts/${noticeId}/ack`, neighbour)).statusCode, 403);
  });

  test('answers 404 for an unknown post and 409 for a post that asks no acknowledgement', async () => {
    assert.equal((await post(`/api/posts/${missing}/ack`, head)).statusCode, 404);
    const plain = await post(`/api/posts/${plainId}/ack`, head);
    assert.equal(plain.statusCode, 409);
    assert.equal(plain.json().error.code, 'conflict');
  });

  test('one acknowledgement per household, whichever verified member gives it', async () => {
    const first = await post(`/api/posts/${noticeId}/ack`, spouse);
    assert.equal(first.statusCode, 204);
    const second = await post(`/api/posts/${noticeId}/ack`, head);
    assert.equal(second.statusCode, 204);
    const rows = await t.db.selectFrom('feed_acks').selectAll().where('post_id', '=', noticeId).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].household_id, householdA);
    assert.equal(rows[0].user_id, spouse.userId);
    const audits = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'feed.ack').where('target_id', '=', noticeId).execute();
    assert.equal(audits.length, 1, 'the repeated acknowledgement changed nothing and is not audited');
    assert.equal(audits[0].actor_id, spouse.userId);

    const asHead = (await get(`/api/posts/${noticeId}`, head)).json();
    assert.deepEqual(asHead.ack, { mine: true, acknowledged: 1, total: 3 });
    assert.equal(asHead.abilities.ack, false);
    const asGrid = (await get(`/api/posts/${noticeId}`, gridHead)).json();
    assert.deepEqual(asGrid.ack, { mine: false, acknowledged: 1, total: 3 });
    assert.equal(asGrid.abilities.ack, true);
  });

  test('a household in a grid of the village acknowledges the village notice', async () => {
    assert.equal((await post(`/api/posts/${noticeId}/ack`, gridHead)).statusCode, 204);
  });
});

describe('GET /api/posts/:id/acks', () => {
  test('answers 401, 400, 403 to residents, 404 and 409', async () => {
    assert.equal((await get(`/api/posts/${noticeId}/acks`)).statusCode, 401);
    assert.equal((await get('/api/posts/x/acks', cadre)).statusCode, 400);
    assert.equal((await get(`/api/posts/${noticeId}/acks`, head)).statusCode, 403);
    assert.equal((await get(`/api/posts/${noticeId}/acks`, staffOnly)).statusCode, 403);
    assert.equal((await get(`/api/posts/${noticeId}/acks`, neighbour)).statusCode, 403);
    assert.equal((await get(`/api/posts/${missing}/acks`, cadre)).statusCode, 404);
    assert.equal((await get(`/api/posts/${plainId}/acks`, cadre)).statusCode, 409);
  });

  test('cadres in scope see who has and has not acknowledged, unmasked, with totals', async () => {
    for (const who of [cadre, township]) {
      const res = await get(`/api/posts/${noticeId}/acks`, who);
      assert.equal(res.statusCode, 200);
      const list = res.json();
      assert.deepEqual(list.totals, { households: 3, acknowledged: 2 });
      assert.equal(list.masked, false);
      assert.equal(list.truncated, false);
      assert.deepEqual(
        list.acknowledged.map((h: { address: string; representative: string }) => [h.address, h.representative]).sort(),
        [
          ['双江村一组8号', '赵小红'],
          ['双江村七组15号', '李秋云'],
        ].sort(),
      );
      assert.ok(list.acknowledged.every((h: { ackedAt: string }) => !Number.isNaN(Date.parse(h.ackedAt))));
      assert.deepEqual(list.pending, [{ householdId: list.pending[0].householdId, address: '双江村三组2号', representative: '王五' }]);
    }
  });

  test('the supervision committee sees the same lists masked', async () => {
    const list = (await get(`/api/posts/${noticeId}/acks`, supervisor)).json();
    assert.equal(list.masked, true);
    assert.deepEqual(list.totals, { households: 3, acknowledged: 2 });
    assert.deepEqual(list.pending.map((h: { address: string; representative: string }) => [h.address, h.representative]), [
      [maskAddress('双江村三组2号'), '王*'],
    ]);
    assert.ok(list.acknowledged.every((h: { representative: string }) => h.representative.includes('*')));
  });
});

test('maskAddress keeps the first half and the closing 号', () => {
  assert.equal(maskAddress('双江村七组15号'), '双江村七***号');
  assert.equal(maskAddress('月塘街道建设社区5栋'), '月塘街道建****栋');
  assert.equal(maskAddress('二组'), '**');
});
