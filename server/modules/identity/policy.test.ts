import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterFailure, canManageOwnAccount, canReadDevOutbox, countingFailures, isLocked, passwordProblem } from './policy.js';
import { generatePassword } from './passwords.js';
import { codeMatches, hashCode } from './otp-service.js';
import { beijingTime } from './presenter.js';

const now = new Date('2026-11-20T02:00:00Z');

test('passwordProblem: length, three character classes, no phone or user name', () => {
  const me = { phone: '13800001234', username: 'zhangsan' };
  assert.equal(passwordProblem('Lianxin@2026', me), null);
  assert.equal(passwordProblem('Ab1!', me), 'identity.password_too_short');
  assert.equal(passwordProblem('Ab1!Ab1!A', me), 'identity.password_too_short', 'nine characters');
  assert.equal(passwordProblem('lowercaseonly', me), 'identity.password_too_simple');
  assert.equal(passwordProblem('lowercase123', me), 'identity.password_too_simple', 'two classes');
  assert.equal(passwordProblem('lowercase12!', me), null, 'lower, digit, symbol');
  assert.equal(passwordProblem('UPPER lower 1', me), null, 'a space counts as a symbol');
  assert.equal(passwordProblem('Ab!13800001234', me), 'identity.password_contains_identity');
  assert.equal(passwordProblem('ZhangSan@2026', me), 'identity.password_contains_identity', 'user name, any case');
  assert.equal(passwordProblem('Li@Xin20261', { username: 'li' }), null, 'very short user names are ignored');
  assert.equal(passwordProblem('密码很长很长很长Ab1', me), null, 'Chinese characters count as symbols');
});

test('lockout: the fifth consecutive failure locks for 30 minutes; an expired lock starts the count afresh', () => {
  let state = { failed_attempts: 0, locked_until: null as Date | null };
  for (let i = 1; i <= 4; i++) {
    const next = afterFailure(state, now);
    assert.equal(next.lockedNow, false);
    assert.equal(next.failed_attempts, i);
    state = next;
  }
  const fifth = afterFailure(state, now);
  assert.equal(fifth.lockedNow, true);
  assert.equal(fifth.locked_until!.getTime() - now.getTime(), 30 * 60_000);
  assert.equal(isLocked(fifth, new Date(now.getTime() + 29 * 60_000)), true);
  assert.equal(isLocked(fifth, new Date(now.getTime() + 30 * 60_000)), false);
  const later = new Date(now.getTime() + 31 * 60_000);
  assert.equal(countingFailures(fifth, later), 0);
  assert.equal(afterFailure(fifth, later).failed_attempts, 1);
});

test('who may do what', () => {
  assert.equal(canReadDevOutbox({ demo: true }), true);
  assert.equal(canReadDevOutbox({ demo: false }), false);
  assert.equal(canManageOwnAccount(null), false);
  assert.equal(canManageOwnAccount({ userId: 'u', name: 'n', sessionId: 's', grants: [], householdRegions: [] }), true);
});

test('generated passwords pass the rules and differ', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const p = generatePassword();
    assert.equal(p.length, 16);
    assert.equal(passwordProblem(p, {}), null, p);
    seen.add(p);
  }
  assert.equal(seen.size, 50);
});

test('code hashes are salted and checked exactly', () => {
  const a = hashCode('123456');
  const b = hashCode('123456');
  assert.notEqual(a, b, 'a salt per code');
  assert.ok(!a.includes('123456'));
  assert.equal(codeMatches(a, '123456'), true);
  assert.equal(codeMatches(a, '123457'), false);
  assert.equal(codeMatches('garbage', '123456'), false);
});

test('beijingTime shows Asia/Shanghai wall time', () => {
  assert.equal(beijingTime(new Date('2026-11-20T02:30:00Z')), '2026-11-20 10:30');
  assert.equal(beijingTime(new Date('2026-11-20T16:05:00Z')), '2026-11-21 00:05');
});
