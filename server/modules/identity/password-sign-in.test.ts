import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeUser } from '../../testing/factories.js';
import { auditOf, freshIp, makeStaffWithPassword, passwordSignIn, sessionOf, STRONG } from './identity-test-helpers.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const MINUTE = 60_000;

test('POST /auth/password without a login is a 400 naming login', async () => {
  const res = await passwordSignIn(t, { password: STRONG });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'login');
  assert.match(res.json().error.message, /账号/);
});

test('POST /auth/password with an unknown field, or a blank login, is a 400 naming it', async () => {
  const extra = await passwordSignIn(t, { login: 'x', password: STRONG, remember: true });
  assert.equal(extra.statusCode, 400);
  assert.equal(extra.json().error.field, 'remember');
  const blank = await passwordSignIn(t, { login: '   ', password: STRONG });
  assert.equal(blank.statusCode, 400);
  assert.equal(blank.json().error.field, 'login');
  const huge = await passwordSignIn(t, { login: 'x', password: 'a'.repeat(500) });
  assert.equal(huge.statusCode, 400);
  assert.equal(huge.json().error.field, 'password');
});

test('an unknown login and a wrong password get the same 401 message', async () => {
  const staff = await makeStaffWithPassword(t);
  const unknown = await passwordSignIn(t, { login: '13700000000', password: STRONG });
  const wrong = await passwordSignIn(t, { login: staff.phone, password: 'Wrong@2026x' });
  assert.equal(unknown.statusCode, 401);
  assert.equal(wrong.statusCode, 401);
  assert.deepEqual(unknown.json(), wrong.json());
  assert.equal(unknown.json().error.message, '账号或密码不正确');
  assert.equal(unknown.cookies.length, 0);

  const failures = await auditOf(t.db, 'auth.sign_in_failed');
  const forUnknown = failures.find((r) => r.target_id === null);
  assert.ok(forUnknown, 'the unknown login is audited');
  assert.equal((forUnknown.after as any).login, '137****0000', 'the audit keeps only a masked login');
  const forStaff = failures.find((r) => r.target_id === staff.userId);
  assert.equal((forStaff!.after as any).failedAttempts, 1);
  assert.ok(!JSON.stringify(failures).includes('Wrong@2026x'), 'no password in the audit log');
});

test('a person without a password (a resident) cannot sign in with one, and is told the same', async () => {
  const phone = '13911112222';
  await makeUser(t.db, { phone, name: '王大妈' });
  const res = await passwordSignIn(t, { login: phone, password: STRONG });
  assert.equal(res.statusCode, 401);
  assert.equal(res.json().error.message, '账号或密码不正确');
});

test('signing in by phone sets an HttpOnly SameSite=Lax cookie, returns the CSRF token and records the session', async () => {
  const staff = await makeStaffWithPassword(t, { name: '赵书记' });
  const res = await passwordSignIn(t, { login: staff.phone, password: STRONG }, '10.9.9.9', { 'user-agent': 'Lianxin test' });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.deepEqual(body.user, { id: staff.userId, name: '赵书记' });
  assert.equal(typeof body.csrfToken, 'string');
  const cookie = res.cookies.find((c) => c.name === 'lx_session')!;
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(cookie.path, '/');
  assert.ok(!cookie.secure, 'not Secure unless configured');

  const sessions = await t.db.selectFrom('sessions').selectAll().where('user_id', '=', staff.userId).execute();
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0]!.csrf_token, body.csrfToken);
  assert.notEqual(sessions[0]!.id, cookie.value, 'only a hash of the token is stored');
  assert.equal(sessions[0]!.ip, '10.9.9.9');
  assert.equal(sessions[0]!.user_agent, 'Lianxin test');

  const [entry] = await auditOf(t.db, 'auth.signed_in', staff.userId);
  assert.equal(entry!.actor_id, staff.userId);
  assert.equal(entry!.actor_roles, 'village_cadre');
  assert.deepEqual(entry!.after, { method: 'password' });

  const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionOf(res).cookie } });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().user.id, staff.userId);
});

