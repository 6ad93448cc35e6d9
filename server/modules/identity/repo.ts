import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import { publishSessionsEnded } from '../../platform/live/session-events.js';
import type { OtpStatus } from './tables.js';

/**
 * Queries of the identity module. Plain functions over an Executor (the pool
 * or the caller's transaction).
 *
 * Identity is the one module that reads and creates `users` rows directly:
 * signing in and registering by phone are the very act of looking a person
 * up, and people's own service builds on top of these accounts.
 */
export interface AccountRow {
  id: string;
  name: string;
  phone: string | null;
  username: string | null;
  status: 'active' | 'disabled';
}

const ACCOUNT_COLUMNS = ['id', 'name', 'phone', 'username', 'status'] as const;

export function findAccountByPhone(db: Executor, phone: string): Promise<AccountRow | undefined> {
  return db.selectFrom('users').select(ACCOUNT_COLUMNS).where('phone', '=', phone).executeTakeFirst();
}

export function findAccountByUsername(db: Executor, username: string): Promise<AccountRow | undefined> {
  return db.selectFrom('users').select(ACCOUNT_COLUMNS).where('username', '=', username).executeTakeFirst();
}

export function findAccount(db: Executor, userId: string): Promise<AccountRow | undefined> {
  return db.selectFrom('users').select(ACCOUNT_COLUMNS).where('id', '=', userId).executeTakeFirst();
}

/** Inserts a user; undefined when the phone is already taken (a concurrent registration). */
export function insertAccount(db: Executor, values: { name: string; phone: string }): Promise<AccountRow | undefined> {
  return db
    .insertInto('users')
    .values({ name: values.name, phone: values.phone, username: null })
    .onConflict((oc) => oc.column('phone').doNothing())
    .returning(ACCOUNT_COLUMNS)
    .executeTakeFirst();
}

/** Sets a person's name; the row as it was before, locked, is read by the caller. */
export async function setAccountName(db: Executor, userId: string, name: string): Promise<void> {
  await db.updateTable('users').set({ name }).where('id', '=', userId).execute();
}

export function findAccountForUpdate(db: Executor, userId: string): Promise<AccountRow | undefined> {
  return db.selectFrom('users').select(ACCOUNT_COLUMNS).where('id', '=', userId).forUpdate().executeTakeFirst();
}

// ---- credentials ----

export interface CredentialRow {
  user_id: string;
  password_hash: string;
  failed_attempts: number;
  locked_until: Date | null;
  changed_at: Date;
}

/** The credentials row, locked for update so concurrent failures count one by one. */
export function credentialsForUpdate(db: Executor, userId: string): Promise<CredentialRow | undefined> {
  return db.selectFrom('credentials').selectAll().where('user_id', '=', userId).forUpdate().executeTakeFirst();
}

export async function hasCredentials(db: Executor, userId: string): Promise<boolean> {
  const row = await db.selectFrom('credentials').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  return !!row;
}

/** Sets a password; a new password also clears any lockout. */
export async function upsertPassword(db: Executor, userId: string, passwordHash: string, now: Date): Promise<void> {
  await db
    .insertInto('credentials')
    .values({ user_id: userId, password_hash: passwordHash, failed_attempts: 0, locked_until: null, changed_at: now })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ password_hash: passwordHash, failed_attempts: 0, locked_until: null, changed_at: now }),
    )
    .execute();
}

export async function setLockState(db: Executor, userId: string, state: { failed_attempts: number; locked_until: Date | null }): Promise<void> {
  await db.updateTable('credentials').set(state).where('user_id', '=', userId).execute();
}

/** The failure count of a login that names no account with a password, locked for this transaction. */
export async function loginFailuresForUpdate(trx: Executor, loginKey: string, now: Date): Promise<{ failed_attempts: number; locked_until: Date | null }> {
  await trx.insertInto('login_failures').values({ login_key: loginKey, failed_attempts: 0, locked_until: null, updated_at: now }).onConflict((oc) => oc.column('login_key').doNothing()).execute();
  return trx.selectFrom('login_failures').select(['failed_attempts', 'locked_until']).where('login_key', '=', loginKey).forUpdate().executeTakeFirstOrThrow();
}

export async function setLoginFailures(trx: Executor, loginKey: string, state: { failed_attempts: number; locked_until: Date | null }, now: Date): Promise<void> {
  await trx.updateTable('login_failures').set({ ...state, updated_at: now }).where('login_key', '=', loginKey).execute();
}

