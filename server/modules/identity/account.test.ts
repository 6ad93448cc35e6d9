import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeResident, signIn, uniquePhone } from '../../testing/factories.js';
import { auditOf, freshIp, lastCodeSentTo, makeStaffWithPassword, passwordSignIn, sessionOf, STRONG } from './identity-test-helpers.js';

let t: TestApp;
let noDemo: TestApp;
before(async () => {
  t = await createTestApp();
  noDemo = await createTestApp({ config: { demo: false, secureCookies: true } });
});
after(async () => {
  await t.close();
  await noDemo.close();
});

const MINUTE = 60_000;

async function signedInStaff(app = t) {
  const staff = await makeStaffWithPassword(app);
  const session = sessionOf(await passwordSignIn(app, { login: staff.phone, password: STRONG }));
  return { ...staff, ...session };
}

const me = (headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: { 'x-forwarded-for': freshIp(), ...headers }, ...(payload === undefined ? {} : { payload }) });

// ---- GET /auth/me ----

test('GET /auth/me without a session is a 401', async () => {
  const res = await me();
  assert.equal(res.statusCode, 401);
  assert.equal(res.json().error.code, 'unauthorized');
  const bogus = await me({ cookie: 'lx_session=not-a-session' });
  assert.equal(bogus.statusCode, 401);
});

test('GET /auth/me returns the person with a masked phone, their grants, households and the CSRF token', async () => {
  const { userId } = await makeResident(t.db, '430212101201', '张三丰');
  const session = await signIn(t, userId);
  const res = await me({ cookie: session.headers.cookie! });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.user.id, userId);
  assert.equal(body.user.name, '张三丰');
  assert.match(body.user.phone, /^139\*{4}\d{4}$/);
  assert.equal(body.user.hasPassword, false);
  assert.equal(body.csrfToken, session.headers['x-csrf-token']);
  assert.deepEqual(body.householdRegions, ['430212101201']);
  assert.equal(body.grants.length, 1);
  assert.equal(body.grants[0].role, 'resident');
  assert.equal(body.grants[0].regionPrefix, '430212101201');
  assert.equal(body.grants[0].departmentId, null);
});

// ---- PATCH /auth/me ----

const patchMe = (headers: Record<string, string>, payload: Record<string, unknown>, app = t) =>
  app.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: { 'x-forwarded-for': freshIp(), ...headers }, payload });

test('PATCH /auth/me lets a new resident (registered by SMS code without a name) set their name, audited with masked names', async () => {
  // On the app without demo mode, so this code does not show up in the dev outbox test below.
  const app = noDemo;
  const phone = uniquePhone();
  const ip = freshIp();
  const send = (url: string, payload: Record<string, unknown>) => app.app.inject({ method: 'POST', url, headers: { 'x-forwarded-for': ip }, payload });
  assert.equal((await send('/api/auth/otp/request', { phone })).statusCode, 202);
  const verified = await send('/api/auth/otp/verify', { phone, code: await lastCodeSentTo(app.db, phone) });
  assert.equal(verified.statusCode, 200, verified.body);
  assert.equal(verified.json().isNew, true);
  assert.equal(verified.json().user.name, `居民${phone.slice(-4)}`);
  const session = sessionOf(verified);
  const userId = verified.json().user.id as string;

  const res = await patchMe(session.headers, { name: '  欧阳秀英  ' }, app);
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().user.name, '欧阳秀英', 'trimmed');
  assert.equal(res.json().user.id, userId);
  assert.equal(res.json().csrfToken, session.csrf, 'answers as GET /auth/me');
  const again = await app.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });
  assert.equal(again.json().user.name, '欧阳秀英');
  const row = await app.db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow();
  assert.equal(row.name, '欧阳秀英');

  const entries = await auditOf(app.db, 'auth.name_changed', userId);
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.actor_id, userId);
  assert.deepEqual(entries[0]!.before, { name: `居****${phone.slice(-1)}` });
  assert.deepEqual(entries[0]!.after, { name: '欧**英' });

  // The same name again changes nothing and is not audited again.
  assert.equal((await patchMe(session.headers, { name: '欧阳秀英' }, app)).statusCode, 200);
  assert.equal((await auditOf(app.db, 'auth.name_changed', userId)).length, 1);
});

test('PATCH /auth/me refuses an empty, blank or over-30-character name with a 400 naming `name`, and changes nothing', async () => {
  const { userId } = await makeResident(t.db, '430212101201', '王小明');
  const session = await signIn(t, userId);
  const payloads: Record<string, unknown>[] = [{ name: '' }, { name: '   ' }, { name: '名'.repeat(31) }, {}];
  for (const payload of payloads) {
    const res = await patchMe(session.headers, payload);
    assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
    assert.equal(res.json().error.code, 'invalid_field');
    assert.equal(res.json().error.field, 'name', JSON.stringify(payload));
  }
  const row = await t.db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow();
  assert.equal(row.name, '王小明', 'unchanged');
  const thirty = await patchMe(session.headers, { name: '名'.repeat(30) });
  assert.equal(thirty.statusCode, 200, '30 characters are allowed');
  assert.equal((await auditOf(t.db, 'auth.name_changed', userId)).length, 1, 'only the valid change was audited');
});

