import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { actorOf, makeAdmin, makeRegion, makeRegionUnit, makeResident, makeStaff, makeUser, signIn } from '../../testing/factories.js';

let t: TestApp;
const SHUANGJIANG = '430212101201';
const WANGJIAZHOU = '430212100201';
const HETAI = '430202001001';
const HETAI_GRID = '430202001001001';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let ids: { admin: string; cadre: string; township: string; gridWorker: string; outsider: string };
let as: Record<keyof typeof ids, Record<string, string>>;

before(async () => {
  t = await createTestApp();
  await makeRegion(t.db, '430212101000', '朱亭镇');
  await makeRegionUnit(t.db, SHUANGJIANG, '双江村村民委员会');
  await t.db.updateTable('regions').set({ name: '双江村', kind: '村' }).where('code', '=', SHUANGJIANG).execute();
  await makeRegionUnit(t.db, WANGJIAZHOU, '王家洲村村民委员会');
  await makeRegion(t.db, HETAI_GRID, '合泰社区第一网格');
  ids = {
    admin: await makeAdmin(t.db),
    cadre: await makeStaff(t.db, 'village_cadre', SHUANGJIANG, '李卫东'),
    township: await makeStaff(t.db, 'township_official', '430212101000', '刘振华'),
    gridWorker: await makeStaff(t.db, 'grid_worker', SHUANGJIANG, '彭丽'),
    outsider: await makeStaff(t.db, 'village_cadre', WANGJIAZHOU, '王建设'),
  };
  as = {} as typeof as;
  for (const [k, id] of Object.entries(ids)) as[k as keyof typeof ids] = (await signIn(t, id)).headers;
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PUT', url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as any, headers });
const auditRows = (action: string, targetId: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).orderBy('id').execute();

/** A newly registered resident (no household yet), signed in. */
async function newcomer(name: string) {
  const userId = await makeUser(t.db, { name });
  return { userId, headers: (await signIn(t, userId)).headers };
}

async function pendingHousehold(name = '贺新宇', address = '双江村6组21号') {
  const person = await newcomer(name);
  const res = await send('POST', '/api/households/join', { regionCode: SHUANGJIANG, address, relation: '户主' }, person.headers);
  assert.equal(res.statusCode, 201, res.body);
  return { ...person, householdId: res.json().id as string };
}

// ---- GET /households/mine ----

test('GET /households/mine signed out is a 401', async () => {
  assert.equal((await get('/api/households/mine')).statusCode, 401);
});

test('GET /households/mine shows me in full and the other members masked', async () => {
  const head = await makeResident(t.db, SHUANGJIANG, '谭德明');
  const spouse = await makeUser(t.db, { name: '周秋菊' });
  await t.db
    .insertInto('household_members')
    .values({ household_id: head.householdId, user_id: spouse, relation: '配偶', status: 'verified', verified_by: null, verified_at: new Date() })
    .execute();
  const res = await get('/api/households/mine', (await signIn(t, spouse)).headers);
  assert.equal(res.statusCode, 200);
  const [household] = res.json().items;
  assert.equal(household.id, head.householdId);
  assert.equal(household.regionName, '双江村');
  assert.equal(household.myStatus, 'verified');
  const me = household.members.find((m: { isMe: boolean }) => m.isMe);
  assert.equal(me.name, '周秋菊');
  assert.match(me.phone, /^\d{11}$/);
  const other = household.members.find((m: { isMe: boolean }) => !m.isMe);
  assert.equal(other.name, '谭*明');
  assert.match(other.phone, /^\d{3}\*{4}\d{4}$/);
  assert.equal(household.representative.name, '谭*明');
  assert.equal(household.abilities.setRepresentative, true);
  assert.equal(household.abilities.verify, false);
});

// ---- POST /households/join ----

test('POST /households/join signed out is a 401', async () => {
  const res = await send('POST', '/api/households/join', { regionCode: SHUANGJIANG, address: '双江村1组1号', relation: '户主' });
  assert.equal(res.statusCode, 401);
});

test('POST /households/join with bad input is a 400 naming the field, and writes nothing', async () => {
  const person = await newcomer('易小兰');
  const cases: [unknown, string][] = [
    [{ regionCode: '430212999201', address: '1号', relation: '户主' }, 'regionCode'],
    [{ regionCode: '430212101000', address: '1号', relation: '户主' }, 'regionCode'],
    [{ regionCode: '4302', address: '1号', relation: '户主' }, 'regionCode'],
    [{ regionCode: SHUANGJIANG, relation: '户主' }, 'address'],
    [{ regionCode: SHUANGJIANG, address: '   ', relation: '户主' }, 'address'],
    [{ regionCode: SHUANGJIANG, address: '1号', relation: '  ' }, 'relation'],
    [{ regionCode: SHUANGJIANG, address: '1号' }, 'relation'],
    [{ regionCode: SHUANGJIANG, relation: '子女', householdId: UNKNOWN }, 'householdId'],
    [{ regionCode: SHUANGJIANG, relation: '子女', householdId: 'abc' }, 'householdId'],
    [{ regionCode: SHUANGJIANG, address: '1\u0000号', relation: '户主' }, 'address'],
    [{ regionCode: SHUANGJIANG, address: '1号', relation: '户'.repeat(21) }, 'relation'],
  ];
  for (const [body, field] of cases) {
    const res = await send('POST', '/api/households/join', body, person.headers);
    assert.equal(res.statusCode, 400, JSON.stringify(body));
    assert.equal(res.json().error.field, field, JSON.stringify(body));
  }
  const unknown = await send('POST', '/api/households/join', { regionCode: '430212999201', address: '1号', relation: '户主' }, person.headers);
  assert.match(unknown.json().error.message, /430212999201/);
  const rows = await t.db.selectFrom('household_members').select('household_id').where('user_id', '=', person.userId).execute();
  assert.equal(rows.length, 0);
});

test('POST /households/join naming a household of another village is a 400 naming regionCode', async () => {
  const other = await makeResident(t.db, WANGJIAZHOU, '罗春华');
  const person = await newcomer('罗小军');
  const res = await send('POST', '/api/households/join', { regionCode: SHUANGJIANG, relation: '子女', householdId: other.householdId }, person.headers);
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'regionCode');
});

test('POST /households/join registers a new household, pending, and audits it', async () => {
  const person = await newcomer('贺新宇');
  const res = await send('POST', '/api/households/join', { regionCode: SHUANGJIANG, address: ' 双江村6组21号 ', relation: '户主' }, person.headers);
  assert.equal(res.statusCode, 201);
  const body = res.json();
  assert.equal(body.myStatus, 'pending');
  assert.equal(body.address, '双江村6组21号');
  assert.equal(body.representative, null);
  const household = await t.db.selectFrom('households').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
  assert.equal(household.region_code, SHUANGJIANG);
  const member = await t.db.selectFrom('household_members').selectAll().where('household_id', '=', body.id).executeTakeFirstOrThrow();
  assert.equal(member.user_id, person.userId);
  assert.equal(member.status, 'pending');
  assert.equal((await auditRows('household.registered', body.id)).length, 1);
  const [requested] = await auditRows('household.join_requested', body.id);
  assert.equal(requested!.actor_id, person.userId);
  const actor = await actorOf(t.db, person.userId);
  assert.deepEqual(actor.householdRegions, [], 'a pending membership gives no household region yet');
});

test('POST /households/join twice in the same village is a 409; the same household a 409 too', async () => {
  const { headers, householdId } = await pendingHousehold('唐运来', '双江村2组30号');
  const again = await send('POST', '/api/households/join', { regionCode: SHUANGJIANG, address: '双江村2组31号', relation: '户主' }, headers);
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.field, 'regionCode');
  const same = await send('POST', '/api/households/join', { regionCode: SHUANGJIANG, relation: '户主', householdId }, headers);
  assert.equal(same.statusCode, 409);
  assert.equal(same.json().error.field, 'householdId');
});

