import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { grantRole, makeResident, makeStaff, makeUser, signIn, type SignedIn } from '../../testing/factories.js';
import { CODES, makeZhuzhouUnits } from '../feed/test-fixtures.js';
import { onDutyToday } from './service.js';

let t: TestApp;
let units: Awaited<ReturnType<typeof makeZhuzhouUnits>>;
let villageCadre: SignedIn; // 汆溪村
let xiao: SignedIn; // 白兔潭镇党委书记 肖小武, on duty in 汆溪村's group (seed 004)
let resident: SignedIn; // 汆溪村
let outsider: SignedIn; // a resident of 双江村
let otherCadre: SignedIn; // 双江村's cadre
let department: string;

const TODAY = '2026-11-20'; // the test clock: 2026-11-20T02:00Z = 10:00 in Shanghai

before(async () => {
  t = await createTestApp();
  units = await makeZhuzhouUnits(t.db);
  villageCadre = await signIn(t, await makeStaff(t.db, 'village_cadre', CODES.cuanxi, '汆溪村主任'));
  xiao = await signIn(t, await makeStaff(t.db, 'township_official', CODES.baitutan, '肖小武'));
  resident = await signIn(t, (await makeResident(t.db, CODES.cuanxi, '汆溪村民')).userId);
  outsider = await signIn(t, (await makeResident(t.db, CODES.village, '双江村民')).userId);
  otherCadre = await signIn(t, await makeStaff(t.db, 'village_cadre', CODES.village, '双江干部'));
  department = (
    await t.db
      .insertInto('units')
      .values({ kind: 'department', region_code: CODES.liling, name: '醴陵市民政局', department_type: '民政', phone: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
after(() => t.close());

const get = (url: string, who?: SignedIn) => t.app.inject({ method: 'GET', url, headers: who?.headers });
const send = (method: 'PUT' | 'POST' | 'DELETE', url: string, who?: SignedIn, payload?: unknown) =>
  t.app.inject({ method, url, headers: who?.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const missing = '00000000-0000-4000-8000-000000000000';
const setDuty = (who: SignedIn, date: string, userId: string, unitId = units.cuanxi) => send('PUT', '/api/duty', who, { unitId, date, userId });

describe('PUT /api/duty', () => {
  test('answers 401 when signed out', async () => {
    assert.equal((await send('PUT', '/api/duty', undefined, { unitId: units.cuanxi, date: TODAY, userId: xiao.userId })).statusCode, 401);
  });

  test('answers 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ unitId: units.cuanxi, date: '2026-02-30', userId: xiao.userId }, 'date'],
      [{ unitId: units.cuanxi, date: '20261121', userId: xiao.userId }, 'date'],
      [{ unitId: units.cuanxi, date: '2026-11-19', userId: xiao.userId }, 'date'],
      [{ unitId: units.cuanxi, date: '2028-01-01', userId: xiao.userId }, 'date'],
      [{ unitId: 'x', date: TODAY, userId: xiao.userId }, 'unitId'],
      [{ unitId: department, date: TODAY, userId: xiao.userId }, 'unitId'],
      [{ unitId: units.cuanxi, date: TODAY }, 'userId'],
      [{ unitId: units.cuanxi, date: TODAY, userId: resident.userId }, 'userId'],
      [{ unitId: units.cuanxi, date: TODAY, userId: otherCadre.userId }, 'userId'],
      [{ unitId: units.cuanxi, date: TODAY, userId: missing }, 'userId'],
      [{ unitId: units.cuanxi, date: TODAY, userId: xiao.userId, note: 'x' }, 'note'],
    ];
    for (const [payload, field] of cases) {
      const res = await send('PUT', '/api/duty', department === (payload as { unitId: string }).unitId ? await signInAdmin() : villageCadre, payload);
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)} → ${res.body}`);
      assert.equal(res.json().error.field, field, JSON.stringify(payload));
    }
    assert.equal(await t.db.selectFrom('duty_shifts').select('id').executeTakeFirst(), undefined, 'nothing was written');
  });

  test('answers 403 to a resident, a cadre of another village and a cadre below the unit', async () => {
    assert.equal((await setDuty(resident, TODAY, xiao.userId)).statusCode, 403);
    assert.equal((await setDuty(otherCadre, TODAY, xiao.userId)).statusCode, 403);
    // 汆溪村's cadre may not plan 白兔潭镇's duty.
    assert.equal((await setDuty(villageCadre, TODAY, xiao.userId, units.baitutan)).statusCode, 403);
  });

  test('answers 404 for an unknown unit', async () => {
    const res = await setDuty(villageCadre, TODAY, xiao.userId, missing);
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.field, 'unitId');
  });

  test('a cadre puts the township party secretary on duty; replacing him is audited with before and after', async () => {
    const created = await setDuty(villageCadre, '2026-11-23', xiao.userId);
    assert.equal(created.statusCode, 200);
    const shift = created.json();
    assert.equal(shift.date, '2026-11-23');
    assert.deepEqual(shift.user, { id: xiao.userId, name: '肖小武' });
    assert.equal(shift.checkedInAt, null);
    assert.deepEqual(shift.abilities, { remove: true, checkIn: false });
    const row = await t.db.selectFrom('duty_shifts').selectAll().where('id', '=', shift.id).executeTakeFirstOrThrow();
    assert.equal(row.unit_id, units.cuanxi);
    assert.equal(row.region_code, CODES.cuanxi);
    assert.equal(row.assigned_by, villageCadre.userId);

    assert.equal((await setDuty(villageCadre, '2026-11-23', xiao.userId)).statusCode, 200, 'the same person again changes nothing');
    const replaced = await setDuty(xiao, '2026-11-23', villageCadre.userId);
    assert.equal(replaced.statusCode, 200);
    assert.equal(replaced.json().id, shift.id);
    assert.equal(replaced.json().user.name, '汆溪村主任');

    const audits = await t.db.selectFrom('audit_log').select(['action', 'actor_id', 'before', 'after']).where('target_id', '=', shift.id).orderBy('id').execute();
    assert.equal(audits.length, 2);
    assert.equal(audits[0].action, 'duty.set');
    assert.equal(audits[0].actor_id, villageCadre.userId);
    assert.deepEqual(audits[1].before, { unitId: units.cuanxi, date: '2026-11-23', userId: xiao.userId });
    assert.deepEqual(audits[1].after, { unitId: units.cuanxi, date: '2026-11-23', userId: villageCadre.userId });
  });
});

let adminSession: SignedIn | null = null;
async function signInAdmin(): Promise<SignedIn> {
  if (!adminSession) {
    const id = await makeUser(t.db, { name: '管理员' });
    await grantRole(t.db, id, 'admin', units.city);
    adminSession = await signIn(t, id);
  }
  return adminSession;
}

describe('GET /api/duty', () => {
  test('answers 401, 400, 403, 404', async () => {
    assert.equal((await get(`/api/duty?unitId=${units.cuanxi}`)).statusCode, 401);
    assert.equal((await get('/api/duty', resident)).json().error.field, 'unitId');
    assert.equal((await get(`/api/duty?unitId=${units.cuanxi}&from=2026-13-01`, resident)).json().error.field, 'from');
    const backwards = await get(`/api/duty?unitId=${units.cuanxi}&from=2026-11-20&to=2026-11-19`, resident);
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().error.field, 'to');
    assert.equal((await get(`/api/duty?unitId=${units.cuanxi}&from=2026-01-01&to=2026-12-31`, resident)).statusCode, 400);
    assert.equal((await get(`/api/duty?unitId=${units.cuanxi}`, outsider)).statusCode, 403);
    assert.equal((await get(`/api/duty?unitId=${missing}`, resident)).statusCode, 404);
  });

  test('residents read the coming week of their village’s roster', async () => {
    await setDuty(villageCadre, '2026-11-21', villageCadre.userId);
    await setDuty(villageCadre, '2026-11-28', xiao.userId); // beyond the default week
    const res = await get(`/api/duty?unitId=${units.cuanxi}`, resident);
    assert.equal(res.statusCode, 200);
    const roster = res.json();
    assert.equal(roster.from, TODAY);
    assert.equal(roster.to, '2026-11-26');
    assert.deepEqual(roster.unit, { id: units.cuanxi, name: '汆溪村', regionCode: CODES.cuanxi });
    assert.ok(roster.items.some((s: { date: string }) => s.date === '2026-11-21'));
    assert.ok(!roster.items.some((s: { date: string }) => s.date === '2026-11-28'));
    assert.deepEqual(roster.abilities, { manage: false });
    assert.ok(roster.items.every((s: { abilities: { remove: boolean } }) => !s.abilities.remove));
    const wide = (await get(`/api/duty?unitId=${units.cuanxi}&from=2026-11-20&to=2026-11-30`, villageCadre)).json();
    assert.ok(wide.items.some((s: { date: string }) => s.date === '2026-11-28'));
    assert.equal(wide.abilities.manage, true);
  });
});

describe('GET /api/duty/today and POST /api/duty/check-in', () => {
  test('answers 401, 400, 403, 404 for today', async () => {
    assert.equal((await get(`/api/duty/today?regionCode=${CODES.cuanxi}`)).statusCode, 401);
    assert.equal((await get('/api/duty/today', resident)).json().error.field, 'regionCode');
    assert.equal((await get('/api/duty/today?regionCode=4302', resident)).json().error.field, 'regionCode');
    assert.equal((await get(`/api/duty/today?regionCode=${CODES.cuanxi}`, outsider)).statusCode, 403);
    assert.equal((await get('/api/duty/today?regionCode=430281102299', resident)).statusCode, 404);
  });

  test('answers 401, 400, 403, 404 for check-in, and writes nothing', async () => {
    assert.equal((await send('POST', '/api/duty/check-in', undefined, { unitId: units.cuanxi })).statusCode, 401);
    assert.equal((await send('POST', '/api/duty/check-in', xiao, {})).json().error.field, 'unitId');
    assert.equal((await send('POST', '/api/duty/check-in', xiao, { unitId: department })).json().error.field, 'unitId');
    const notOnDuty = await send('POST', '/api/duty/check-in', villageCadre, { unitId: units.cuanxi });
    assert.equal(notOnDuty.statusCode, 403);
    assert.match(notOnDuty.json().error.message, /不在本单位值班/);
    assert.equal((await send('POST', '/api/duty/check-in', resident, { unitId: units.cuanxi })).statusCode, 403);
    assert.equal((await send('POST', '/api/duty/check-in', xiao, { unitId: missing })).statusCode, 404);
    const posts = await t.db.selectFrom('feed_posts').select('id').where('kind', '=', 'duty_check_in').execute();
    assert.equal(posts.length, 0);
  });

  test('the person on duty checks in once: the shift is marked and 「今天我值班」 is posted in the feed, all audited', async () => {
    await setDuty(villageCadre, TODAY, xiao.userId);
    const before = (await get(`/api/duty/today?regionCode=${CODES.cuanxi}`, resident)).json();
    assert.equal(before.date, TODAY);
    assert.equal(before.onDuty.user.name, '肖小武');
    assert.equal(before.onDuty.checkedInAt, null);
    assert.equal((await get(`/api/duty/today?regionCode=${CODES.cuanxi}`, xiao)).json().onDuty.abilities.checkIn, true);

    t.clock.set('2026-11-20T00:00:00Z'); // 08:00 in Shanghai
    const res = await send('POST', '/api/duty/check-in', xiao, { unitId: units.cuanxi });
    assert.equal(res.statusCode, 201, res.body);
    const { shift, post } = res.json();
    assert.equal(shift.checkedInAt, '2026-11-20T00:00:00.000Z');
    assert.equal(shift.checkInPostId, post.id);
    assert.equal(post.kind, 'duty_check_in');
    assert.equal(post.regionCode, CODES.cuanxi);
    assert.equal(post.body, '@所有人，大家好！我是白兔潭镇肖小武，今天我值班……有事请在群里留言，我会及时回复。');
    assert.equal(post.author.roleLabel, '白兔潭镇 · 乡镇（街道）干部');

    const feed = (await get(`/api/feeds/${CODES.cuanxi}/posts`, resident)).json();
    assert.equal(feed.items[0].id, post.id);
    const row = await t.db.selectFrom('duty_shifts').selectAll().where('id', '=', shift.id).executeTakeFirstOrThrow();
    assert.equal(row.check_in_post_id, post.id);
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'target_id', 'actor_id'])
      .where('actor_id', '=', xiao.userId)
      .where('action', 'in', ['duty.check_in', 'feed.post'])
      .orderBy('id')
      .execute();
    assert.deepEqual(audits, [
      { action: 'feed.post', target_type: 'feed_post', target_id: post.id, actor_id: xiao.userId },
      { action: 'duty.check_in', target_type: 'duty_shift', target_id: shift.id, actor_id: xiao.userId },
    ]);

    const again = await send('POST', '/api/duty/check-in', xiao, { unitId: units.cuanxi });
    assert.equal(again.statusCode, 409);
    assert.equal((await t.db.selectFrom('feed_posts').select('id').where('kind', '=', 'duty_check_in').execute()).length, 1);

    // A checked-in shift can no longer be changed or removed.
    assert.equal((await setDuty(villageCadre, TODAY, villageCadre.userId)).statusCode, 409);
    assert.equal((await send('DELETE', `/api/duty/${shift.id}`, villageCadre)).statusCode, 409);

    const duty = await onDutyToday(t.ctx(), units.cuanxi);
    assert.equal(duty?.user.name, '肖小武');
    assert.ok(duty?.checkedInAt instanceof Date);
    assert.equal(await onDutyToday(t.ctx(), units.village), null);
    assert.equal(await onDutyToday(t.ctx(), 'not-a-uuid'), null);
    t.clock.set('2026-11-20T02:00:00Z');
  });

  test('today follows Shanghai: 23:30 UTC on the 20th is already the 21st', async () => {
    await setDuty(villageCadre, '2026-11-21', villageCadre.userId);
    t.clock.set('2026-11-20T23:30:00Z');
    try {
      // Sessions of the morning have gone idle: sign in again.
      const today = (await get(`/api/duty/today?regionCode=${CODES.cuanxi}`, await signIn(t, resident.userId))).json();
      assert.equal(today.date, '2026-11-21');
      assert.equal(today.onDuty.user.name, '汆溪村主任');
      // Yesterday's person (the 20th) can no longer check in for it.
      const late = await send('POST', '/api/duty/check-in', await signIn(t, xiao.userId), { unitId: units.cuanxi });
      assert.equal(late.statusCode, 403);
    } finally {
      t.clock.set('2026-11-20T02:00:00Z');
    }
  });
});

describe('check-in is all or nothing', () => {
  test('two check-ins at the same moment: one succeeds, the other is a 409, one post', async () => {
    const unit = units.neighbour; // 大塘村, planned by the township above
    const official = await signIn(t, await makeStaff(t.db, 'township_official', CODES.township, '朱亭镇值班干部'));
    assert.equal((await setDuty(official, TODAY, official.userId, unit)).statusCode, 200);
    const [a, b] = await Promise.all([
      send('POST', '/api/duty/check-in', official, { unitId: unit }),
      send('POST', '/api/duty/check-in', official, { unitId: unit }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [201, 409]);
    const posts = await t.db.selectFrom('feed_posts').select('id').where('region_code', '=', CODES.neighbour).where('kind', '=', 'duty_check_in').execute();
    assert.equal(posts.length, 1);
  });

  test('when marking the shift fails, the feed post and its audit row are rolled back too', async () => {
    const unit = units.grid; // 双江村第一网格
    const worker = await signIn(t, await makeStaff(t.db, 'grid_worker', CODES.grid, '网格员小刘'));
    assert.equal((await setDuty(worker, TODAY, worker.userId, unit)).statusCode, 200);
    const auditsBefore = (await t.db.selectFrom('audit_log').select('id').execute()).length;
    await sql`create function duty_test_fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`.execute(t.db);
    await sql`create trigger duty_test_fail before update on duty_shifts for each row execute function duty_test_fail()`.execute(t.db);
    try {
      const res = await send('POST', '/api/duty/check-in', worker, { unitId: unit });
      assert.equal(res.statusCode, 500);
      assert.equal(res.json().error.code, 'internal');
    } finally {
      await sql`drop trigger duty_test_fail on duty_shifts`.execute(t.db);
      await sql`drop function duty_test_fail()`.execute(t.db);
    }
    assert.equal((await t.db.selectFrom('feed_posts').select('id').where('region_code', '=', CODES.grid).execute()).length, 0);
    assert.equal((await t.db.selectFrom('audit_log').select('id').execute()).length, auditsBefore);
    const again = await send('POST', '/api/duty/check-in', worker, { unitId: unit });
    assert.equal(again.statusCode, 201, 'the failed attempt left the shift open');
  });
});

describe('DELETE /api/duty/:id', () => {
  test('answers 401, 400, 403, 404; removes a planned shift with an audit row', async () => {
    const shift = (await setDuty(villageCadre, '2026-11-25', xiao.userId)).json();
    assert.equal((await send('DELETE', `/api/duty/${shift.id}`)).statusCode, 401);
    assert.equal((await send('DELETE', '/api/duty/abc', villageCadre)).json().error.field, 'id');
    assert.equal((await send('DELETE', `/api/duty/${shift.id}`, resident)).statusCode, 403);
    assert.equal((await send('DELETE', `/api/duty/${shift.id}`, otherCadre)).statusCode, 403);
    assert.equal((await send('DELETE', `/api/duty/${missing}`, villageCadre)).statusCode, 404);
    assert.equal((await send('DELETE', `/api/duty/${shift.id}`, villageCadre)).statusCode, 204);
    assert.equal(await t.db.selectFrom('duty_shifts').select('id').where('id', '=', shift.id).executeTakeFirst(), undefined);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('target_id', '=', shift.id).where('action', '=', 'duty.remove').executeTakeFirstOrThrow();
    assert.equal(audit.actor_id, villageCadre.userId);
    assert.deepEqual(audit.before, { unitId: units.cuanxi, date: '2026-11-25', userId: xiao.userId });
  });

  test('answers 409 for a past shift', async () => {
    const shift = (await setDuty(villageCadre, '2026-11-22', xiao.userId)).json();
    t.clock.set('2026-11-23T02:00:00Z');
    try {
      const res = await send('DELETE', `/api/duty/${shift.id}`, await signIn(t, villageCadre.userId));
      assert.equal(res.statusCode, 409);
      assert.match(res.json().error.message, /过去的值班安排/);
      assert.ok(await t.db.selectFrom('duty_shifts').select('id').where('id', '=', shift.id).executeTakeFirst());
    } finally {
      t.clock.set('2026-11-20T02:00:00Z');
    }
  });
});
