import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import {
  actorOf,
  grantRole,
  makeAdmin,
  makeDepartment,
  makeRegionUnit,
  makeResident,
  makeStaff,
  makeUser,
  signIn,
} from '../../testing/factories.js';

let t: TestApp;
const SHUANGJIANG = '430212101201';
const SHENGLI = '430212101202';
const ZHUTING = '430212101000';
const WANGJIAZHOU = '430212100201';

let units: { shuangjiang: string; shengli: string; zhuting: string; wangjiazhou: string; chengguan: string };
let ids: { admin: string; cadre: string; township: string; resident: string; outsider: string; handler: string; volunteer: string; farResident: string };
let as: Record<keyof typeof ids, Record<string, string>>;

before(async () => {
  t = await createTestApp();
  units = {
    shuangjiang: await makeRegionUnit(t.db, SHUANGJIANG, '双江村村民委员会'),
    shengli: await makeRegionUnit(t.db, SHENGLI, '胜利村村民委员会'),
    zhuting: await makeRegionUnit(t.db, ZHUTING, '朱亭镇人民政府'),
    wangjiazhou: await makeRegionUnit(t.db, WANGJIAZHOU, '王家洲村村民委员会'),
    chengguan: await makeDepartment(t.db, '430212000000', '城管', '渌口区城市管理和综合执法局'),
  };
  ids = {
    admin: await makeAdmin(t.db, '周建国'),
    cadre: await makeStaff(t.db, 'village_cadre', SHUANGJIANG, '李卫东'),
    township: await makeStaff(t.db, 'township_official', ZHUTING, '刘振华'),
    resident: (await makeResident(t.db, SHUANGJIANG, '谭德明')).userId,
    outsider: await makeStaff(t.db, 'village_cadre', WANGJIAZHOU, '王建设'),
    handler: await makeUser(t.db, { name: '王海波' }),
    volunteer: await makeStaff(t.db, 'volunteer', ZHUTING, '刘翊'),
    farResident: (await makeResident(t.db, WANGJIAZHOU, '罗春华')).userId,
  };
  await grantRole(t.db, ids.handler, 'department_handler', units.chengguan);
  as = {} as typeof as;
  for (const [k, id] of Object.entries(ids)) as[k as keyof typeof ids] = (await signIn(t, id)).headers;
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as any, headers });
const del = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'DELETE', url, headers });
const phoneOf = async (id: string) => (await t.db.selectFrom('users').select('phone').where('id', '=', id).executeTakeFirstOrThrow()).phone!;
const auditRows = (action: string, targetId?: string) => {
  let q = t.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (targetId) q = q.where('target_id', '=', targetId);
  return q.orderBy('id').execute();
};
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

// ---- GET /people ----

test('GET /people signed out is a 401', async () => {
  assert.equal((await get('/api/people')).statusCode, 401);
});

test('GET /people with a bad role or an oversized page is a 400 naming the field', async () => {
  const role = await get('/api/people?role=mayor', as.admin);
  assert.equal(role.statusCode, 400);
  assert.equal(role.json().error.field, 'role');
  const nul = await get('/api/people?q=%00', as.admin);
  assert.equal(nul.statusCode, 400);
  assert.equal(nul.json().error.field, 'q');
  const size = await get('/api/people?pageSize=1000', as.admin);
  assert.equal(size.statusCode, 400);
  assert.equal(size.json().error.field, 'pageSize');
});

test('GET /people by a plain resident is a 403', async () => {
  assert.equal((await get('/api/people', as.resident)).statusCode, 403);
});

test("GET /people shows a village cadre only their village's people, with masked phones", async () => {
  const res = await get('/api/people', as.cadre);
  assert.equal(res.statusCode, 200);
  const names = res.json().items.map((p: { name: string }) => p.name).sort();
  assert.deepEqual(names, ['李卫东', '谭德明'].sort());
  const resident = res.json().items.find((p: { id: string }) => p.id === ids.resident);
  assert.match(resident.phone, /^\d{3}\*{4}\d{4}$/);
  assert.equal(resident.username, null);
  assert.equal(resident.grants[0].role, 'resident');
  assert.equal(resident.grants[0].unitName, '双江村村民委员会');
  const me = res.json().items.find((p: { id: string }) => p.id === ids.cadre);
  assert.equal(me.phone, await phoneOf(ids.cadre), 'one sees one’s own number');
});