test('a pending member of an existing household does not see the other members', async () => {
  const head = await makeResident(t.db, SHUANGJIANG, '彭家旺');
  const son = await newcomer('彭小军');
  const res = await send('POST', '/api/households/join', { regionCode: SHUANGJIANG, relation: '子女', householdId: head.householdId }, son.headers);
  assert.equal(res.statusCode, 201);
  assert.equal(res.json().myStatus, 'pending');
  assert.deepEqual(
    res.json().members.map((m: { userId: string }) => m.userId),
    [son.userId],
  );
  assert.equal(res.json().representative, null);
});

test('a household at a grid can be joined by naming its community', async () => {
  await makeRegionUnit(t.db, HETAI, '合泰社区居民委员会');
  const first = await newcomer('黄玉林');
  const created = await send('POST', '/api/households/join', { regionCode: HETAI_GRID, address: '合泰新村5栋301', relation: '户主' }, first.headers);
  assert.equal(created.statusCode, 201);
  const second = await newcomer('黄小燕');
  const joined = await send('POST', '/api/households/join', { regionCode: HETAI, relation: '配偶', householdId: created.json().id }, second.headers);
  assert.equal(joined.statusCode, 201);
});

// ---- GET /households ----

test('GET /households: 401 signed out, 400 bad status, 403 for a resident', async () => {
  assert.equal((await get('/api/households')).statusCode, 401);
  const bad = await get('/api/households?status=maybe', as.cadre);
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.field, 'status');
  const resident = await makeResident(t.db, SHUANGJIANG, '文石生');
  assert.equal((await get('/api/households', (await signIn(t, resident.userId)).headers)).statusCode, 403);
});

