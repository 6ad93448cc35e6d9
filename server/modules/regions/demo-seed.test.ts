import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { seedRegionsDemo } from './demo-seed.js';
import { seedPeopleDemo } from '../people/demo-seed.js';
import { seedIdentityDemo } from '../identity/demo-seed.js';
import { TOWNSHIPS } from './demo-data.js';

/** The Zhuzhou demo data of the regions and people modules (and the identity module's use of it). */

let t: TestApp;
let firstRunMs = 0;

before(async () => {
  t = await createTestApp();
  const started = Date.now();
  await seedRegionsDemo(t.ctx());
  await seedPeopleDemo(t.ctx());
  firstRunMs = Date.now() - started;
  console.log(`# regions + people demo seed: ${firstRunMs} ms`);
});
after(() => t.close());

const count = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(t.db)).rows[0]!.n);

test('Zhuzhou sits under Hunan with its nine county-level units, each with its 人民政府', async () => {
  const city = await t.db.selectFrom('regions').selectAll().where('code', '=', '430200000000').executeTakeFirstOrThrow();
  assert.equal(city.name, '株洲市');
  assert.equal(city.parent_code, '430000000000');
  const counties = await t.db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', '430200000000').orderBy('code').execute();
  assert.deepEqual(
    counties.map((c) => `${c.code.slice(0, 6)} ${c.name}`),
    ['430202 荷塘区', '430203 芦淞区', '430204 石峰区', '430211 天元区', '430212 渌口区', '430223 攸县', '430224 茶陵县', '430225 炎陵县', '430281 醴陵市'],
  );
  const countyUnits = await t.db
    .selectFrom('units')
    .innerJoin('regions', 'regions.code', 'units.region_code')
    .select(['units.name'])
    .where('units.kind', '=', 'region')
    .where('regions.level', '=', 'county')
    .execute();
  assert.equal(countyUnits.length, 9);
  assert.ok(countyUnits.some((u) => u.name === '渌口区人民政府'));
  assert.ok(countyUnits.some((u) => u.name === '醴陵市人民政府'));
});

test('every township and street of DOMAIN.md exists, as 街道 or 镇, each with 3–8 villages/communities (渌口区: 139 in 8 towns)', async () => {
  const townships = await t.db.selectFrom('regions').select(['code', 'name', 'kind']).where('level', '=', 'township').execute();
  assert.equal(townships.length, TOWNSHIPS.length);
  assert.equal(townships.length, 56);
  const byCode = new Map(townships.map((r) => [r.code, r]));
  assert.equal(byCode.get('430202001000')?.name, '月塘街道');
  assert.equal(byCode.get('430202001000')?.kind, '街道');
  assert.equal(byCode.get('430212101000')?.name, '朱亭镇');
  assert.equal(byCode.get('430281102000')?.name, '白兔潭镇');
  assert.equal(byCode.get('430281102000')?.kind, '镇');
  assert.equal(byCode.get('430203005000')?.name, '庆云街道');

  const lukou = await count(sql<{ n: number }>`select count(*) as n from regions where level = 'village' and code like '430212%'`);
  assert.equal(lukou, 139);
  const lukouTowns = await t.db.selectFrom('regions').select('kind').where('parent_code', '=', '430212000000').execute();
  assert.equal(lukouTowns.length, 8);
  assert.ok(lukouTowns.every((r) => r.kind === '镇'));

  const perTownship = await sql<{ code: string; n: number }>`
    select t.code, count(v.code)::int as n from regions t left join regions v on v.parent_code = t.code
    where t.level = 'township' and t.code not like '430212%' group by t.code`.execute(t.db);
  for (const row of perTownship.rows) assert.ok(row.n >= 3 && row.n <= 8, `${row.code} has ${row.n}`);
});

test('the villages and communities the seeds name exist where they belong', async () => {
  const named: [string, string, string][] = [
    ['430212100201', '王家洲村', '430212100000'],
    ['430212101201', '双江村', '430212101000'],
    ['430212108201', '花冲村', '430212108000'],
    ['430281102201', '汆溪村', '430281102000'],
    ['430203003001', '钟鼓岭社区', '430203003000'],
    ['430211002001', '天泰社区', '430211002000'],
  ];
  for (const [code, name, parent] of named) {
    const row = await t.db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    assert.equal(row.name, name);
    assert.equal(row.parent_code, parent);
    assert.equal(row.kind, name.endsWith('社区') ? '社区' : '村');
  }
  const units = await t.db
    .selectFrom('units')
    .select('name')
    .where('kind', '=', 'region')
    .where('region_code', 'in', ['430212101201', '430203003001', '430202001000', '430212101000'])
    .orderBy('region_code')
    .execute();
  assert.deepEqual(
    units.map((u) => u.name),
    ['月塘街道办事处', '钟鼓岭社区居民委员会', '朱亭镇人民政府', '双江村村民委员会'],
  );
  // Codes follow DOMAIN.md: communities 001–199, villages 200+.
  const misnumbered = await count(sql<{ n: number }>`
    select count(*) as n from regions where level = 'village'
    and ((kind = '社区' and substr(code, 10, 3)::int >= 200) or (kind = '村' and substr(code, 10, 3)::int < 200))`);
  assert.equal(misnumbered, 0);
});