test('PATCH /auth/me needs a session (401) and the CSRF token (403)', async () => {
  const anonymous = await patchMe({}, { name: '张三' });
  assert.equal(anonymous.statusCode, 401);
  const { userId } = await makeResident(t.db, '430212101201', '李四');
  const session = await signIn(t, userId);
  const noCsrf = await patchMe({ cookie: session.headers.cookie! }, { name: '张三' });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().error.code, 'csrf');
  const row = await t.db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow();
  assert.equal(row.name, '李四');
});

// ---- sessions: idle timeout and CSRF ----

test('a session idle longer than the configured minutes ends (401); activity keeps it alive', async () => {
  const staff = await signedInStaff();
  assert.equal(t.config.sessionIdleMinutes, 30);
  t.clock.advance(20 * MINUTE);
  assert.equal((await me({ cookie: staff.cookie })).statusCode, 200, 'used within 30 minutes');
  t.clock.advance(20 * MINUTE);
  assert.equal((await me({ cookie: staff.cookie })).statusCode, 200, '40 minutes after sign-in but only 20 idle');
  t.clock.advance(30 * MINUTE + 1000);
  assert.equal((await me({ cookie: staff.cookie })).statusCode, 401, 'idle past 30 minutes');
});

test('a POST made with the session cookie but without X-CSRF-Token is a 403', async () => {
  const staff = await signedInStaff();
  const res = await post('/api/auth/sign-out-everywhere', { cookie: staff.cookie });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().error.code, 'csrf');
  const wrong = await post('/api/auth/sign-out-everywhere', { cookie: staff.cookie, 'x-csrf-token': 'forged' });
  assert.equal(wrong.statusCode, 403);
  assert.equal((await me({ cookie: staff.cookie })).statusCode, 200, 'nothing was revoked');
});

// ---- sign-out ----

test('POST /auth/sign-out ends this session only, clears the cookie and is audited', async () => {
  const staff = await signedInStaff();
  const other = sessionOf(await passwordSignIn(t, { login: staff.phone, password: STRONG }));
  const res = await post('/api/auth/sign-out', staff.headers);
  assert.equal(res.statusCode, 204);
  const cleared = res.cookies.find((c) => c.name === 'lx_session');
  assert.ok(cleared && (cleared.value === '' || (cleared.expires && cleared.expires.getTime() < Date.now())), 'cookie cleared');
  assert.equal((await me({ cookie: staff.cookie })).statusCode, 401);
  assert.equal((await me({ cookie: other.cookie })).statusCode, 200, 'the other device stays signed in');
  const [entry] = await auditOf(t.db, 'auth.signed_out', staff.userId);
  assert.equal(entry!.actor_id, staff.userId);
});

test('POST /auth/sign-out when already signed out is a harmless 204', async () => {
  const res = await post('/api/auth/sign-out', {});
  assert.equal(res.statusCode, 204);
});

// ---- sign-out-everywhere ----

test('POST /auth/sign-out-everywhere without a session is a 401', async () => {
  assert.equal((await post('/api/auth/sign-out-everywhere', {})).statusCode, 401);
});

test('POST /auth/sign-out-everywhere ends every session of the person and no one else’s', async () => {
  const staff = await signedInStaff();
  const phone = sessionOf(await passwordSignIn(t, { login: staff.phone, password: STRONG }));
  const colleague = await signedInStaff();
  const res = await post('/api/auth/sign-out-everywhere', staff.headers);
  assert.equal(res.statusCode, 204);
  assert.equal((await me({ cookie: staff.cookie })).statusCode, 401);
  assert.equal((await me({ cookie: phone.cookie })).statusCode, 401);
  assert.equal((await me({ cookie: colleague.cookie })).statusCode, 200);
  const open = await t.db.selectFrom('sessions').select('id').where('user_id', '=', staff.userId).where('revoked_at', 'is', null).execute();
  assert.equal(open.length, 0);
  const [entry] = await auditOf(t.db, 'auth.signed_out_everywhere', staff.userId);
  assert.deepEqual(entry!.after, { sessionsEnded: 2 });
});

// ---- password change ----

test('POST /auth/password/change without a session is a 401', async () => {
  const res = await post('/api/auth/password/change', {}, { currentPassword: STRONG, newPassword: 'Another#2027' });
  assert.equal(res.statusCode, 401);
});