test('GET /households shows the cadre their village, pending requests first, names in full and phones masked', async () => {
  await pendingHousehold('曾立新', '双江村8组9号');
  const res = await get('/api/households?pageSize=100', as.cadre);
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.ok(body.total >= 2);
  assert.ok(body.items.every((h: { regionCode: string }) => h.regionCode.startsWith(SHUANGJIANG)));
  const firstSettled = body.items.findIndex((h: { pendingCount: number }) => h.pendingCount === 0);
  assert.ok(body.items.slice(firstSettled).every((h: { pendingCount: number }) => h.pendingCount === 0), 'pending first');
  const zeng = body.items.find((h: { members: { name: string }[] }) => h.members.some((m) => m.name === '曾立新'));
  assert.match(zeng.members[0].phone, /\*{4}/);
  assert.equal(zeng.abilities.verify, true);
  const pending = (await get('/api/households?status=pending&pageSize=100', as.cadre)).json();
  assert.ok(pending.items.every((h: { pendingCount: number }) => h.pendingCount > 0));
  const outsider = (await get('/api/households', as.outsider)).json();
  assert.ok(outsider.items.every((h: { regionCode: string }) => h.regionCode.startsWith(WANGJIAZHOU)));
  const narrowed = (await get(`/api/households?regionPrefix=${WANGJIAZHOU}`, as.cadre)).json();
  assert.equal(narrowed.total, 0, 'asking for another village gives nothing outside the scope');
  const admin = (await get(`/api/households?regionPrefix=${WANGJIAZHOU}`, as.admin)).json();
  assert.ok(admin.total >= 1);
  assert.match(admin.items[0].members[0].phone, /^\d{11}$/, 'administrators see full phones');
});

// ---- POST /households/:id/members/:userId/verify ----