test('every community of 月塘街道 and 庆云街道 has 2–4 grids (15-digit codes); every region has its unit', async () => {
  const grids = await sql<{ code: string; n: number }>`
    select c.code, count(g.code)::int as n from regions c left join regions g on g.parent_code = c.code
    where c.kind = '社区' and (c.code like '430202001%' or c.code like '430203005%') group by c.code`.execute(t.db);
  assert.ok(grids.rows.length >= 8);
  for (const row of grids.rows) assert.ok(row.n >= 2 && row.n <= 4, `${row.code} has ${row.n} grids`);
  const gridCodes = await t.db.selectFrom('regions').select('code').where('level', '=', 'grid').execute();
  assert.ok(gridCodes.every((g) => /^\d{15}$/.test(g.code)));
  const withoutUnit = await count(sql<{ n: number }>`
    select count(*) as n from regions r where not exists (select 1 from units u where u.region_code = r.code and u.kind = 'region')`);
  assert.equal(withoutUnit, 0);
});

test('functional departments exist at the city and at 渌口区, 芦淞区 and 荷塘区', async () => {
  const departments = await t.db.selectFrom('units').select(['region_code', 'name', 'department_type']).where('kind', '=', 'department').execute();
  const at = (code: string, type: string) => departments.find((d) => d.region_code === code && d.department_type === type)?.name;
  assert.equal(at('430200000000', '城管'), '株洲市城市管理和综合执法局');
  assert.equal(at('430212000000', '纪委'), '渌口区纪委监委');
  assert.ok(at('430203000000', '城管'));
  assert.ok(at('430202000000', '卫健'));
  for (const type of ['城管', '交警', '住建', '卫健', '民政', '医保', '人社', '纪委']) {
    for (const code of ['430200000000', '430212000000', '430203000000', '430202000000']) assert.ok(at(code, type), `${type} at ${code}`);
  }
});

test('every town has its 纪委 and every street its 纪工委, a department of type 纪委 at the township', async () => {
  const inspectors = await t.db
    .selectFrom('units')
    .innerJoin('regions', 'regions.code', 'units.region_code')
    .select(['units.region_code', 'units.name', 'regions.level'])
    .where('units.kind', '=', 'department')
    .where('units.department_type', '=', '纪委')
    .where('regions.level', '=', 'township')
    .execute();
  assert.equal(inspectors.length, TOWNSHIPS.length);
  const at = (code: string) => inspectors.find((d) => d.region_code === code)?.name;
  assert.equal(at('430212101000'), '朱亭镇纪委');
  assert.equal(at('430212100000'), '渌口镇纪委');
  assert.equal(at('430281102000'), '白兔潭镇纪委');
  assert.equal(at('430202001000'), '月塘街道纪工委');
  // No other department sits at a township or in a village.
  const others = await count(sql<{ n: number }>`
    select count(*) as n from units u join regions r on r.code = u.region_code
    where u.kind = 'department' and r.level in ('township', 'village', 'grid') and u.department_type <> '纪委'`);
  assert.equal(others, 0);
});

