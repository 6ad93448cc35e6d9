import type { ServiceContext } from '../../platform/context.js';
import type { Config } from '../../platform/config.js';
import { audit } from '../../platform/audit.js';
import { badRequest, notFound, unauthorized } from '../../platform/errors.js';
import { maskName } from '../../../common/masking.js';
import * as repo from './repo.js';
import { canManageOwnAccount, canReadDevOutbox } from './policy.js';
import { presentMe, presentOutboxItem } from './presenter.js';
import { NAME_MAX_LENGTH, type MeResponse, type OutboxItem } from './schema.js';

/** The signed-in person, their grants and the CSRF token of this session. */
export async function currentAccount(ctx: ServiceContext): Promise<MeResponse> {
  const actor = ctx.actor;
  if (!canManageOwnAccount(actor)) throw unauthorized();
  const account = await repo.findAccount(ctx.db, actor.userId);
  if (!account) throw unauthorized();
  const csrfToken = actor.sessionId ? await repo.csrfTokenOf(ctx.db, actor.sessionId) : null;
  return presentMe(account, actor, csrfToken, await repo.hasCredentials(ctx.db, actor.userId));
}

/**
 * Changes the signed-in person's own name (a resident who registered as
 * 「居民1234」 names themself). 1–30 characters after trimming; audited with
 * masked names in the same transaction. Answers as GET /auth/me.
 */
export async function updateAccount(ctx: ServiceContext, input: { name: string }): Promise<MeResponse> {
  const actor = ctx.actor;
  if (!canManageOwnAccount(actor)) throw unauthorized();
  const name = input.name.trim();
  if (!name) throw badRequest('validation.required', 'name');
  if (Array.from(name).length > NAME_MAX_LENGTH) throw badRequest('validation.too_long', 'name', { limit: NAME_MAX_LENGTH });
  await ctx.db.transaction().execute(async (trx) => {
    const account = await repo.findAccountForUpdate(trx, actor.userId);
    if (!account) throw unauthorized();
    if (account.name === name) return;
    await repo.setAccountName(trx, actor.userId, name);
    await audit(trx, ctx, {
      action: 'auth.name_changed',
      targetType: 'user',
      targetId: actor.userId,
      before: { name: maskName(account.name) },
      after: { name: maskName(name) },
    });
  });
  return currentAccount(ctx);
}

/** Ends this session. Signing out when already signed out is not an error (the page may be stale). */
export async function signOut(ctx: ServiceContext): Promise<void> {
  const actor = ctx.actor;
  if (!actor?.sessionId) return;
  const sessionId = actor.sessionId;
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.revokeSession(trx, sessionId, ctx.clock.now())) {
      await audit(trx, ctx, { action: 'auth.signed_out', targetType: 'user', targetId: actor.userId });
    }
  });
}

/** Ends every session of the signed-in person, on every device. */
export async function signOutEverywhere(ctx: ServiceContext): Promise<number> {
  const actor = ctx.actor;
  if (!canManageOwnAccount(actor)) throw unauthorized();
  return ctx.db.transaction().execute(async (trx) => {
    const ended = await repo.revokeSessionsOf(trx, actor.userId, ctx.clock.now());
    await audit(trx, ctx, { action: 'auth.signed_out_everywhere', targetType: 'user', targetId: actor.userId, after: { sessionsEnded: ended } });
    return ended;
  });
}

const OUTBOX_LIMIT = 50;

/** The latest text messages, for the demo's dev page; a 404 outside demo mode. */
export async function devOutbox(ctx: ServiceContext, config: Pick<Config, 'demo'>): Promise<OutboxItem[]> {
  if (!canReadDevOutbox(config)) throw notFound();
  const rows = await repo.latestOutbox(ctx.db, OUTBOX_LIMIT);
  return rows.map(presentOutboxItem);
}

/**
 * Housekeeping: codes older than two days (past the per-day count), sessions
 * ended a month ago, and failure counts of unknown logins untouched for two
 * days (far past any lockout).
 */
export async function purgeStale(ctx: Pick<ServiceContext, 'db' | 'clock'>): Promise<{ codes: number; sessions: number; loginFailures: number }> {
  const now = ctx.clock.now().getTime();
  const codes = await repo.deleteOtpsBefore(ctx.db, new Date(now - 2 * 24 * 60 * 60 * 1000));
  const loginFailures = await repo.deleteLoginFailuresBefore(ctx.db, new Date(now - 2 * 24 * 60 * 60 * 1000));
  const sessions = await repo.deleteSessionsEndedBefore(ctx.db, new Date(now - 30 * 24 * 60 * 60 * 1000));
  return { codes, sessions, loginFailures };
}