test('verify: 401 signed out, 400 without approve, 404 unknown household, 404 outside the area', async () => {
  const { userId, householdId } = await pendingHousehold('罗满秀', '双江村3组40号');
  const url = `/api/households/${householdId}/members/${userId}/verify`;
  assert.equal((await send('POST', url, { approve: true })).statusCode, 401);
  const bad = await send('POST', url, {}, as.cadre);
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.field, 'approve');
  assert.equal((await send('POST', `/api/households/${UNKNOWN}/members/${userId}/verify`, { approve: true }, as.cadre)).statusCode, 404);
  assert.equal((await send('POST', url, { approve: true }, as.outsider)).statusCode, 404);
  assert.equal((await send('POST', `/api/households/${householdId}/members/${UNKNOWN}/verify`, { approve: true }, as.cadre)).statusCode, 404);
  const member = await t.db.selectFrom('household_members').select('status').where('user_id', '=', userId).executeTakeFirstOrThrow();
  assert.equal(member.status, 'pending');
});

test('verify: 403 for a grid worker (sees, cannot verify) and for one’s own membership', async () => {
  const { userId, householdId } = await pendingHousehold('陈运来', '双江村4组40号');
  const res = await send('POST', `/api/households/${householdId}/members/${userId}/verify`, { approve: true }, as.gridWorker);
  assert.equal(res.statusCode, 403);
  // A cadre who registers a household of their own cannot approve it themselves.
  const cadreJoin = await send('POST', '/api/households/join', { regionCode: SHUANGJIANG, address: '双江村5组40号', relation: '户主' }, as.cadre);
  assert.equal(cadreJoin.statusCode, 201);
  const own = await send('POST', `/api/households/${cadreJoin.json().id}/members/${ids.cadre}/verify`, { approve: true }, as.cadre);
  assert.equal(own.statusCode, 403);
  assert.match(own.json().error.message, /自己/);
});

test('join → the cadre verifies → resident of the village, representative, all audited; deciding twice is a 409', async () => {
  const { userId, headers, householdId } = await pendingHousehold('张长生', '双江村7组12号');
  const listed = (await get('/api/households?status=pending&pageSize=100', as.cadre)).json();
  assert.ok(listed.items.some((h: { id: string }) => h.id === householdId));

  const res = await send('POST', `/api/households/${householdId}/members/${userId}/verify`, { approve: true }, as.cadre);
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().members[0].status, 'verified');
  assert.equal(res.json().representative.userId, userId);

  const member = await t.db.selectFrom('household_members').selectAll().where('household_id', '=', householdId).executeTakeFirstOrThrow();
  assert.equal(member.status, 'verified');
  assert.equal(member.verified_by, ids.cadre);
  assert.ok(member.verified_at);
  const unitId = await makeRegionUnit(t.db, SHUANGJIANG);
  const grant = await t.db.selectFrom('role_grants').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
  assert.equal(grant.role, 'resident');
  assert.equal(grant.unit_id, unitId);
  assert.equal(grant.granted_by, ids.cadre);
  const household = await t.db.selectFrom('households').selectAll().where('id', '=', householdId).executeTakeFirstOrThrow();
  assert.equal(household.representative_user_id, userId);
  assert.equal((await auditRows('household.member_verified', householdId)).length, 1);
  assert.equal((await auditRows('household.representative_set', householdId)).length, 1);
  assert.equal((await auditRows('role.granted', grant.id)).length, 1);

  const actor = await actorOf(t.db, userId);
  assert.deepEqual(actor.householdRegions, [SHUANGJIANG]);
  assert.ok(actor.grants.some((g) => g.role === 'resident' && g.regionPrefix === SHUANGJIANG));
  const mine = (await get('/api/households/mine', headers)).json();
  assert.equal(mine.items[0].myStatus, 'verified');

  const twice = await send('POST', `/api/households/${householdId}/members/${userId}/verify`, { approve: false }, as.township);
  assert.equal(twice.statusCode, 409);
  const grants = await t.db.selectFrom('role_grants').select('id').where('user_id', '=', userId).execute();
  assert.equal(grants.length, 1);
});