test('POST /auth/password/change with a missing or weak new password is a 400 naming newPassword', async () => {
  const staff = await signedInStaff();
  const missing = await post('/api/auth/password/change', staff.headers, { currentPassword: STRONG });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().error.field, 'newPassword');

  const cases: [string, RegExp][] = [
    ['Short1!', /至少需要 10 位/],
    ['alllowercase1', /至少三种/],
    [`Aa!${staff.phone}`, /不能包含手机号/],
  ];
  for (const [newPassword, message] of cases) {
    const res = await post('/api/auth/password/change', staff.headers, { currentPassword: STRONG, newPassword });
    assert.equal(res.statusCode, 400, newPassword);
    assert.equal(res.json().error.field, 'newPassword');
    assert.match(res.json().error.message, message);
  }
  const same = await post('/api/auth/password/change', staff.headers, { currentPassword: STRONG, newPassword: STRONG });
  assert.equal(same.statusCode, 400);
  assert.match(same.json().error.message, /不能与当前密码相同/);
});

test('a wrong current password is a 400 naming currentPassword and counts towards the lockout', async () => {
  const staff = await signedInStaff();
  const res = await post('/api/auth/password/change', staff.headers, { currentPassword: 'Guess@12345', newPassword: 'Another#2027' });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'currentPassword');
  const row = await t.db.selectFrom('credentials').selectAll().where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
  assert.equal(row.failed_attempts, 1);
  assert.equal((await auditOf(t.db, 'auth.password_change_failed', staff.userId)).length, 1);
  for (let i = 0; i < 3; i++) await post('/api/auth/password/change', staff.headers, { currentPassword: 'Guess@12345', newPassword: 'Another#2027' });
  const fifth = await post('/api/auth/password/change', staff.headers, { currentPassword: 'Guess@12345', newPassword: 'Another#2027' });
  assert.equal(fifth.statusCode, 423);
});

test('a resident without a password is told to use SMS codes', async () => {
  const { userId } = await makeResident(t.db, '430212101201');
  const session = await signIn(t, userId);
  const res = await post('/api/auth/password/change', session.headers, { currentPassword: 'Anything@123', newPassword: 'Another#2027' });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'currentPassword');
  assert.match(res.json().error.message, /短信验证码/);
});

test('changing the password ends the other sessions, keeps this one, and the new password works', async () => {
  const staff = await signedInStaff();
  const laptop = sessionOf(await passwordSignIn(t, { login: staff.phone, password: STRONG }));
  const before = await t.db.selectFrom('credentials').selectAll().where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
  t.clock.advance(MINUTE);
  const res = await post('/api/auth/password/change', staff.headers, { currentPassword: STRONG, newPassword: 'Another#2027' });
  assert.equal(res.statusCode, 204);
  assert.equal((await me({ cookie: staff.cookie })).statusCode, 200, 'this session stays');
  assert.equal((await me({ cookie: laptop.cookie })).statusCode, 401, 'the other session ended');

  const after = await t.db.selectFrom('credentials').selectAll().where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
  assert.notEqual(after.password_hash, before.password_hash);
  assert.equal(after.changed_at.toISOString(), t.clock.now().toISOString());
  const [entry] = await auditOf(t.db, 'auth.password_changed', staff.userId);
  assert.deepEqual(entry!.after, { otherSessionsEnded: 1 });
  assert.ok(!JSON.stringify(entry).includes('Another#2027'));

  assert.equal((await passwordSignIn(t, { login: staff.phone, password: STRONG })).statusCode, 401);
  assert.equal((await passwordSignIn(t, { login: staff.phone, password: 'Another#2027' })).statusCode, 200);
});

// ---- cookies when served over HTTPS ----

test('with secureCookies the session cookie is marked Secure', async () => {
  const staff = await makeStaffWithPassword(noDemo);
  const res = await passwordSignIn(noDemo, { login: staff.phone, password: STRONG });
  assert.equal(res.statusCode, 200);
  assert.equal(res.cookies.find((c) => c.name === 'lx_session')!.secure, true);
});

// ---- dev outbox ----

test('GET /dev/outbox is a 404 when demo mode is off', async () => {
  const res = await noDemo.app.inject({ method: 'GET', url: '/api/dev/outbox' });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, 'not_found');
});

test('GET /dev/outbox in demo mode lists the latest 50 messages, newest first, phones masked', async () => {
  await t.db
    .insertInto('sms_outbox')
    .values(Array.from({ length: 55 }, (_, i) => ({ phone: '13812345678', body: `消息 ${i}`, purpose: 'test', created_at: new Date(Date.UTC(2026, 10, 1, 0, i)), sent_at: null })))
    .execute();
  const res = await t.app.inject({ method: 'GET', url: '/api/dev/outbox' });
  assert.equal(res.statusCode, 200);
  const items = res.json().items;
  assert.equal(items.length, 50);
  assert.equal(items[0].body, '消息 54');
  assert.equal(items[0].phone, '138****5678');
  assert.equal(items[0].createdAt, '2026-11-01T00:54:00.000Z');
});
