import crypto from 'node:crypto';
import type { Executor, Tx } from '../../platform/db/database.js';
import type { Actor, ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { AppError, badRequest, notFound, unauthorized } from '../../platform/errors.js';
import { isMobilePhone, maskName, maskPhone } from '../../../common/masking.js';
import { loadActor } from '../people/actor.js';
import { createSession, type NewSession } from './sessions.js';
import * as repo from './repo.js';
import { afterFailure, canManageOwnAccount, isLocked, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from './policy.js';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.js';
import { lockedError, settle, type Outcome } from './identity-errors.js';

export interface SignedInResult {
  user: { id: string; name: string };
  session: NewSession;
}

export interface SessionMeta {
  userAgent: string | null;
  /** The session the request came with, replaced by the new one. */
  replacesSessionId: string | null;
}

const signInFailed = () => new AppError(401, 'unauthorized', 'identity.sign_in_failed');

/**
 * Staff sign-in with phone or user name and password. Unknown accounts,
 * accounts without a password and wrong passwords all answer the same 401 in
 * the same time; the fifth consecutive failure locks the account — or the
 * unknown login, see refuseWithoutAccount — for 30 minutes (423). Failures
 * are counted and audited even though the request fails.
 */
export async function signInWithPassword(ctx: ServiceContext, input: { login: string; password: string } & SessionMeta): Promise<SignedInResult> {
  const login = input.login.trim();
  if (!login) throw badRequest('validation.required', 'login');
  if (!input.password) throw badRequest('validation.required', 'password');

  const account =
    (isMobilePhone(login) ? await repo.findAccountByPhone(ctx.db, login) : undefined) ?? (await repo.findAccountByUsername(ctx.db, login));
  if (!account) {
    settle(await ctx.db.transaction().execute((trx) => refuseWithoutAccount(trx, ctx, login, input.password, { reason: 'unknown_login', userId: null })));
  }
  const found = account!;
  const outcome = await ctx.db.transaction().execute(async (trx): Promise<Outcome<SignedInResult>> => {
    const now = ctx.clock.now();
    const asSystem = { ...ctx, actor: null };
    const credentials = await repo.credentialsForUpdate(trx, found.id);
    if (!credentials) return refuseWithoutAccount(trx, ctx, login, input.password, { reason: 'no_password', userId: found.id });
    if (isLocked(credentials, now)) {
      // The password is not even checked while locked: no guessing through a lock.
      await audit(trx, asSystem, { action: 'auth.sign_in_failed', targetType: 'user', targetId: found.id, after: { method: 'password', reason: 'locked' } });
      return { ok: false, error: lockedError(credentials.locked_until!, now) };
    }
    if (!(await verifyPassword(credentials.password_hash, input.password))) {
      const next = afterFailure(credentials, now);
      await repo.setLockState(trx, found.id, { failed_attempts: next.failed_attempts, locked_until: next.locked_until });
      await audit(trx, asSystem, {
        action: 'auth.sign_in_failed',
        targetType: 'user',
        targetId: found.id,
        after: { method: 'password', reason: 'wrong_password', failedAttempts: next.failed_attempts },
      });
      if (next.lockedNow) {
        await audit(trx, asSystem, { action: 'auth.locked', targetType: 'user', targetId: found.id, after: { lockedUntil: next.locked_until } });
        return { ok: false, error: lockedError(next.locked_until!, now) };
      }
      return { ok: false, error: signInFailed() };
    }
    if (found.status !== 'active') {
      await audit(trx, asSystem, { action: 'auth.sign_in_failed', targetType: 'user', targetId: found.id, after: { method: 'password', reason: 'disabled' } });
      return { ok: false, error: new AppError(403, 'forbidden', 'identity.account_disabled') };
    }
    if (credentials.failed_attempts > 0 || credentials.locked_until) {
      await repo.setLockState(trx, found.id, { failed_attempts: 0, locked_until: null });
    }
    return { ok: true, value: await openSession(trx, ctx, found, input, { method: 'password' }) };
  });
  return settle(outcome);
}

/** The lockout key of a login that names no account with a password (never stored in clear). */
const loginKey = (login: string) => crypto.createHash('sha256').update(login.trim().toLowerCase()).digest('base64url');

/**
 * A sign-in with a login that names no account, or an account without a
 * password: counted and locked per login exactly as a real account's
 * credentials are (five failures lock for 30 minutes, 423 saying when), so no
 * answer — 401, 423, its timing or its message — tells whether the account
 * exists. Returned (not thrown) so the count commits.
 */
async function refuseWithoutAccount(
  trx: Tx,
  ctx: ServiceContext,
  login: string,
  password: string,
  why: { reason: 'unknown_login' | 'no_password'; userId: string | null },
): Promise<Outcome<never>> {
  const now = ctx.clock.now();
  const asSystem = { ...ctx, actor: null };
  const key = loginKey(login);
  // The login may be a password typed in the wrong box: keep only a masked hint.
  const hint = why.userId ? {} : { login: maskLogin(login) };
  const state = await repo.loginFailuresForUpdate(trx, key, now);
  if (isLocked(state, now)) {
    await audit(trx, asSystem, { action: 'auth.sign_in_failed', targetType: 'user', targetId: why.userId, after: { method: 'password', reason: 'locked', ...hint } });
    return { ok: false, error: lockedError(state.locked_until!, now) };
  }
  await verifyAgainstNothing(password);
  const next = afterFailure(state, now);
  await repo.setLoginFailures(trx, key, { failed_attempts: next.failed_attempts, locked_until: next.locked_until }, now);
  await audit(trx, asSystem, {
    action: 'auth.sign_in_failed',
    targetType: 'user',
    targetId: why.userId,
    after: { method: 'password', reason: why.reason, failedAttempts: next.failed_attempts, ...hint },
  });
  if (next.lockedNow) {
    await audit(trx, asSystem, { action: 'auth.locked', targetType: 'user', targetId: why.userId, after: { lockedUntil: next.locked_until, ...hint } });
    return { ok: false, error: lockedError(next.locked_until!, now) };
  }
  return { ok: false, error: signInFailed() };
}

/**
 * Opens a session for a person who has just proved who they are, replacing
 * the one the request came with, and audits the sign-in as that person.
 */
export async function openSession(
  trx: Tx,
  ctx: ServiceContext,
  account: { id: string; name: string },
  meta: SessionMeta,
  details: Record<string, unknown>,
): Promise<SignedInResult> {
  const now = ctx.clock.now();
  if (meta.replacesSessionId) await repo.revokeSession(trx, meta.replacesSessionId, now);
  const session = await createSession(trx, ctx.clock, account.id, { ip: ctx.ip, userAgent: meta.userAgent });
  const actor: Actor = (await loadActor(trx, account.id, session.sessionId)) ?? {
    userId: account.id,
    name: account.name,
    sessionId: session.sessionId,
    grants: [],
    householdRegions: [],
  };
  await audit(trx, { ...ctx, actor }, { action: 'auth.signed_in', targetType: 'user', targetId: account.id, after: details });
  return { user: { id: account.id, name: account.name }, session };
}

/**
 * Changes the signed-in person's password. The current password is required
 * (a wrong one counts towards the lockout, like a failed sign-in); the other
 * sessions of the person end, this one stays.
 */
export async function changePassword(ctx: ServiceContext, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const actor = ctx.actor;
  if (!canManageOwnAccount(actor)) throw unauthorized();
  const account = await repo.findAccount(ctx.db, actor.userId);
  if (!account) throw unauthorized();
  checkStrength(input.newPassword, account, 'newPassword');

  const outcome = await ctx.db.transaction().execute(async (trx): Promise<Outcome<void>> => {
    const now = ctx.clock.now();
    const credentials = await repo.credentialsForUpdate(trx, account.id);
    if (!credentials) return { ok: false, error: badRequest('identity.no_password', 'currentPassword') };
    if (isLocked(credentials, now)) return { ok: false, error: lockedError(credentials.locked_until!, now) };
    if (!(await verifyPassword(credentials.password_hash, input.currentPassword))) {
      const next = afterFailure(credentials, now);
      await repo.setLockState(trx, account.id, { failed_attempts: next.failed_attempts, locked_until: next.locked_until });
      await audit(trx, ctx, {
        action: 'auth.password_change_failed',
        targetType: 'user',
        targetId: account.id,
        after: { reason: 'wrong_current_password', failedAttempts: next.failed_attempts },
      });
      if (next.lockedNow) {
        await audit(trx, ctx, { action: 'auth.locked', targetType: 'user', targetId: account.id, after: { lockedUntil: next.locked_until } });
        return { ok: false, error: lockedError(next.locked_until!, now) };
      }
      return { ok: false, error: badRequest('identity.current_password_wrong', 'currentPassword') };
    }
    if (input.newPassword === input.currentPassword) return { ok: false, error: badRequest('identity.password_same', 'newPassword') };

    await repo.upsertPassword(trx, account.id, await hashPassword(input.newPassword), now);
    const revoked = await repo.revokeSessionsOf(trx, account.id, now, actor.sessionId);
    await audit(trx, ctx, { action: 'auth.password_changed', targetType: 'user', targetId: account.id, after: { otherSessionsEnded: revoked } });
    return { ok: true, value: undefined };
  });
  settle(outcome);
}

/**
 * Sets a person's password (people's "create staff", the CLI, the demo seed).
 * Runs on the caller's executor, so it joins the caller's transaction; the
 * caller audits the change there. Checks the strength rules unless told not
 * to, naming `field` (default `password`) in the error.
 *
 * @example await setPassword(trx, userId, 'Lianxin@2026')
 */
export async function setPassword(
  db: Executor,
  userId: string,
  password: string,
  options: { skipStrength?: boolean; field?: string; now?: Date } = {},
): Promise<void> {
  const field = options.field ?? 'password';
  const account = await repo.findAccount(db, userId);
  if (!account) throw notFound('common.not_found', 'userId');
  if (!password) throw badRequest('validation.required', field);
  if (password.length > PASSWORD_MAX_LENGTH) throw badRequest('validation.too_long', field, { limit: PASSWORD_MAX_LENGTH });
  if (!options.skipStrength) checkStrength(password, account, field);
  await repo.upsertPassword(db, userId, await hashPassword(password), options.now ?? new Date());
}

/** Throws a 400 naming `field` when the password breaks the strength rules. */
export function checkStrength(password: string, identity: { phone: string | null; username: string | null }, field: string): void {
  if (password.length > PASSWORD_MAX_LENGTH) throw badRequest('validation.too_long', field, { limit: PASSWORD_MAX_LENGTH });
  const problem = passwordProblem(password, identity);
  if (problem) throw badRequest(problem, field, { min: PASSWORD_MIN_LENGTH });
}

function maskLogin(login: string): string {
  return isMobilePhone(login) ? maskPhone(login) : maskName(login.slice(0, 64));
}
