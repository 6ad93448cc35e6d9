import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeAdmin, makeDepartment, makeRegion, makeRegionUnit, makeStaff, signIn } from '../../testing/factories.js';

let t: TestApp;
let adminHeaders: Record<string, string>;
let cadreHeaders: Record<string, string>;

before(async () => {
  t = await createTestApp();
  await makeRegion(t.db, '430000000000', '湖南省');
  await makeRegion(t.db, '430200000000', '株洲市');
  await makeRegion(t.db, '430212000000', '渌口区');
  await makeRegion(t.db, '430212101000', '朱亭镇');
  await makeRegionUnit(t.db, '430212101201', '双江村村民委员会');
  await t.db.updateTable('regions').set({ name: '双江村', kind: '村' }).where('code', '=', '430212101201').execute();
  await makeRegion(t.db, '430212101202', '胜利村');
  await makeRegion(t.db, '430212101001', '朱亭社区');
  await makeRegion(t.db, '430212101001001', '朱亭社区第一网格');
  await makeRegion(t.db, '430212100201', '王家洲村');
  adminHeaders = (await signIn(t, await makeAdmin(t.db))).headers;
  cadreHeaders = (await signIn(t, await makeStaff(t.db, 'village_cadre', '430212101201', '李卫东'))).headers;
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PATCH', url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload: payload as any, headers });
const auditRows = (action: string, targetId: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', targetId).execute();

// ---- GET /regions/:code ----

test('GET /regions/:code with a malformed code is a 400 naming the region code', async () => {
  const res = await get('/api/regions/4302x');
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'regionCode');
  assert.match(res.json().error.message, /区划代码/);
});

test('GET /regions/:code of a code that does not exist is a 404', async () => {
  const res = await get('/api/regions/430212999000');
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, 'not_found');
  assert.match(res.json().error.message, /区划不存在/);
});

test('GET /regions/:code is public and gives the breadcrumb and the children with their child counts', async () => {
  const res = await get('/api/regions/430212101000');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.name, '朱亭镇');
  assert.equal(body.level, 'township');
  assert.equal(body.parentCode, '430212000000');
  assert.deepEqual(
    body.path.map((p: { name: string }) => p.name),
    ['湖南省', '株洲市', '渌口区', '朱亭镇'],
  );
  assert.deepEqual(
    body.children.map((c: { code: string; childCount: number }) => [c.code, c.childCount]),
    [
      ['430212101001', 1],
      ['430212101201', 0],
      ['430212101202', 0],
    ],
  );
  assert.equal(body.abilities.createDepartment, false);
  const village = (await get('/api/regions/430212101201')).json();
  assert.ok(village.unitId, 'a village with a committee names its unit');
});

test('GET /regions/:code tells an administrator they may set up departments', async () => {
  const res = await get('/api/regions/430212000000', adminHeaders);
  assert.equal(res.json().abilities.createDepartment, true);
});

// ---- GET /regions ----

test('GET /regions with a malformed parent is a 400 naming parent', async () => {
  const res = await get('/api/regions?q=%E5%8F%8C&parent=43');
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'parent');
});

test('GET /regions with a parent that does not exist is a 400 region.unknown naming parent', async () => {
  const res = await get('/api/regions?q=%E5%8F%8C&parent=430299000000');
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'parent');
  assert.match(res.json().error.message, /430299000000/);
});

test('GET /regions?q= finds regions by a fragment of their name, each with its breadcrumb', async () => {
  const res = await get(`/api/regions?q=${encodeURIComponent('双江')}`);
  assert.equal(res.statusCode, 200);
  const [first] = res.json().items;
  assert.equal(first.code, '430212101201');
  assert.deepEqual(
    first.path.map((p: { name: string }) => p.name),
    ['湖南省', '株洲市', '渌口区', '朱亭镇', '双江村'],
  );
});

test('GET /regions?q=&parent= searches only inside the parent', async () => {
  const all = (await get(`/api/regions?q=${encodeURIComponent('村')}`)).json().items.map((i: { code: string }) => i.code);
  assert.ok(all.includes('430212100201'));
  const inside = (await get(`/api/regions?q=${encodeURIComponent('村')}&parent=430212101000`)).json().items.map((i: { code: string }) => i.code);
  assert.ok(inside.length >= 2);
  assert.ok(inside.every((c: string) => c.startsWith('430212101')));
});

test('GET /regions treats % and _ as plain characters, not wildcards', async () => {
  const res = await get('/api/regions?q=%25');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json().items, []);
});

test('a NUL byte in a search is a 400 naming the field, never a 500', async () => {
  for (const url of ['/api/regions?q=%00', '/api/units?q=a%00b']) {
    const res = await get(url);
    assert.equal(res.statusCode, 400, url);
    assert.equal(res.json().error.field, 'q', url);
  }
});

test('GET /regions without q lists the top-level regions, or the children of parent', async () => {
  const roots = (await get('/api/regions')).json().items;
  assert.deepEqual(
    roots.map((r: { code: string }) => r.code),
    ['430000000000'],
  );
  const kids = (await get('/api/regions?parent=430212101000')).json().items;
  assert.equal(kids.length, 3);
});

// ---- GET /units and /units/:id ----

test('GET /units with a bad kind is a 400 naming kind', async () => {
  const res = await get('/api/units?kind=ministry');
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'kind');
});