export async function deleteLoginFailuresBefore(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('login_failures').where('updated_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---- sessions ----

/** Revokes a session; its open live streams close on commit (session-events.ts). */
export async function revokeSession(db: Executor, sessionId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const revoked = Number(result.numUpdatedRows) > 0;
  if (revoked) await publishSessionsEnded(db, { sessionId });
  return revoked;
}

/** Revokes every open session of a person (but `keep`); returns how many. Their live streams close on commit. */
export async function revokeSessionsOf(db: Executor, userId: string, now: Date, keep: string | null = null): Promise<number> {
  let query = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keep) query = query.where('id', '!=', keep);
  const result = await query.executeTakeFirst();
  const revoked = Number(result.numUpdatedRows);
  if (revoked > 0) await publishSessionsEnded(db, { userId, keep });
  return revoked;
}

export async function csrfTokenOf(db: Executor, sessionId: string): Promise<string | null> {
  const row = await db.selectFrom('sessions').select('csrf_token').where('id', '=', sessionId).executeTakeFirst();
  return row?.csrf_token ?? null;
}

// ---- one-time codes ----

/** Serialises the code requests and checks of one phone (a transaction-scoped advisory lock). */
export async function lockPhone(db: Executor, phone: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`lianxin.otp:${phone}`}))`.execute(db);
}

export interface OtpRow {
  id: string;
  phone: string;
  code_hash: string;
  status: OtpStatus;
  attempts: number;
  created_at: Date;
  expires_at: Date;
}

export function latestOtp(db: Executor, phone: string): Promise<OtpRow | undefined> {
  return db
    .selectFrom('otp_codes')
    .select(['id', 'phone', 'code_hash', 'status', 'attempts', 'created_at', 'expires_at'])
    .where('phone', '=', phone)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

/** Codes sent to a phone since a moment: how many, and when the oldest of them was. */
export async function otpCountSince(db: Executor, phone: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('otp_codes')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('phone', '=', phone)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: (row.oldest as Date | null) ?? null };
}

export async function supersedePendingOtps(db: Executor, phone: string): Promise<void> {
  await db.updateTable('otp_codes').set({ status: 'superseded' }).where('phone', '=', phone).where('status', '=', 'pending').execute();
}

export async function insertOtp(db: Executor, values: { phone: string; codeHash: string; now: Date; expiresAt: Date }): Promise<string> {
  const row = await db
    .insertInto('otp_codes')
    .values({ phone: values.phone, code_hash: values.codeHash, created_at: values.now, expires_at: values.expiresAt, used_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOtp(db: Executor, id: string, set: { status?: OtpStatus; attempts?: number; used_at?: Date }): Promise<void> {
  await db.updateTable('otp_codes').set(set).where('id', '=', id).execute();
}

/** Deletes codes older than `before` (they only matter for the per-day count). */
export async function deleteOtpsBefore(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom('otp_codes').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes sessions that ended (expired or revoked) before `before`. */
export async function deleteSessionsEndedBefore(db: Executor, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---- dev outbox ----

export function latestOutbox(db: Executor, limit: number) {
  return db
    .selectFrom('sms_outbox')
    .select(['id', 'phone', 'body', 'purpose', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// ---- administrator bootstrap (the regions module offers no such lookups; on an empty database there is nothing to look up) ----

/** The region unit highest in the tree (shortest prefix), if any region has one. */
export function topRegionUnit(db: Executor): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.code', 'u.region_code')
    .select(['u.id', 'u.name'])
    .where('u.kind', '=', 'region')
    .orderBy(sql`length(r.prefix)`)
    .orderBy('r.code')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts the region unless it exists; true when inserted. */
export async function ensureRegion(
  db: Executor,
  region: { code: string; name: string; level: string; parentCode: string | null; prefix: string },
): Promise<boolean> {
  const row = await db
    .insertInto('regions')
    .values({ code: region.code, name: region.name, level: region.level, kind: null, parent_code: region.parentCode, prefix: region.prefix })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return !!row;
}

export async function insertGrant(db: Executor, values: { userId: string; role: string; unitId: string; grantedBy: string | null }): Promise<string> {
  const row = await db
    .insertInto('role_grants')
    .values({ user_id: values.userId, role: values.role, unit_id: values.unitId, granted_by: values.grantedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function platformState(db: Executor, key: string): Promise<unknown> {
  const row = await db.selectFrom('platform_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}
