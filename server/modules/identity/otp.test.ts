import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeResident, makeUser } from '../../testing/factories.js';
import { auditOf, freshIp, lastCodeSentTo, sessionOf } from './identity-test-helpers.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const SECOND = 1000;
const MINUTE = 60 * SECOND;

let phoneCounter = 0;
/** Phones of this file's own (138…), never colliding with the factories' 139… numbers. */
function newPhone(): string {
  phoneCounter += 1;
  return `1380000${String(phoneCounter).padStart(4, '0')}`;
}

function requestCode(phone: unknown, ip = freshIp()) {
  return t.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone }, headers: { 'x-forwarded-for': ip } });
}

function verify(body: Record<string, unknown>, ip = freshIp(), headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: body, headers: { 'x-forwarded-for': ip, ...headers } });
}

/** A code that is surely wrong for this phone. */
async function wrongCodeFor(phone: string): Promise<string> {
  const right = await lastCodeSentTo(t.db, phone);
  return right === '000000' ? '111111' : '000000';
}

test('POST /auth/otp/request with a phone that is not a mainland mobile number is a 400 naming phone', async () => {
  for (const phone of ['12345', '23800000000', '1380000000a', '']) {
    const res = await requestCode(phone);
    assert.equal(res.statusCode, 400, phone);
    assert.equal(res.json().error.field, 'phone');
  }
  const missing = await t.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: {}, headers: { 'x-forwarded-for': freshIp() } });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().error.field, 'phone');
  assert.equal(await t.db.selectFrom('otp_codes').select('id').executeTakeFirst(), undefined, 'nothing stored');
});

test('requesting a code answers 202, stores only its hash and sends it through the outbox', async () => {
  const phone = newPhone();
  const res = await requestCode(phone);
  assert.equal(res.statusCode, 202);
  assert.deepEqual(res.json(), { sent: true, retryAfterSeconds: 60 });

  const code = await lastCodeSentTo(t.db, phone);
  const [row] = await t.db.selectFrom('otp_codes').selectAll().where('phone', '=', phone).execute();
  assert.ok(row);
  assert.ok(!row.code_hash.includes(code), 'the code itself is not stored');
  assert.equal(row.status, 'pending');
  assert.equal(row.expires_at.getTime() - row.created_at.getTime(), 5 * MINUTE);

  const outbox = await t.db.selectFrom('sms_outbox').selectAll().where('phone', '=', phone).execute();
  assert.equal(outbox.length, 1);
  assert.equal(outbox[0]!.purpose, 'otp_sign_in');
  assert.match(outbox[0]!.body, /5 分钟内有效/);

  const [entry] = await auditOf(t.db, 'auth.otp_issued', row.id);
  assert.ok(entry);
  assert.deepEqual(entry.after, { phone: maskedOf(phone) });
  assert.ok(!JSON.stringify(entry).includes(code), 'the audit never holds the code');
});

test('a second request within 60 s is a 429 saying how long to wait', async () => {
  const phone = newPhone();
  assert.equal((await requestCode(phone)).statusCode, 202);
  t.clock.advance(20 * SECOND);
  const res = await requestCode(phone);
  assert.equal(res.statusCode, 429);
  assert.equal(res.json().error.retryAfterSeconds, 40);
  assert.match(res.json().error.message, /40 秒/);
  assert.equal(res.headers['retry-after'], '40');
  t.clock.advance(40 * SECOND);
  assert.equal((await requestCode(phone)).statusCode, 202);
  const rows = await t.db.selectFrom('otp_codes').select('status').where('phone', '=', phone).orderBy('created_at').execute();
  assert.deepEqual(rows.map((r) => r.status), ['superseded', 'pending'], 'a new code replaces the old one');
});

test('at most 10 codes a day go to one phone', async () => {
  const phone = newPhone();
  for (let i = 0; i < 10; i++) {
    assert.equal((await requestCode(phone)).statusCode, 202, `request ${i + 1}`);
    t.clock.advance(61 * SECOND);
  }
  const res = await requestCode(phone);
  assert.equal(res.statusCode, 429);
  assert.match(res.json().error.message, /上限/);
  // The first of the ten was sent 10 × 61 s ago; it leaves the 24-hour window after the rest of the day.
  assert.equal(res.json().error.retryAfterSeconds, 24 * 3600 - 610);
  t.clock.advance((24 * 3600 - 610) * SECOND);
  assert.equal((await requestCode(phone)).statusCode, 202);
});

test('more than 5 code requests a minute from one address get 429', async () => {
  const ip = freshIp();
  for (let i = 0; i < 5; i++) assert.equal((await requestCode(newPhone(), ip)).statusCode, 202);
  const res = await requestCode(newPhone(), ip);
  assert.equal(res.statusCode, 429);
  assert.equal(res.json().error.code, 'too_many_requests');
});

test('POST /auth/otp/verify with a malformed code or phone is a 400 naming the field', async () => {
  const badCode = await verify({ phone: newPhone(), code: '12ab56' });
  assert.equal(badCode.statusCode, 400);
  assert.equal(badCode.json().error.field, 'code');
  const badPhone = await verify({ phone: '110', code: '123456' });
  assert.equal(badPhone.statusCode, 400);
  assert.equal(badPhone.json().error.field, 'phone');
  const longName = await verify({ phone: newPhone(), code: '123456', name: '名'.repeat(41) });
  assert.equal(longName.statusCode, 400);
  assert.equal(longName.json().error.field, 'name');
});