test('staff may sign in with their user name; the stored hash is argon2id', async () => {
  const staff = await makeStaffWithPassword(t, { username: 'lijianguo' });
  const res = await passwordSignIn(t, { login: 'lijianguo', password: STRONG });
  assert.equal(res.statusCode, 200);
  const row = await t.db.selectFrom('credentials').selectAll().where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
  assert.match(row.password_hash, /^\$argon2id\$/);
  assert.ok(!row.password_hash.includes(STRONG));
});

test('a success resets the count of failures', async () => {
  const staff = await makeStaffWithPassword(t);
  const ip = freshIp();
  for (let i = 0; i < 3; i++) assert.equal((await passwordSignIn(t, { login: staff.phone, password: 'Nope@12345' }, ip)).statusCode, 401);
  assert.equal((await passwordSignIn(t, { login: staff.phone, password: STRONG }, ip)).statusCode, 200);
  const row = await t.db.selectFrom('credentials').selectAll().where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
  assert.equal(row.failed_attempts, 0);
});

test('five wrong passwords lock the account for 30 minutes (423 saying when), even for the right password', async () => {
  t.clock.set('2026-11-20T02:00:00Z'); // 10:00 in Beijing
  const staff = await makeStaffWithPassword(t);
  const ip = freshIp();
  for (let i = 1; i <= 4; i++) {
    const res = await passwordSignIn(t, { login: staff.phone, password: `Wrong@pass${i}` }, ip);
    assert.equal(res.statusCode, 401, `attempt ${i}`);
  }
  const fifth = await passwordSignIn(t, { login: staff.phone, password: 'Wrong@pass5' }, ip);
  assert.equal(fifth.statusCode, 423);
  const error = fifth.json().error;
  assert.equal(error.code, 'locked');
  assert.equal(error.retryAfterSeconds, 30 * 60);
  assert.equal(error.lockedUntil, new Date(t.clock.now().getTime() + 30 * MINUTE).toISOString());
  assert.match(error.message, /2026-11-20 10:30/);
  assert.equal(fifth.headers['retry-after'], String(30 * 60));

  const row = await t.db.selectFrom('credentials').selectAll().where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
  assert.equal(row.failed_attempts, 5);
  assert.equal(row.locked_until?.toISOString(), error.lockedUntil);
  assert.equal((await auditOf(t.db, 'auth.locked', staff.userId)).length, 1);

  t.clock.advance(10 * MINUTE);
  const whileLocked = await passwordSignIn(t, { login: staff.phone, password: STRONG }, ip);
  assert.equal(whileLocked.statusCode, 423, 'the right password does not open a locked account');
  assert.equal(whileLocked.json().error.retryAfterSeconds, 20 * 60);
  assert.equal(whileLocked.cookies.length, 0);
  const refused = await auditOf(t.db, 'auth.sign_in_failed', staff.userId);
  assert.equal((refused.at(-1)!.after as any).reason, 'locked');

  t.clock.advance(20 * MINUTE + 1000);
  const afterLock = await passwordSignIn(t, { login: staff.phone, password: STRONG }, ip);
  assert.equal(afterLock.statusCode, 200);
  const reset = await t.db.selectFrom('credentials').selectAll().where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
  assert.equal(reset.failed_attempts, 0);
  assert.equal(reset.locked_until, null);
});

test('after a lockout runs out, one wrong password does not lock again at once', async () => {
  const staff = await makeStaffWithPassword(t);
  const ip = freshIp();
  for (let i = 0; i < 5; i++) await passwordSignIn(t, { login: staff.phone, password: 'Wrong@pass1' }, ip);
  t.clock.advance(31 * MINUTE);
  const res = await passwordSignIn(t, { login: staff.phone, password: 'Wrong@pass1' }, ip);
  assert.equal(res.statusCode, 401);
  const row = await t.db.selectFrom('credentials').selectAll().where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
  assert.equal(row.failed_attempts, 1);
});

test('concurrent wrong passwords are each counted', async () => {
  const staff = await makeStaffWithPassword(t);
  const ip = freshIp();
  const results = await Promise.all([1, 2, 3].map((i) => passwordSignIn(t, { login: staff.phone, password: `Wrong@pass${i}` }, ip)));
  assert.deepEqual(results.map((r) => r.statusCode), [401, 401, 401]);
  const row = await t.db.selectFrom('credentials').selectAll().where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
  assert.equal(row.failed_attempts, 3);
});

