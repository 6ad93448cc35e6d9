import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../../platform/db/database.js';
import type { Clock, ServiceContext } from '../../platform/context.js';
import type { Authentication } from '../../platform/module.js';
import { coalescer, coalescerPerDatabase } from '../../platform/coalesce.js';
import { actorFrom, actorGrants, actorHouseholdRegions } from '../people/actor.js';
import { PREPARED } from '../../platform/db/prepared-client.js';
import { referenceVersionsValue } from '../../platform/reference-cache.js';

export const SESSION_COOKIE = 'lx_session';
const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_EVERY_MS = 60 * 1000;

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

export interface NewSession {
  token: string;
  csrfToken: string;
  sessionId: string;
}

/** Opens a session for a person who has just proved who they are. */
export async function createSession(
  db: Executor,
  clock: Clock,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const now = clock.now();
  const sessionId = hashToken(token);
  await db
    .insertInto('sessions')
    .values({
      id: sessionId,
      user_id: userId,
      csrf_token: csrfToken,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
    })
    .execute();
  return { token, csrfToken, sessionId };
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The session and its actor in one statement, for many sessions at once. */
function readSessions(db: Executor, ids: readonly string[]) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      'u.id',
      'u.name',
      'u.status',
      actorGrants().as('grants'),
      actorHouseholdRegions().as('household_regions'),
      // Once per statement (uncorrelated): a request that uses reference data then needs no query for them.
      referenceVersionsValue().as('reference_versions'),
    ])
    .where(sql<boolean>`s.id = any(${ids})`)
    // Every authenticated request runs it: parsed once per connection, its plan kept (ids are primary keys).
    .modifyEnd(PREPARED)
    .execute();
}

type SessionRow = Awaited<ReturnType<typeof readSessions>>[number];

// Every authenticated request asks this: requests that wait at the same time share one round trip.
const sessionLookup = coalescerPerDatabase((db: Executor) =>
  coalescer<string, SessionRow | undefined>(async (ids) => {
    const rows = await readSessions(db, [...new Set(ids)]);
    const byId = new Map(rows.map((r) => [r.session_id, r]));
    return ids.map((id) => byId.get(id));
  }),
);

/**
 * Resolves the caller from the session cookie. A session ends when revoked,
 * past its absolute lifetime, or idle longer than the configured minutes.
 */
export async function authenticateRequest(
  request: FastifyRequest,
  ctx: Omit<ServiceContext, 'actor'>,
): Promise<Authentication | null> {
  const token = request.cookies?.[SESSION_COOKIE];
  if (!token) return null;
  const id = hashToken(token);
  const session = await sessionLookup(ctx.db)(id);
  if (!session || session.revoked_at || session.status !== 'active') return null;
  const now = ctx.clock.now().getTime();
  const idleMs = request.server.config.sessionIdleMinutes * 60 * 1000;
  if (session.expires_at.getTime() <= now || session.last_seen_at.getTime() + idleMs <= now) return null;
  let lastSeen = session.last_seen_at.getTime();
  if (now - lastSeen > TOUCH_EVERY_MS) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: new Date(now) }).where('id', '=', id).execute();
    lastSeen = now;
  }
  const actor = actorFrom(session, session.session_id);
  return {
    actor,
    csrfToken: session.csrf_token,
    endsAt: new Date(Math.min(session.expires_at.getTime(), lastSeen + idleMs)),
    referenceVersions: session.reference_versions,
  };
}

/** When a session ends if nothing happens before (idle timeout or absolute end); null when it has ended. */
export async function sessionEndsAt(ctx: Pick<ServiceContext, 'db' | 'clock'>, sessionId: string, idleMinutes: number): Promise<Date | null> {
  const session = await ctx.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.last_seen_at', 's.expires_at', 's.revoked_at', 'u.status'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  if (!session || session.revoked_at || session.status !== 'active') return null;
  const end = Math.min(session.expires_at.getTime(), session.last_seen_at.getTime() + idleMinutes * 60 * 1000);
  return end <= ctx.clock.now().getTime() ? null : new Date(end);
}