test('verifying a grid household makes the person a resident of the community, not of the grid', async () => {
  const communityUnit = await makeRegionUnit(t.db, HETAI);
  const cadre = await makeStaff(t.db, 'village_cadre', HETAI, '邓勇');
  const person = await newcomer('邓秀英');
  const joined = await send('POST', '/api/households/join', { regionCode: HETAI_GRID, address: '合泰新村6栋101', relation: '户主' }, person.headers);
  const res = await send('POST', `/api/households/${joined.json().id}/members/${person.userId}/verify`, { approve: true }, (await signIn(t, cadre)).headers);
  assert.equal(res.statusCode, 200);
  const grant = await t.db.selectFrom('role_grants').selectAll().where('user_id', '=', person.userId).executeTakeFirstOrThrow();
  assert.equal(grant.unit_id, communityUnit);
});

test('a rejected request gives no role; the person may ask again', async () => {
  const { userId, headers, householdId } = await pendingHousehold('李冬梅', '双江村1组50号');
  const res = await send('POST', `/api/households/${householdId}/members/${userId}/verify`, { approve: false }, as.township);
  assert.equal(res.statusCode, 200);
  const member = await t.db.selectFrom('household_members').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
  assert.equal(member.status, 'rejected');
  assert.equal((await t.db.selectFrom('role_grants').select('id').where('user_id', '=', userId).execute()).length, 0);
  assert.equal((await auditRows('household.member_rejected', householdId)).length, 1);
  const again = await send('POST', '/api/households/join', { regionCode: SHUANGJIANG, relation: '户主', householdId }, headers);
  assert.equal(again.statusCode, 201);
  assert.equal(again.json().myStatus, 'pending');
});

// ---- PUT /households/:id/representative ----

test('representative: 401 signed out, 400 bad body, 404 unknown or not mine to see, 403 for a grid worker', async () => {
  const head = await makeResident(t.db, SHUANGJIANG, '易正清');
  const url = `/api/households/${head.householdId}/representative`;
  assert.equal((await send('PUT', url, { userId: head.userId })).statusCode, 401);
  const bad = await send('PUT', url, { userId: 'me' }, as.cadre);
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.field, 'userId');
  assert.equal((await send('PUT', `/api/households/${UNKNOWN}/representative`, { userId: head.userId }, as.cadre)).statusCode, 404);
  assert.equal((await send('PUT', url, { userId: head.userId }, as.outsider)).statusCode, 404);
  assert.equal((await send('PUT', url, { userId: head.userId }, as.gridWorker)).statusCode, 403);
});

test('the representative must be a verified member (400 naming userId); a member may hand it over (audited)', async () => {
  const head = await makeResident(t.db, SHUANGJIANG, '贺春生');
  const wife = await makeUser(t.db, { name: '贺月娥' });
  const son = await newcomer('贺小伟');
  await t.db
    .insertInto('household_members')
    .values({ household_id: head.householdId, user_id: wife, relation: '配偶', status: 'verified', verified_by: null, verified_at: new Date() })
    .execute();
  await send('POST', '/api/households/join', { regionCode: SHUANGJIANG, relation: '子女', householdId: head.householdId }, son.headers);
  const headHeaders = (await signIn(t, head.userId)).headers;
  const url = `/api/households/${head.householdId}/representative`;
  const pending = await send('PUT', url, { userId: son.userId }, headHeaders);
  assert.equal(pending.statusCode, 400);
  assert.equal(pending.json().error.field, 'userId');
  const stranger = await send('PUT', url, { userId: ids.cadre }, headHeaders);
  assert.equal(stranger.statusCode, 400);
  const sonTries = await send('PUT', url, { userId: son.userId }, son.headers);
  assert.equal(sonTries.statusCode, 404, 'a pending member cannot see the household yet');

  const res = await send('PUT', url, { userId: wife }, headHeaders);
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().representative.userId, wife);
  const row = await t.db.selectFrom('households').select('representative_user_id').where('id', '=', head.householdId).executeTakeFirstOrThrow();
  assert.equal(row.representative_user_id, wife);
  const [entry] = await auditRows('household.representative_set', head.householdId);
  assert.deepEqual(entry!.before, { userId: head.userId });
  assert.deepEqual(entry!.after, { userId: wife });
});
