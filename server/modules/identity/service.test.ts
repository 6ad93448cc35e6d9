import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeRegion, makeRegionUnit, makeUser, uniquePhone } from '../../testing/factories.js';
import { AppError } from '../../platform/errors.js';
import { OutboxSmsSender, setSmsSenderFactory, smsSender } from '../../platform/sms.js';
import { cliCommands } from '../cli-commands.js';
import { createAdministrator, purgeStale, setPassword } from './service.js';
import { seedIdentityDemo } from './demo-seed.js';
import { auditOf, freshIp, passwordSignIn, STRONG } from './identity-test-helpers.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

async function rejectsWith(promise: Promise<unknown>, status: number, field: string | undefined, key?: string) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.status, status);
    assert.equal(err.field, field);
    if (key) assert.equal(err.messageKey, key);
    return true;
  });
}

// ---- createAdministrator (runs first: it bootstraps an empty database) ----

test('createAdministrator on an empty database creates 株洲市 and its unit, the person, the password and the admin grant', async () => {
  assert.equal(await t.db.selectFrom('regions').select('code').executeTakeFirst(), undefined, 'starts empty');
  const created = await createAdministrator(t.ctx(), { phone: '13800000000', name: '张三', password: STRONG });

  const city = await t.db.selectFrom('regions').selectAll().where('code', '=', '430200000000').executeTakeFirstOrThrow();
  assert.equal(city.name, '株洲市');
  assert.equal(city.level, 'city');
  assert.equal(city.prefix, '4302');
  assert.equal(city.parent_code, '430000000000');
  const unit = await t.db.selectFrom('units').selectAll().where('id', '=', created.unitId).executeTakeFirstOrThrow();
  assert.equal(unit.region_code, '430200000000');
  assert.equal(unit.kind, 'region');

  const user = await t.db.selectFrom('users').selectAll().where('id', '=', created.userId).executeTakeFirstOrThrow();
  assert.equal(user.phone, '13800000000');
  assert.equal(user.name, '张三');
  const grants = await t.db.selectFrom('role_grants').selectAll().where('user_id', '=', created.userId).execute();
  assert.deepEqual(grants.map((g) => [g.role, g.unit_id]), [['admin', created.unitId]]);

  assert.equal((await auditOf(t.db, 'user.created', created.userId)).length, 1);
  assert.equal((await auditOf(t.db, 'role.granted')).length, 1);
  assert.equal((await auditOf(t.db, 'unit.created', created.unitId)).length, 1);
  assert.equal((await auditOf(t.db, 'region.created')).length, 2);
  const entries = await t.db.selectFrom('audit_log').select(['after']).execute();
  assert.ok(!JSON.stringify(entries).includes(STRONG), 'no password in the audit log');
  assert.ok(!JSON.stringify(entries).includes('13800000000'), 'no unmasked phone in the audit log');

  const res = await passwordSignIn(t, { login: '13800000000', password: STRONG });
  assert.equal(res.statusCode, 200, 'the administrator can sign in');
  const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `lx_session=${res.cookies[0]!.value}` } });
  assert.deepEqual(
    me.json().grants.map((g: any) => [g.role, g.regionPrefix]),
    [['admin', '4302']],
  );
});

test('createAdministrator uses the existing city unit', async () => {
  const cityUnit = await makeRegionUnit(t.db, '430200000000');
  const created = await createAdministrator(t.ctx(), { phone: uniquePhone(), name: '李四', password: STRONG });
  assert.equal(created.unitId, cityUnit);
  const units = await t.db.selectFrom('units').select('id').where('region_code', '=', '430200000000').execute();
  assert.equal(units.length, 1, 'no second city unit');
});