test('GET /units lists units in a subtree, filtered by kind and name, a page at a time', async () => {
  await makeDepartment(t.db, '430212000000', '城管', '渌口区城市管理和综合执法局');
  const res = await get('/api/units?regionPrefix=430212&kind=department');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.total, 1);
  assert.equal(body.items[0].name, '渌口区城市管理和综合执法局');
  assert.equal(body.items[0].regionName, '渌口区');
  assert.equal(body.items[0].departmentType, '城管');
  const byName = (await get(`/api/units?q=${encodeURIComponent('双江')}`)).json();
  assert.equal(byName.items[0].name, '双江村村民委员会');
  const paged = (await get('/api/units?pageSize=1&page=1')).json();
  assert.equal(paged.items.length, 1);
  assert.ok(paged.total >= 3);
});

test('GET /units/:id with a malformed id is a 400; an unknown id a 404', async () => {
  assert.equal((await get('/api/units/not-a-uuid')).statusCode, 400);
  const res = await get('/api/units/00000000-0000-4000-8000-000000000000');
  assert.equal(res.statusCode, 404);
});

test('GET /units/:id gives the unit with its breadcrumb', async () => {
  const id = await makeRegionUnit(t.db, '430212101201');
  const res = await get(`/api/units/${id}`);
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().name, '双江村村民委员会');
  assert.equal(res.json().path.length, 5);
  assert.equal(res.json().abilities.update, false);
});

// ---- POST /units ----

const department = { regionCode: '430212000000', name: '渌口区卫生健康局', departmentType: '卫健', phone: '0731-27621234' };

test('POST /units signed out is a 401', async () => {
  const res = await send('POST', '/api/units', department);
  assert.equal(res.statusCode, 401);
});

test('POST /units with an unknown department type is a 400 naming departmentType', async () => {
  const res = await send('POST', '/api/units', { ...department, departmentType: '宣传' }, adminHeaders);
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'departmentType');
});

test('POST /units with an unknown region is a 400 region.unknown naming regionCode', async () => {
  const res = await send('POST', '/api/units', { ...department, regionCode: '430212999000' }, adminHeaders);
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'regionCode');
  assert.match(res.json().error.message, /430212999000/);
});

test('POST /units at a village is a 400: departments sit at city, county or township level', async () => {
  const res = await send('POST', '/api/units', { ...department, regionCode: '430212101201' }, adminHeaders);
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'regionCode');
});

test('POST /units with a blank name is a 400 naming name', async () => {
  const res = await send('POST', '/api/units', { ...department, name: '   ' }, adminHeaders);
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'name');
});

test('POST /units by a village cadre is a 403 and writes nothing', async () => {
  const res = await send('POST', '/api/units', department, cadreHeaders);
  assert.equal(res.statusCode, 403);
  const rows = await t.db.selectFrom('units').select('id').where('name', '=', department.name).execute();
  assert.equal(rows.length, 0);
});

test('POST /units by an administrator creates the department and audits it', async () => {
  const res = await send('POST', '/api/units', department, adminHeaders);
  assert.equal(res.statusCode, 201);
  const body = res.json();
  assert.equal(body.kind, 'department');
  assert.equal(body.departmentType, '卫健');
  const row = await t.db.selectFrom('units').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
  assert.equal(row.name, '渌口区卫生健康局');
  assert.equal(row.region_code, '430212000000');
  assert.equal(row.phone, '0731-27621234');
  const audits = await auditRows('unit.created', body.id);
  assert.equal(audits.length, 1);
  assert.equal((audits[0]!.after as { departmentType: string }).departmentType, '卫健');
});

test('POST /units for a department type the region already has is a 409 naming departmentType', async () => {
  const res = await send('POST', '/api/units', { ...department, name: '另一个卫健局' }, adminHeaders);
  assert.equal(res.statusCode, 409);
  assert.equal(res.json().error.field, 'departmentType');
  const count = await t.db.selectFrom('units').select('id').where('region_code', '=', '430212000000').where('department_type', '=', '卫健').execute();
  assert.equal(count.length, 1);
});

// ---- PATCH /units/:id ----

test('PATCH /units/:id: 401 signed out, 403 for a cadre, 404 for an unknown unit, 400 with nothing to change', async () => {
  const id = await makeRegionUnit(t.db, '430212101202');
  assert.equal((await send('PATCH', `/api/units/${id}`, { phone: '0731-27620000' })).statusCode, 401);
  assert.equal((await send('PATCH', `/api/units/${id}`, { phone: '0731-27620000' }, cadreHeaders)).statusCode, 403);
  assert.equal((await send('PATCH', '/api/units/00000000-0000-4000-8000-000000000000', { phone: '0731-27620000' }, adminHeaders)).statusCode, 404);
  const empty = await send('PATCH', `/api/units/${id}`, {}, adminHeaders);
  assert.equal(empty.statusCode, 400);
  const badPhone = await send('PATCH', `/api/units/${id}`, { phone: 'call me' }, adminHeaders);
  assert.equal(badPhone.statusCode, 400);
  assert.equal(badPhone.json().error.field, 'phone');
});

test('PATCH /units/:id by an administrator changes the office phone and audits before and after', async () => {
  const id = await makeRegionUnit(t.db, '430212101202');
  const res = await send('PATCH', `/api/units/${id}`, { phone: '0731-27625555', name: '胜利村村民委员会' }, adminHeaders);
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().phone, '0731-27625555');
  const row = await t.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.name, '胜利村村民委员会');
  const [entry] = await auditRows('unit.updated', id);
  assert.deepEqual(entry!.after, { name: '胜利村村民委员会', phone: '0731-27625555' });
  assert.equal((entry!.before as { phone: string | null }).phone, null);
});