test('a disabled account with the right password is refused with 403 and no session', async () => {
  const staff = await makeStaffWithPassword(t);
  await t.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', staff.userId).execute();
  const res = await passwordSignIn(t, { login: staff.phone, password: STRONG });
  assert.equal(res.statusCode, 403);
  assert.match(res.json().error.message, /停用/);
  const sessions = await t.db.selectFrom('sessions').select('id').where('user_id', '=', staff.userId).execute();
  assert.equal(sessions.length, 0);
});

test('more than 10 sign-in attempts a minute from one address get 429 in the error shape', async () => {
  const ip = freshIp();
  // Different unknown logins: five failures of one login would lock it (423) before the address limit.
  for (let i = 0; i < 10; i++) assert.equal((await passwordSignIn(t, { login: `nobody${i}`, password: 'x' }, ip)).statusCode, 401);
  const res = await passwordSignIn(t, { login: 'nobody10', password: 'x' }, ip);
  assert.equal(res.statusCode, 429);
  assert.equal(res.json().error.code, 'too_many_requests');
  assert.match(res.json().error.message, /秒后再试/);
  assert.ok(res.json().error.retryAfterSeconds >= 1);
  // Another address is not affected.
  assert.equal((await passwordSignIn(t, { login: 'nobody11', password: 'x' })).statusCode, 401);
});

test('signing in again replaces the session the request came with', async () => {
  const staff = await makeStaffWithPassword(t);
  const first = sessionOf(await passwordSignIn(t, { login: staff.phone, password: STRONG }));
  const second = await passwordSignIn(t, { login: staff.phone, password: STRONG }, freshIp(), first.headers);
  assert.equal(second.statusCode, 200);
  const old = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first.cookie } });
  assert.equal(old.statusCode, 401);
});

test('errors follow the language of the request', async () => {
  const res = await passwordSignIn(t, { login: 'nobody-en', password: 'x' }, freshIp(), { 'accept-language': 'en' });
  assert.equal(res.json().error.message, 'The account or password is incorrect');
  const tw = await passwordSignIn(t, { login: 'nobody-tw', password: 'x' }, freshIp(), { 'accept-language': 'zh-TW' });
  assert.equal(tw.json().error.message, '帳號或密碼不正確');
});

// An attacker must not learn which accounts exist by counting to five: an
// unknown login (or an account without a password) locks exactly like a real one.
test('an unknown login locks after five failures with the same answers as a real account', async () => {
  t.clock.set('2026-11-21T02:00:00Z');
  const staff = await makeStaffWithPassword(t);
  const noPassword = await makeUser(t.db, { name: '无密码', phone: '13700000077' });
  const logins = [staff.phone, '13700000099', 'no_such_user', '13700000077'];
  const answers: { status: number; body: unknown; retryAfter: unknown }[][] = logins.map(() => []);
  for (let attempt = 1; attempt <= 6; attempt++) {
    for (const [i, login] of logins.entries()) {
      const res = await passwordSignIn(t, { login, password: `Wrong@pass${attempt}` }, freshIp());
      answers[i].push({ status: res.statusCode, body: res.json(), retryAfter: res.headers['retry-after'] });
    }
  }
  assert.deepEqual(answers[0].map((a) => a.status), [401, 401, 401, 401, 423, 423]);
  for (const [i, login] of logins.entries()) assert.deepEqual(answers[i], answers[0], `the answers for ${login} are the real account's`);
  const unknownLocks = await t.db.selectFrom('audit_log').select(['target_id', 'after']).where('action', '=', 'auth.locked').where('target_id', 'is', null).execute();
  assert.ok(unknownLocks.length >= 2, 'the lock of an unknown login is audited');
  assert.ok(unknownLocks.every((r) => !JSON.stringify(r.after).includes('no_such_user')), 'the audit keeps only a masked hint of the login');
  assert.ok((await auditOf(t.db, 'auth.locked', noPassword)).length === 1, 'an account without a password locks as well');

  // The lock runs out like an account's.
  t.clock.advance(30 * MINUTE + 1000);
  const after = await passwordSignIn(t, { login: 'no_such_user', password: 'Wrong@pass7' }, freshIp());
  assert.equal(after.statusCode, 401);
});