test('createAdministrator prefers the city (creating its unit) over a lower unit that already exists', async () => {
  const other = await createTestApp();
  try {
    await makeRegion(other.db, '430200000000', '株洲市');
    const villageUnit = await makeRegionUnit(other.db, '430212101201');
    const created = await createAdministrator(other.ctx(), { phone: uniquePhone(), name: '周六', password: STRONG });
    assert.notEqual(created.unitId, villageUnit);
    assert.equal(created.unitName, '株洲市人民政府');
    const unit = await other.db.selectFrom('units').selectAll().where('id', '=', created.unitId).executeTakeFirstOrThrow();
    assert.equal(unit.region_code, '430200000000');
    assert.equal((await auditOf(other.db, 'unit.created', created.unitId)).length, 1);
  } finally {
    await other.close();
  }
});

test('createAdministrator refuses bad input, naming the field, and writes nothing', async () => {
  const before = await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await rejectsWith(createAdministrator(t.ctx(), { phone: '12345', name: '王五', password: STRONG }), 400, 'phone');
  await rejectsWith(createAdministrator(t.ctx(), { phone: uniquePhone(), name: '  ', password: STRONG }), 400, 'name');
  await rejectsWith(createAdministrator(t.ctx(), { phone: uniquePhone(), name: '王五', password: 'weakpass' }), 400, 'password', 'identity.password_too_short');
  await rejectsWith(createAdministrator(t.ctx(), { phone: '13800000000', name: '王五', password: STRONG }), 409, 'phone', 'identity.phone_taken');
  const afterCount = await t.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(afterCount.n), Number(before.n));
});

// ---- setPassword ----

test('setPassword checks the strength rules unless told not to, and clears a lockout', async () => {
  const phone = uniquePhone();
  const userId = await makeUser(t.db, { phone, username: 'wangwu' });
  await rejectsWith(setPassword(t.db, userId, 'short'), 400, 'password', 'identity.password_too_short');
  await rejectsWith(setPassword(t.db, userId, 'Wangwu@2026x'), 400, 'password', 'identity.password_contains_identity');
  await rejectsWith(setPassword(t.db, userId, 'short', { field: 'newPassword' }), 400, 'newPassword');
  await rejectsWith(setPassword(t.db, '00000000-0000-4000-8000-000000000000', STRONG), 404, 'userId');
  assert.equal(await t.db.selectFrom('credentials').select('user_id').where('user_id', '=', userId).executeTakeFirst(), undefined);

  await setPassword(t.db, userId, 'short', { skipStrength: true });
  await t.db.updateTable('credentials').set({ failed_attempts: 5, locked_until: new Date('2099-01-01') }).where('user_id', '=', userId).execute();
  await setPassword(t.db, userId, STRONG, { now: t.clock.now() });
  const row = await t.db.selectFrom('credentials').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
  assert.equal(row.failed_attempts, 0);
  assert.equal(row.locked_until, null);
  assert.equal(row.changed_at.toISOString(), t.clock.now().toISOString());
  assert.equal((await passwordSignIn(t, { login: 'wangwu', password: STRONG })).statusCode, 200);
});

test('setPassword joins the caller’s transaction: a rollback leaves no password', async () => {
  const userId = await makeUser(t.db);
  await assert.rejects(
    t.db.transaction().execute(async (trx) => {
      await setPassword(trx, userId, STRONG);
      throw new Error('the caller fails later');
    }),
    /caller fails/,
  );
  assert.equal(await t.db.selectFrom('credentials').select('user_id').where('user_id', '=', userId).executeTakeFirst(), undefined);
});

// ---- demo seed ----

test('seedDemo sets the passwords listed in demo_logins (password kind only) and audits it', async () => {
  const cadre = await makeUser(t.db, { name: '演示书记' });
  const resident = await makeUser(t.db, { name: '演示居民' });
  const cadrePhone = (await t.db.selectFrom('users').select('phone').where('id', '=', cadre).executeTakeFirstOrThrow()).phone!;
  await t.db
    .insertInto('platform_state')
    .values({
      key: 'demo_logins',
      value: JSON.stringify([
        { who: '村书记', login: cadrePhone, secret: 'Lianxin@2026', kind: 'password', userId: cadre },
        { who: '居民', login: '13900000001', secret: '验证码见开发页', kind: 'otp', userId: resident },
      ]),
    })
    .execute();
  await seedIdentityDemo(t.ctx());
  const rows = await t.db.selectFrom('credentials').select('user_id').where('user_id', 'in', [cadre, resident]).execute();
  assert.deepEqual(rows.map((r) => r.user_id), [cadre]);
  assert.equal((await passwordSignIn(t, { login: cadrePhone, password: 'Lianxin@2026' }, freshIp())).statusCode, 200);
  const [entry] = await auditOf(t.db, 'auth.password_set', cadre);
  assert.deepEqual(entry!.after, { reason: 'demo_seed' });
});

