import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../../platform/errors.js';
import { mayManageKeys } from './policy.js';
import type { CreateKeyInput, KeyViewT } from './schema.js';

/**
 * Client keys: one per client application, issued by an administrator, shown
 * once, stored as a sha256 hash (a key is 192 random bits, so a fast hash is
 * enough: nobody can guess one to test against it). In demo mode the key
 * `demo` is also accepted, so the endpoint can be tried at once.
 */

export const DEMO_KEY = 'demo';
const KEY_PREFIX = 'lx311_';

export const hashKey = (key: string) => crypto.createHash('sha256').update(key, 'utf8').digest('hex');

export interface Client {
  apiKeyId: string | null;
  name: string;
}

/** The client behind an api_key, or null (unknown or revoked). */
export async function verifyKey(db: Executor, key: string, demo: boolean): Promise<Client | null> {
  if (demo && key === DEMO_KEY) return { apiKeyId: null, name: DEMO_KEY };
  if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
  const row = await db.selectFrom('open311_api_keys').select(['id', 'name']).where('key_hash', '=', hashKey(key)).where('revoked_at', 'is', null).executeTakeFirst();
  return row ? { apiKeyId: row.id, name: row.name } : null;
}

/** The key was used (in the transaction of the case it filed). */
export async function touchKey(trx: Executor, id: string, at: Date): Promise<void> {
  await trx.updateTable('open311_api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}

function requireManager(ctx: ServiceContext) {
  if (!ctx.actor) throw unauthorized();
  if (!mayManageKeys(ctx.actor)) throw forbidden('open311.keys_forbidden');
  return ctx.actor;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function selectKeys(db: Executor) {
  return db
    .selectFrom('open311_api_keys as k')
    .select([
      'k.id',
      'k.name',
      'k.contact',
      'k.key_prefix',
      'k.created_at',
      'k.last_used_at',
      'k.revoked_at',
      sql<number>`(select count(*)::int from open311_requests r where r.api_key_id = k.id)`.as('request_count'),
    ]);
}

type KeyRow = Awaited<ReturnType<ReturnType<typeof selectKeys>['executeTakeFirstOrThrow']>>;

function present(r: KeyRow): KeyViewT {
  return {
    id: r.id,
    name: r.name,
    contact: r.contact,
    keyPrefix: r.key_prefix,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
    requestCount: Number(r.request_count),
  };
}

/** `GET /api/open311/keys`: every key, active ones first. */
export async function listKeys(ctx: ServiceContext, demo: boolean) {
  requireManager(ctx);
  const rows = await selectKeys(ctx.db).orderBy(sql`k.revoked_at is not null`).orderBy('k.created_at', 'desc').execute();
  return { items: rows.map(present), demoKeyAccepted: demo };
}

/** `POST /api/open311/keys`: a new key; the answer is the only place the secret ever appears. */
export async function createKey(ctx: ServiceContext, input: CreateKeyInput) {
  const actor = requireManager(ctx);
  const name = input.name.trim();
  if (name.length < 2) throw badRequest('open311.blank', 'name');
  const contact = input.contact?.trim() || null;
  const key = `${KEY_PREFIX}${crypto.randomBytes(24).toString('base64url')}`;
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('open311_api_keys')
      .values({ name, contact, key_prefix: key.slice(0, KEY_PREFIX.length + 4), key_hash: hashKey(key), created_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'open311.key.create', targetType: 'open311_key', targetId: row.id, after: { name, keyPrefix: key.slice(0, KEY_PREFIX.length + 4) } });
    return row.id;
  });
  const row = await selectKeys(ctx.db).where('k.id', '=', id).executeTakeFirstOrThrow();
  return { ...present(row), key };
}

/** `POST /api/open311/keys/:id/revoke`: the key stops working at once; its cases stay. */
export async function revokeKey(ctx: ServiceContext, id: string) {
  const actor = requireManager(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('open311_api_keys').select(['id', 'name', 'revoked_at']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('open311.key_not_found');
    if (row.revoked_at) throw conflict('open311.key_revoked');
    const now = ctx.clock.now();
    await trx.updateTable('open311_api_keys').set({ revoked_at: now, revoked_by: actor.userId }).where('id', '=', id).execute();
    await audit(trx, ctx, { action: 'open311.key.revoke', targetType: 'open311_key', targetId: id, before: { name: row.name }, after: { revokedAt: now.toISOString() } });
  });
  return present(await selectKeys(ctx.db).where('k.id', '=', id).executeTakeFirstOrThrow());
}