test('verifying without having asked for a code is a 400 naming code', async () => {
  const res = await verify({ phone: newPhone(), code: '123456' });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'code');
  assert.match(res.json().error.message, /请先获取验证码/);
});

test('an unknown phone becomes a new resident account with no roles (isNew)', async () => {
  const phone = newPhone();
  await requestCode(phone);
  const res = await verify({ phone, code: await lastCodeSentTo(t.db, phone) });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.isNew, true);
  assert.equal(body.user.name, `居民${phone.slice(-4)}`);
  assert.equal(typeof body.csrfToken, 'string');

  const user = await t.db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirstOrThrow();
  assert.equal(user.id, body.user.id);
  const grants = await t.db.selectFrom('role_grants').select('id').where('user_id', '=', user.id).execute();
  assert.equal(grants.length, 0);
  const otp = await t.db.selectFrom('otp_codes').selectAll().where('phone', '=', phone).executeTakeFirstOrThrow();
  assert.equal(otp.status, 'used');
  assert.equal((await auditOf(t.db, 'user.registered', user.id)).length, 1);
  const [signedIn] = await auditOf(t.db, 'auth.signed_in', user.id);
  assert.equal(signedIn!.actor_id, user.id);
  assert.deepEqual(signedIn!.after, { method: 'otp', isNew: true });

  const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionOf(res).cookie } });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().user.phone, maskedOf(phone));
  assert.deepEqual(me.json().grants, []);
});

test('a new resident may give a name; a known phone signs in to its account (isNew false)', async () => {
  const phone = newPhone();
  await requestCode(phone);
  const named = await verify({ phone, code: await lastCodeSentTo(t.db, phone), name: '  刘桂英 ' });
  assert.equal(named.json().user.name, '刘桂英');

  t.clock.advance(61 * SECOND);
  const { userId } = await makeResident(t.db, '430212101201', '陈老伯');
  const known = (await t.db.selectFrom('users').select('phone').where('id', '=', userId).executeTakeFirstOrThrow()).phone!;
  await requestCode(known);
  const res = await verify({ phone: known, code: await lastCodeSentTo(t.db, known), name: '别的名字' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().isNew, false);
  assert.deepEqual(res.json().user, { id: userId, name: '陈老伯' });
});

test('a used code cannot be used twice', async () => {
  const phone = newPhone();
  await requestCode(phone);
  const code = await lastCodeSentTo(t.db, phone);
  assert.equal((await verify({ phone, code })).statusCode, 200);
  const again = await verify({ phone, code });
  assert.equal(again.statusCode, 400);
  assert.equal(again.json().error.field, 'code');
});

test('a wrong code says how many tries are left; the fifth wrong try burns the code', async () => {
  const phone = newPhone();
  await requestCode(phone);
  const right = await lastCodeSentTo(t.db, phone);
  const wrong = await wrongCodeFor(phone);
  for (let i = 1; i <= 4; i++) {
    const res = await verify({ phone, code: wrong });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'code');
    assert.match(res.json().error.message, new RegExp(`还可以再试 ${5 - i} 次`));
  }
  const fifth = await verify({ phone, code: wrong });
  assert.equal(fifth.statusCode, 400);
  assert.match(fifth.json().error.message, /已失效/);
  const burnedRow = await t.db.selectFrom('otp_codes').selectAll().where('phone', '=', phone).executeTakeFirstOrThrow();
  assert.equal(burnedRow.status, 'burned');
  assert.equal(burnedRow.attempts, 5);
  assert.equal((await auditOf(t.db, 'auth.otp_burned', burnedRow.id)).length, 1);

  const late = await verify({ phone, code: right });
  assert.equal(late.statusCode, 400, 'even the right code no longer works');
  assert.match(late.json().error.message, /已失效/);
  assert.equal(await t.db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirst(), undefined, 'no account made');
});

test('an expired code is a 400 naming code; a new code then works', async () => {
  const phone = newPhone();
  await requestCode(phone);
  const code = await lastCodeSentTo(t.db, phone);
  t.clock.advance(5 * MINUTE + SECOND);
  const res = await verify({ phone, code });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'code');
  assert.match(res.json().error.message, /已过期/);

  await requestCode(phone);
  const fresh = await lastCodeSentTo(t.db, phone);
  assert.equal((await verify({ phone, code: fresh })).statusCode, 200);
});

test('only the latest code works once a new one was sent', async () => {
  const phone = newPhone();
  await requestCode(phone);
  const first = await lastCodeSentTo(t.db, phone);
  t.clock.advance(61 * SECOND);
  await requestCode(phone);
  const second = await lastCodeSentTo(t.db, phone);
  if (first !== second) assert.equal((await verify({ phone, code: first })).statusCode, 400);
  assert.equal((await verify({ phone, code: second })).statusCode, 200);
});

test('a disabled account proven by code is refused with 403 and no session', async () => {
  const phone = newPhone();
  const userId = await makeUser(t.db, { phone, name: '停用的人' });
  await t.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', userId).execute();
  await requestCode(phone);
  const res = await verify({ phone, code: await lastCodeSentTo(t.db, phone) });
  assert.equal(res.statusCode, 403);
  assert.equal(res.cookies.length, 0);
  assert.equal((await t.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length, 0);
});

test('more than 10 verifications a minute from one address get 429', async () => {
  const ip = freshIp();
  const phone = newPhone();
  for (let i = 0; i < 10; i++) assert.equal((await verify({ phone, code: '123456' }, ip)).statusCode, 400);
  assert.equal((await verify({ phone, code: '123456' }, ip)).statusCode, 429);
});

function maskedOf(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