test("GET /people shows a township official everyone in the township, and an administrator everyone with full phones", async () => {
  const township = (await get('/api/people?pageSize=100', as.township)).json();
  const names = township.items.map((p: { name: string }) => p.name);
  assert.ok(names.includes('谭德明') && names.includes('李卫东') && names.includes('刘翊'));
  assert.ok(!names.includes('罗春华') && !names.includes('王建设'), 'nobody from 渌口镇');
  const admin = (await get('/api/people?pageSize=100', as.admin)).json();
  assert.ok(admin.total >= 8);
  const far = admin.items.find((p: { id: string }) => p.id === ids.farResident);
  assert.equal(far.phone, await phoneOf(ids.farResident));
});

test('GET /people searches by name, phone fragment, role and region', async () => {
  const byName = (await get(`/api/people?q=${encodeURIComponent('德明')}`, as.admin)).json();
  assert.deepEqual(
    byName.items.map((p: { id: string }) => p.id),
    [ids.resident],
  );
  const phone = await phoneOf(ids.farResident);
  const byPhone = (await get(`/api/people?q=${phone.slice(-5)}`, as.admin)).json();
  assert.deepEqual(
    byPhone.items.map((p: { id: string }) => p.id),
    [ids.farResident],
  );
  const cadres = (await get('/api/people?role=village_cadre&regionPrefix=430212101', as.admin)).json();
  assert.deepEqual(
    cadres.items.map((p: { id: string }) => p.id),
    [ids.cadre],
  );
  const inWangjiazhou = (await get(`/api/people?regionPrefix=${WANGJIAZHOU}`, as.admin)).json();
  assert.deepEqual(inWangjiazhou.items.map((p: { name: string }) => p.name).sort(), ['王建设', '罗春华'].sort());
});

test('GET /people shows a department handler their department colleagues only', async () => {
  const res = (await get('/api/people', as.handler)).json();
  assert.deepEqual(
    res.items.map((p: { id: string }) => p.id),
    [ids.handler],
  );
});

// ---- GET /people/:id ----

test('GET /people/:id: 401 signed out, 400 malformed id, 404 unknown', async () => {
  assert.equal((await get(`/api/people/${ids.resident}`)).statusCode, 401);
  const bad = await get('/api/people/xyz', as.admin);
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.field, 'id');
  assert.equal((await get(`/api/people/${UNKNOWN}`, as.admin)).statusCode, 404);
});

test('GET /people/:id of someone outside the caller’s area is a 404, not a 403', async () => {
  const res = await get(`/api/people/${ids.resident}`, as.outsider);
  assert.equal(res.statusCode, 404);
  assert.equal((await get(`/api/people/${ids.cadre}`, as.resident)).statusCode, 404);
});

test('GET /people/:id shows the township official the full phone and household; a volunteer only a masked phone', async () => {
  const official = (await get(`/api/people/${ids.resident}`, as.township)).json();
  assert.equal(official.phone, await phoneOf(ids.resident));
  assert.equal(official.households.length, 1);
  assert.equal(official.households[0].regionCode, SHUANGJIANG);
  assert.equal(official.households[0].status, 'verified');
  assert.equal(official.households[0].isRepresentative, true);
  assert.ok(official.abilities.grantableRoles.includes('village_cadre'));
  assert.ok(!official.abilities.grantableRoles.includes('admin'));
  const volunteer = (await get(`/api/people/${ids.resident}`, as.volunteer)).json();
  assert.match(volunteer.phone, /\*{4}/);
  assert.deepEqual(volunteer.households, []);
  assert.equal(volunteer.abilities.addGrant, false);
  const self = (await get(`/api/people/${ids.resident}`, as.resident)).json();
  assert.equal(self.phone, await phoneOf(ids.resident));
});