test('seedDemo refuses a weak demo password and a malformed list, leaving nothing half-set', async () => {
  const a = await makeUser(t.db);
  const b = await makeUser(t.db);
  await t.db
    .updateTable('platform_state')
    .set({
      value: JSON.stringify([
        { who: 'a', login: 'a', secret: 'Lianxin@2026', kind: 'password', userId: a },
        { who: 'b', login: 'b', secret: '123456', kind: 'password', userId: b },
      ]),
    })
    .where('key', '=', 'demo_logins')
    .execute();
  await rejectsWith(seedIdentityDemo(t.ctx()), 400, 'password');
  assert.equal(await t.db.selectFrom('credentials').select('user_id').where('user_id', 'in', [a, b]).executeTakeFirst(), undefined);

  await t.db.updateTable('platform_state').set({ value: JSON.stringify({ not: 'a list' }) }).where('key', '=', 'demo_logins').execute();
  await assert.rejects(seedIdentityDemo(t.ctx()), /demo_logins/);
});

// ---- housekeeping, SMS sender, CLI ----

test('purgeStale removes codes older than two days and sessions ended a month ago, and nothing newer', async () => {
  const now = t.clock.now().getTime();
  const day = 24 * 3600 * 1000;
  const userId = await makeUser(t.db);
  await t.db
    .insertInto('otp_codes')
    .values([
      { phone: '13812340000', code_hash: 'x.y', created_at: new Date(now - 3 * day), expires_at: new Date(now - 3 * day), used_at: null },
      { phone: '13812340000', code_hash: 'x.y', created_at: new Date(now - day), expires_at: new Date(now - day), used_at: null },
    ])
    .execute();
  const session = (id: string, expires: number, revoked: number | null) => ({
    id,
    user_id: userId,
    csrf_token: 'c',
    ip: null,
    user_agent: null,
    last_seen_at: new Date(now),
    expires_at: new Date(expires),
    revoked_at: revoked === null ? null : new Date(revoked),
  });
  await t.db
    .insertInto('sessions')
    .values([session('old-expired', now - 40 * day, null), session('old-revoked', now + day, now - 31 * day), session('recent', now - day, now - day)])
    .execute();
  const purged = await purgeStale(t.ctx());
  assert.deepEqual(purged, { codes: 1, sessions: 2, loginFailures: 0 });
  const left = await t.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  assert.deepEqual(left.map((s) => s.id), ['recent']);
});

test('the SMS sender can be replaced by a real gateway', async () => {
  const sent: string[] = [];
  const previous = setSmsSenderFactory(() => ({ send: async (phone, body) => void sent.push(`${phone}:${body}`) }));
  try {
    await smsSender(t.db, t.clock).send('13812345678', 'hello', 'test');
  } finally {
    setSmsSenderFactory(previous);
  }
  assert.deepEqual(sent, ['13812345678:hello']);
  const lines: string[] = [];
  await new OutboxSmsSender(t.db, t.clock, (l) => lines.push(l)).send('13812345678', '验证码 123456', 'test');
  assert.deepEqual(lines, ['[SMS → 138****5678] 验证码 123456']);
});

test('the CLI has `admin create` with --phone, --name and --password', () => {
  const program = new Command();
  for (const register of cliCommands) register(program, { config: t.config, openDatabase: async () => ({}) as never });
  const create = program.commands.find((c) => c.name() === 'admin')?.commands.find((c) => c.name() === 'create');
  assert.ok(create, 'admin create is registered');
  assert.deepEqual(create.options.map((o) => o.long).sort(), ['--name', '--password', '--phone']);
});