test('the demo people: staff at their units, 双江村 with at least 20 verified households, each represented', async () => {
  const grantOf = (username: string) =>
    t.db
      .selectFrom('users')
      .innerJoin('role_grants', 'role_grants.user_id', 'users.id')
      .innerJoin('units', 'units.id', 'role_grants.unit_id')
      .select(['users.name', 'role_grants.role', 'units.name as unit'])
      .where('users.username', '=', username)
      .executeTakeFirstOrThrow();
  assert.equal((await grantOf('admin')).role, 'admin');
  assert.deepEqual(await grantOf('sjc_shuji'), { name: '李卫东', role: 'village_cadre', unit: '双江村村民委员会' });
  assert.deepEqual(await grantOf('btt_shuji'), { name: '肖小武', role: 'township_official', unit: '白兔潭镇人民政府' });
  // The township's inspector works in 朱亭镇纪委 (where confidential reports land), not in the township government.
  assert.deepEqual(await grantOf('zt_jiwei'), { name: '陈志刚', role: 'discipline_inspector', unit: '朱亭镇纪委' });
  assert.deepEqual(await grantOf('lk_jiwei'), { name: '彭卫国', role: 'discipline_inspector', unit: '渌口区纪委监委' });
  assert.equal((await grantOf('cg_wang')).unit, '芦淞区城市管理和综合执法局');
  assert.equal((await grantOf('rx_12345')).role, 'hotline_operator');
  assert.equal((await grantOf('qy_yihu')).role, 'medic');

  const households = await sql<{ id: string; verified: number; representative: string | null }>`
    select h.id, count(*) filter (where m.status = 'verified')::int as verified, h.representative_user_id as representative
    from households h join household_members m on m.household_id = h.id
    where h.region_code = '430212101201' group by h.id`.execute(t.db);
  const verified = households.rows.filter((h) => h.verified > 0);
  assert.ok(verified.length >= 20, `${verified.length} verified households`);
  assert.ok(verified.every((h) => h.representative));
  const pending = await count(sql<{ n: number }>`
    select count(*) as n from household_members m join households h on h.id = m.household_id
    where h.region_code = '430212101201' and m.status = 'pending'`);
  assert.ok(pending >= 1, 'a request waits for the cadre');
  const cuanxi = await count(sql<{ n: number }>`select count(*) as n from households where region_code = '430281102201'`);
  assert.ok(cuanxi >= 5);
  const residentsWithoutRole = await count(sql<{ n: number }>`
    select count(*) as n from household_members m join households h on h.id = m.household_id
    where m.status = 'verified' and not exists (
      select 1 from role_grants g join units u on u.id = g.unit_id
      where g.user_id = m.user_id and g.role = 'resident' and u.region_code = substr(h.region_code, 1, 12))`);
  assert.equal(residentsWithoutRole, 0);
});

test("the demo sign-ins are recorded in platform_state 'demo_logins'", async () => {
  const row = await t.db.selectFrom('platform_state').select('value').where('key', '=', 'demo_logins').executeTakeFirstOrThrow();
  const logins = row.value as { who: string; login: string; secret: string; kind: string; userId: string }[];
  assert.equal(logins[0]!.who, '管理员');
  assert.equal(logins[0]!.login, 'admin');
  assert.equal(logins[0]!.secret, 'Lianxin@2026');
  assert.equal(logins[0]!.kind, 'password');
  const resident = logins.find((l) => l.who === '居民（双江村）')!;
  assert.equal(resident.kind, 'otp');
  assert.match(resident.login, /^1\d{10}$/);
  const users = await t.db.selectFrom('users').select(['id', 'phone', 'username']).where('id', 'in', logins.map((l) => l.userId)).execute();
  assert.equal(users.length, logins.length);
  for (const l of logins) {
    const u = users.find((x) => x.id === l.userId)!;
    assert.equal(l.kind === 'otp' ? u.phone : u.username, l.login);
  }
});

test('the identity module gives the demo staff their password from demo_logins', async () => {
  await seedIdentityDemo(t.ctx());
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { login: 'sjc_shuji', password: 'Lianxin@2026' } });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().user.name, '李卫东');
});

test('a demo database from before the move: re-seeding withdraws zt_jiwei’s grant at the township government', async () => {
  const user = await t.db.selectFrom('users').select('id').where('username', '=', 'zt_jiwei').executeTakeFirstOrThrow();
  const township = await t.db.selectFrom('units').select('id').where('region_code', '=', '430212101000').where('kind', '=', 'region').executeTakeFirstOrThrow();
  await t.db.insertInto('role_grants').values({ user_id: user.id, role: 'discipline_inspector', unit_id: township.id, granted_by: null }).execute();
  await seedPeopleDemo(t.ctx());
  const grants = await t.db
    .selectFrom('role_grants')
    .innerJoin('units', 'units.id', 'role_grants.unit_id')
    .select(['role_grants.role', 'units.name'])
    .where('role_grants.user_id', '=', user.id)
    .execute();
  assert.deepEqual(grants, [{ role: 'discipline_inspector', name: '朱亭镇纪委' }]);
});

test('running the demo seeds again changes nothing', async () => {
  const snapshot = async () => {
    const tables = ['regions', 'units', 'users', 'role_grants', 'households', 'household_members'] as const;
    const out: Record<string, number> = {};
    for (const table of tables) out[table] = await count(sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`);
    out.representatives = await count(sql<{ n: number }>`select count(representative_user_id) as n from households`);
    return out;
  };
  const before = await snapshot();
  await seedRegionsDemo(t.ctx());
  await seedPeopleDemo(t.ctx());
  assert.deepEqual(await snapshot(), before);
});