// ---- POST /people ----

test('POST /people signed out is a 401', async () => {
  assert.equal((await post('/api/people', { name: '张三', phone: '13973300001' })).statusCode, 401);
});

test('POST /people with bad input is a 400 naming the field', async () => {
  const cases: [unknown, string][] = [
    [{ name: '  ', phone: '13973300001' }, 'name'],
    [{ name: '张三' }, 'phone'],
    [{ name: '张三', phone: '12345' }, 'phone'],
    [{ name: '张三', username: 'Bad Name' }, 'username'],
    [{ name: '张三', phone: '13973300001', role: 'resident' }, 'unitId'],
    [{ name: '张三', phone: '13973300001', role: 'resident', unitId: UNKNOWN }, 'unitId'],
    [{ name: '张三', phone: '13973300001', role: 'village_cadre', unitId: 'x' }, 'unitId'],
    [{ name: '张三', phone: '13973300001', extra: 1 }, 'extra'],
    [{ name: '张\u0000三', phone: '13973300001' }, 'name'],
    [{ name: '张'.repeat(41), phone: '13973300001' }, 'name'],
  ];
  for (const [body, field] of cases) {
    const res = await post('/api/people', body, as.admin);
    assert.equal(res.statusCode, 400, JSON.stringify(body));
    assert.equal(res.json().error.field, field, JSON.stringify(body));
  }
});

test('POST /people by a village cadre without a role in their village is a 400; with a role a village cannot hold, a 400 naming role', async () => {
  const noRole = await post('/api/people', { name: '张三', phone: '13973300002' }, as.cadre);
  assert.equal(noRole.statusCode, 400);
  assert.equal(noRole.json().error.field, 'unitId');
  const township = await post('/api/people', { name: '张三', phone: '13973300002', role: 'village_cadre', unitId: units.zhuting }, as.township);
  assert.equal(township.statusCode, 400);
  assert.equal(township.json().error.field, 'role');
});

test('POST /people: 403 for a resident, for a cadre outside their village, and for anyone but an admin granting admin', async () => {
  assert.equal((await post('/api/people', { name: '张三', phone: '13973300003', role: 'resident', unitId: units.shuangjiang }, as.resident)).statusCode, 403);
  const outside = await post('/api/people', { name: '张三', phone: '13973300003', role: 'resident', unitId: units.wangjiazhou }, as.cadre);
  assert.equal(outside.statusCode, 403);
  assert.match(outside.json().error.message, /负责的区域/);
  const admin = await post('/api/people', { name: '张三', phone: '13973300003', role: 'admin', unitId: units.shuangjiang }, as.township);
  assert.equal(admin.statusCode, 403);
  assert.match(admin.json().error.message, /管理员/);
  const supervisor = await post('/api/people', { name: '张三', phone: '13973300003', role: 'supervision_member', unitId: units.shuangjiang }, as.cadre);
  assert.equal(supervisor.statusCode, 403, 'village cadres do not appoint their own supervisors');
  const users = await t.db.selectFrom('users').select('id').where('phone', '=', '13973300003').execute();
  assert.equal(users.length, 0);
});

test('POST /people by a village cadre creates a grid worker of the village, with the grant and the audit trail', async () => {
  const res = await post('/api/people', { name: '彭丽', phone: '13973300004', role: 'grid_worker', unitId: units.shuangjiang }, as.cadre);
  assert.equal(res.statusCode, 201);
  const body = res.json();
  assert.equal(body.name, '彭丽');
  assert.equal(body.phone, '13973300004', 'the creating cadre may contact the person');
  assert.equal(body.grants[0].role, 'grid_worker');
  const user = await t.db.selectFrom('users').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
  assert.equal(user.phone, '13973300004');
  const grant = await t.db.selectFrom('role_grants').selectAll().where('user_id', '=', body.id).executeTakeFirstOrThrow();
  assert.equal(grant.role, 'grid_worker');
  assert.equal(grant.unit_id, units.shuangjiang);
  assert.equal(grant.granted_by, ids.cadre);
  const [created] = await auditRows('user.created', body.id);
  assert.equal(created!.actor_id, ids.cadre);
  assert.equal((created!.after as { phone: string }).phone, '139****0004', 'the audit log keeps no unmasked phone');
  assert.equal((await auditRows('role.granted', grant.id)).length, 1);
});

test('POST /people with a phone or user name already in use is a 409 naming it', async () => {
  const phone = await post('/api/people', { name: '张三', phone: await phoneOf(ids.resident) }, as.admin);
  assert.equal(phone.statusCode, 409);
  assert.equal(phone.json().error.field, 'phone');
  await post('/api/people', { name: '罗敏', username: 'rx_12345' }, as.admin);
  const username = await post('/api/people', { name: '罗敏二', username: 'rx_12345' }, as.admin);
  assert.equal(username.statusCode, 409);
  assert.equal(username.json().error.field, 'username');
});

test('POST /people with a weak password is a 400 naming password and leaves nothing behind', async () => {
  const res = await post('/api/people', { name: '陈志刚', username: 'zt_jiwei', password: 'short' }, as.admin);
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'password');
  const rows = await t.db.selectFrom('users').select('id').where('username', '=', 'zt_jiwei').execute();
  assert.equal(rows.length, 0);
});

test('POST /people by an administrator with a password lets the person sign in with it', async () => {
  const res = await post('/api/people', { name: '陈志刚', username: 'zt_jiwei', password: 'Zhuting#2026x', role: 'discipline_inspector', unitId: units.zhuting }, as.admin);
  assert.equal(res.statusCode, 201);
  assert.equal(res.json().username, 'zt_jiwei');
  const signInRes = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { login: 'zt_jiwei', password: 'Zhuting#2026x' } });
  assert.equal(signInRes.statusCode, 200);
  assert.equal(signInRes.json().user.id, res.json().id);
});

// ---- POST /people/:id/grants ----

test('POST /people/:id/grants: 401 signed out, 400 bad role, 404 person outside the area, 400 unknown unit', async () => {
  const body = { role: 'volunteer', unitId: units.shuangjiang };
  assert.equal((await post(`/api/people/${ids.resident}/grants`, body)).statusCode, 401);
  const role = await post(`/api/people/${ids.resident}/grants`, { ...body, role: 'king' }, as.cadre);
  assert.equal(role.statusCode, 400);
  assert.equal(role.json().error.field, 'role');
  assert.equal((await post(`/api/people/${ids.farResident}/grants`, body, as.cadre)).statusCode, 404);
  assert.equal((await post(`/api/people/${UNKNOWN}/grants`, body, as.admin)).statusCode, 404);
  const unit = await post(`/api/people/${ids.resident}/grants`, { ...body, unitId: UNKNOWN }, as.cadre);
  assert.equal(unit.statusCode, 400);
  assert.equal(unit.json().error.field, 'unitId');
});

test('POST /people/:id/grants: 403 above the granter’s level, at another village, at a department, or admin', async () => {
  const target = `/api/people/${ids.resident}/grants`;
  assert.equal((await post(target, { role: 'township_official', unitId: units.zhuting }, as.cadre)).statusCode, 403);
  assert.equal((await post(target, { role: 'volunteer', unitId: units.shengli }, as.cadre)).statusCode, 403);
  assert.equal((await post(target, { role: 'department_handler', unitId: units.chengguan }, as.township)).statusCode, 403);
  assert.equal((await post(target, { role: 'admin', unitId: units.shuangjiang }, as.township)).statusCode, 403);
  assert.equal((await post(target, { role: 'village_cadre', unitId: units.shuangjiang }, as.volunteer)).statusCode, 403);
  const grants = await t.db.selectFrom('role_grants').select('role').where('user_id', '=', ids.resident).execute();
  assert.deepEqual(
    grants.map((g) => g.role),
    ['resident'],
  );
});

test('POST /people/:id/grants by the township makes a resident a village cadre (audited); granting it twice is a 409', async () => {
  const res = await post(`/api/people/${ids.resident}/grants`, { role: 'village_cadre', unitId: units.shuangjiang }, as.township);
  assert.equal(res.statusCode, 201);
  assert.ok(res.json().grants.some((g: { role: string }) => g.role === 'village_cadre'));
  const row = await t.db.selectFrom('role_grants').selectAll().where('user_id', '=', ids.resident).where('role', '=', 'village_cadre').executeTakeFirstOrThrow();
  assert.equal(row.granted_by, ids.township);
  const [entry] = await auditRows('role.granted', row.id);
  assert.equal(entry!.actor_id, ids.township);
  const actor = await actorOf(t.db, ids.resident);
  assert.ok(actor.grants.some((g) => g.role === 'village_cadre' && g.regionPrefix === SHUANGJIANG));
  const again = await post(`/api/people/${ids.resident}/grants`, { role: 'village_cadre', unitId: units.shuangjiang }, as.township);
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.field, 'role');
});

// ---- DELETE /people/:id/grants/:grantId ----

async function grantIdOf(userId: string, role: string) {
  return (await t.db.selectFrom('role_grants').select('id').where('user_id', '=', userId).where('role', '=', role).executeTakeFirstOrThrow()).id;
}

test('DELETE /people/:id/grants/:grantId: 401 signed out, 400 malformed, 404 unknown or someone else’s grant', async () => {
  const grantId = await grantIdOf(ids.volunteer, 'volunteer');
  assert.equal((await del(`/api/people/${ids.volunteer}/grants/${grantId}`)).statusCode, 401);
  assert.equal((await del(`/api/people/${ids.volunteer}/grants/nope`, as.admin)).statusCode, 400);
  assert.equal((await del(`/api/people/${ids.volunteer}/grants/${UNKNOWN}`, as.admin)).statusCode, 404);
  assert.equal((await del(`/api/people/${ids.cadre}/grants/${grantId}`, as.admin)).statusCode, 404);
});

test('DELETE /people/:id/grants/:grantId of a role above the caller is a 403 and removes nothing', async () => {
  const grantId = await grantIdOf(ids.township, 'township_official');
  const res = await del(`/api/people/${ids.township}/grants/${grantId}`, as.cadre);
  assert.equal(res.statusCode, 404, 'the township official is outside a village cadre’s area');
  const byVolunteer = await del(`/api/people/${ids.cadre}/grants/${await grantIdOf(ids.cadre, 'village_cadre')}`, as.volunteer);
  assert.equal(byVolunteer.statusCode, 403);
  assert.ok(await grantIdOf(ids.cadre, 'village_cadre'));
});

test('an administrator cannot remove their own last admin grant (409), but can once they hold another', async () => {
  const grantId = await grantIdOf(ids.admin, 'admin');
  const res = await del(`/api/people/${ids.admin}/grants/${grantId}`, as.admin);
  assert.equal(res.statusCode, 409);
  assert.match(res.json().error.message, /管理员/);
  assert.equal((await auditRows('role.revoked', grantId)).length, 0);
  await grantRole(t.db, ids.admin, 'admin', units.zhuting);
  const ok = await del(`/api/people/${ids.admin}/grants/${grantId}`, as.admin);
  assert.equal(ok.statusCode, 204);
});

test('DELETE /people/:id/grants/:grantId by the township removes a volunteer role and audits it', async () => {
  const grantId = await grantIdOf(ids.volunteer, 'volunteer');
  const res = await del(`/api/people/${ids.volunteer}/grants/${grantId}`, as.township);
  assert.equal(res.statusCode, 204);
  const left = await t.db.selectFrom('role_grants').select('id').where('id', '=', grantId).execute();
  assert.equal(left.length, 0);
  const [entry] = await auditRows('role.revoked', grantId);
  assert.equal(entry!.actor_id, ids.township);
  assert.equal((entry!.before as { role: string }).role, 'volunteer');
});
